#!/bin/bash
# ufw-sandbox.sh INNER [ARG...]: runs the bash script INNER inside private mount and network namespaces, with a
# tmpfs over /run and private copies of /etc/ufw, /etc/default/ufw and /usr/lib/ufw, so that ufw can be enabled,
# changed and reset without touching the host's firewall or files (see docs/ufw-firewalld.md, "How this is tested").
set -eu
# shellcheck disable=SC2016 # the inner script is expanded by the inner bash
exec unshare -m --propagation private -n bash -c '
set -eu
mount -n -t tmpfs tmpfs /run
t=$(mktemp -d /run/fwdocs-ufw.XXXXXX)
mkdir -p "$t/etc" "$t/default" "$t/lib"
cp -a /etc/ufw/. "$t/etc/"
cp -a /etc/default/ufw "$t/default/ufw"
cp -a /usr/lib/ufw/. "$t/lib/"
mount -n --bind "$t/etc" /etc/ufw
mount -n --bind "$t/default/ufw" /etc/default/ufw
mount -n --bind "$t/lib" /usr/lib/ufw
ip link set lo up
inner=$1
shift
exec bash "$inner" "$@"
' fwdocs-ufw-sandbox "$@"
