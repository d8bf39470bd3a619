#!/bin/bash
# ufw-scenario.sh SCRIPT [OPTION...]: inside the sandbox: enable ufw with two rules of "the admin" (one equal to
# a rule the script adds), then check dry run changes nothing, apply twice equals apply once, undo restores the
# state before exactly. Prints the rule listings it compared.
set -eu
script=$1
shift
# /run is a private tmpfs in the sandbox: nothing of this run lands in the host /tmp or collides with another run
w=$(mktemp -d /run/fwdocs-scenario.XXXXXX)
state() {
	ufw status numbered
	cat /etc/ufw/user.rules /etc/ufw/user6.rules | grep -v '^# Last modified\|^#.*[0-9][0-9]:[0-9][0-9]' || :
	iptables -S ufw-user-input; iptables -S ufw-user-output
	ip6tables -S ufw6-user-input; ip6tables -S ufw6-user-output
}
fail() { echo "FAIL: $*"; exit 1; }
ufw --force enable >/dev/null
ufw allow 22/tcp >/dev/null
if [ -n "${ADMIN_RULE:-}" ]; then
	# shellcheck disable=SC2086
	ufw $ADMIN_RULE >/dev/null
fi
before=$(state)
sh "$script" "$@" --dry-run > "$w/dry.out" 2>&1 || { cat "$w/dry.out"; fail "dry run failed"; }
[ "$(state)" = "$before" ] || fail "dry run changed ufw"
grep -q '^+ ufw ' "$w/dry.out" || grep -q 'nothing to open' "$w/dry.out" || fail "dry run printed no ufw command"
sh "$script" "$@" > "$w/a1.out" 2>&1 || { cat "$w/a1.out"; fail "apply failed"; }
once=$(state)
sh "$script" "$@" > "$w/a2.out" 2>&1 || { cat "$w/a2.out"; fail "second apply failed"; }
twice=$(state)
[ "$once" = "$twice" ] || { diff <(echo "$once") <(echo "$twice"); fail "apply twice differs from apply once"; }
if grep -q '^+ ufw ' "$w/a2.out"; then cat "$w/a2.out"; fail "second apply ran ufw commands"; fi
echo "=== after apply"; ufw status numbered
sh "$script" "$@" --undo --dry-run > "$w/ud.out" 2>&1 || { cat "$w/ud.out"; fail "undo dry run failed"; }
[ "$(state)" = "$once" ] || fail "undo dry run changed ufw"
sh "$script" "$@" --undo > "$w/u.out" 2>&1 || { cat "$w/u.out"; fail "undo failed"; }
after=$(state)
[ "$after" = "$before" ] || { diff <(echo "$before") <(echo "$after"); fail "undo did not restore the state before"; }
echo "=== apply output"; cat "$w/a1.out"
echo "=== second apply output"; cat "$w/a2.out"
echo "=== undo output"; cat "$w/u.out"
echo "SCENARIO OK"
