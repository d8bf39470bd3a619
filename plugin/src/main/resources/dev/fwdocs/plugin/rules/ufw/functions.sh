fwdocs_check_backend() {
	command -v ufw >/dev/null 2>&1 || fwdocs_fail 4 "ufw is not installed"
	fwdocs_status=$(ufw status 2>&1) || fwdocs_fail 4 "ufw status failed: $fwdocs_status"
	case $fwdocs_status in
	'Status: active'*) ;;
	*) fwdocs_fail 4 "ufw is not active (enable it first with: ufw enable)" ;;
	esac
	if grep -q '^IPV6=yes' /etc/default/ufw 2>/dev/null; then
		fwdocs_ufw_v6=1
	else
		fwdocs_ufw_v6=0
	fi
}

# fwdocs_ufw_rule FAMILY RULE in|out PROTO PORT ADDRESS: one ufw rule with this script's comment, unless
# ufw has it already. ADDRESS is the peer (source for in, destination for out); "any" means any address
# of FAMILY. An equal rule that someone else added (another comment) is left alone: ufw would otherwise
# just put our comment on it, and undo would then delete a rule this script did not add.
fwdocs_ufw_rule() {
	fwdocs_family=$1
	fwdocs_comment="$FWDOCS_TAG $2"
	fwdocs_addr=$6
	if [ "$fwdocs_addr" = any ]; then
		if [ "$fwdocs_family" = 4 ]; then fwdocs_addr=0.0.0.0/0; else fwdocs_addr=::/0; fi
	fi
	if [ "$3" = in ]; then
		set -- allow in proto "$4" from "$fwdocs_addr" to any port "$5"
	else
		set -- allow out proto "$4" from any to "$fwdocs_addr" port "$5"
	fi
	if [ "$fwdocs_family" = 6 ] && [ "$fwdocs_ufw_v6" = 0 ]; then
		fwdocs_note "IPv6 is off in /etc/default/ufw (IPV6=no); not added: ufw $*"
		return 0
	fi
	fwdocs_plan=$(ufw --dry-run "$@" comment "$fwdocs_comment")
	case $fwdocs_plan in
	*'Skipping adding existing rule'*)
		fwdocs_say "already there: ufw $* comment '$fwdocs_comment'"
		return 0
		;;
	esac
	if [ "$fwdocs_family" = 4 ]; then fwdocs_rules=/etc/ufw/user.rules; else fwdocs_rules=/etc/ufw/user6.rules; fi
	fwdocs_before=$(grep -c '^### tuple ###' "$fwdocs_rules" || :)
	fwdocs_after=$(printf '%s\n' "$fwdocs_plan" | grep -c '^### tuple ###' || :)
	if [ "$fwdocs_after" -le "$fwdocs_before" ]; then
		fwdocs_note "ufw already has this rule without this script's comment; left as it is (undo keeps it): ufw $*"
		return 0
	fi
	fwdocs_run ufw "$@" comment "$fwdocs_comment"
}

# Deletes, highest number first so that the numbers still to delete stay valid, every ufw rule whose
# comment starts with this script's tag.
fwdocs_undo() {
	fwdocs_numbers=$(ufw status numbered | awk -v tag="$FWDOCS_TAG " '
		{
			i = index($0, " # ")
			if (i > 0 && index(substr($0, i + 3), tag) == 1 && match($0, /^\[ *[0-9]+\]/)) {
				n = substr($0, 2, RLENGTH - 2)
				gsub(/ /, "", n)
				print n
			}
		}' | sort -rn)
	if [ -z "$fwdocs_numbers" ]; then
		fwdocs_say "ufw has no rules with the comment '$FWDOCS_TAG ...'; nothing to remove"
		return 0
	fi
	for fwdocs_n in $fwdocs_numbers; do
		fwdocs_run ufw --force delete "$fwdocs_n"
	done
}

