#!/bin/bash
# ufw-page.sh BLOCK: inside the sandbox: enable ufw as a reader has it, run a page's command block as pasted (sh -e),
# then print ufw's rules. Fails when a command of the block fails.
set -eu
ufw --force enable >/dev/null
sh -e "$1" || { echo "FAIL: the page commands fail as pasted (exit $?)"; exit 1; }
echo "=== status"
ufw status
echo "PAGE OK"
