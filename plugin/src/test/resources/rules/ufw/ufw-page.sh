#!/bin/bash
# ufw-page.sh BLOCK [SCRIPT OPTION...]: inside the sandbox: enable ufw as a reader has it, run a page's command block
# as pasted (sh -e) and print ufw's rules; then, with SCRIPT, run the role's script with OPTION... over the pasted
# rules and print the rules again, then its --undo and the rules again.
set -eu
ufw --force enable >/dev/null
sh -e "$1" || { echo "FAIL: the page commands fail as pasted (exit $?)"; exit 1; }
echo "=== status"
ufw status
if [ "$#" -gt 1 ]; then
	script=$2
	shift 2
	sh "$script" "$@" || { echo "FAIL: the script failed after the page (exit $?)"; exit 1; }
	echo "=== after script"
	ufw status
	sh "$script" --undo || { echo "FAIL: undo failed (exit $?)"; exit 1; }
	echo "=== after undo"
	ufw status
fi
echo "PAGE OK"
