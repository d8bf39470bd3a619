#!/bin/bash
# ufw-converge.sh SCRIPT 'OPTIONS A' 'OPTIONS B': inside the sandbox: enable ufw with rules of "the admin"
# ($ADMIN_RULES, one ufw command per line, some equal to rules the script adds), apply with options A, then
# with options B. Checks that the dry run of B changes nothing, that after B ufw holds exactly the rules a
# fresh apply of B makes (nothing of A is left), that B again runs no ufw command, that undo restores the
# state from before A, and that the admin's rules stay throughout. Prints the listings it compared.
set -eu
script=$1
read -r -a a <<< "$2"
read -r -a b <<< "$3"
w=$(mktemp -d /run/fwdocs-converge.XXXXXX)
state() {
	ufw status numbered
	cat /etc/ufw/user.rules /etc/ufw/user6.rules | grep -v '^# Last modified\|^#.*[0-9][0-9]:[0-9][0-9]' || :
	iptables -S ufw-user-input; iptables -S ufw-user-output
	ip6tables -S ufw6-user-input; ip6tables -S ufw6-user-output
}
# the rules as a set (order aside): a rule kept from A sits before the rules B added, in a fresh B after them
rules() {
	grep -h '^### tuple ###' /etc/ufw/user.rules /etc/ufw/user6.rules | sort
}
fail() { echo "FAIL: $*"; exit 1; }
ufw --force enable >/dev/null
ufw allow 22/tcp >/dev/null
while IFS= read -r r; do
	# shellcheck disable=SC2086
	[ -z "$r" ] || ufw $r >/dev/null
done <<< "${ADMIN_RULES:-}"
before=$(state)
admin=$(rules)

sh "$script" "${a[@]}" > "$w/a.out" 2>&1 || { cat "$w/a.out"; fail "apply A failed"; }
echo "=== after A"; ufw status numbered
after_a=$(state)
sh "$script" "${b[@]}" --dry-run > "$w/bd.out" 2>&1 || { cat "$w/bd.out"; fail "dry run of B failed"; }
[ "$(state)" = "$after_a" ] || fail "dry run of B changed ufw"
sh "$script" "${b[@]}" > "$w/b.out" 2>&1 || { cat "$w/b.out"; fail "apply B failed"; }
echo "=== after B"; ufw status numbered
after_b=$(state)
rules_ab=$(rules)
sh "$script" "${b[@]}" > "$w/b2.out" 2>&1 || { cat "$w/b2.out"; fail "apply B again failed"; }
[ "$(state)" = "$after_b" ] || fail "apply B twice differs from once"
if grep -q '^+ ufw ' "$w/b2.out"; then cat "$w/b2.out"; fail "second apply of B ran ufw commands"; fi
sh "$script" --undo > "$w/u.out" 2>&1 || { cat "$w/u.out"; fail "undo failed"; }
[ "$(state)" = "$before" ] || { diff <(echo "$before") <(state); fail "undo after A then B did not restore the state before A"; }
# a fresh B (from the state before A) makes the same rules as A then B
sh "$script" "${b[@]}" > "$w/fresh.out" 2>&1 || { cat "$w/fresh.out"; fail "fresh apply B failed"; }
rules_b=$(rules)
[ "$rules_ab" = "$rules_b" ] || { diff <(echo "$rules_b") <(echo "$rules_ab"); fail "A then B differs from B alone"; }
sh "$script" --undo > "$w/u2.out" 2>&1 || { cat "$w/u2.out"; fail "second undo failed"; }
[ "$(state)" = "$before" ] || fail "undo of a fresh B did not restore the state before"
[ "$(rules)" = "$admin" ] || fail "the admin's rules changed"
echo "=== dry run of B output"; cat "$w/bd.out"
echo "=== apply B output"; cat "$w/b.out"
echo "=== undo output"; cat "$w/u.out"
echo "CONVERGE OK"
