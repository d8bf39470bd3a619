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

fwdocs_nl='
'
# The rules this run wants, one "FAMILY RULE in|out PROTO PORT ADDRESS" per line, and their "in|out PROTO/PORT
# ADDRESS" keys (one ufw rule each, so that a rule wanted by two catalog rules is added once).
fwdocs_wanted=
fwdocs_wanted_keys=

# fwdocs_ufw_rule FAMILY RULE in|out PROTO PORT ADDRESS: this run wants one ufw rule; fwdocs_converge adds it.
# ADDRESS is the peer (source for in, destination for out); "any" means any address of FAMILY.
fwdocs_ufw_rule() {
	fwdocs_addr=$6
	if [ "$fwdocs_addr" = any ]; then
		if [ "$1" = 4 ]; then fwdocs_addr=0.0.0.0/0; else fwdocs_addr=::/0; fi
	fi
	if [ "$1" = 6 ] && [ "$fwdocs_ufw_v6" = 0 ]; then
		fwdocs_note "IPv6 is off in /etc/default/ufw (IPV6=no); not added: rule $2 $3 $4 $5 $fwdocs_addr"
		return 0
	fi
	fwdocs_key="$3 $4/$5 $fwdocs_addr"
	case $fwdocs_nl$fwdocs_wanted_keys in
	*"$fwdocs_nl$fwdocs_key$fwdocs_nl"*) return 0 ;;
	esac
	fwdocs_wanted_keys="$fwdocs_wanted_keys$fwdocs_key$fwdocs_nl"
	fwdocs_wanted="$fwdocs_wanted$1 $2 $3 $4 $5 $fwdocs_addr$fwdocs_nl"
}

# Prints "NUMBER COMMENT" for every rule in ufw status numbered whose comment starts with this script's tag.
fwdocs_ours() {
	ufw status numbered | awk -v tag="$FWDOCS_TAG " '
		{
			i = index($0, " # ")
			if (i > 0 && index(substr($0, i + 3), tag) == 1 && match($0, /^\[ *[0-9]+\]/)) {
				n = substr($0, 2, RLENGTH - 2)
				gsub(/ /, "", n)
				c = substr($0, i + 3)
				sub(/ +$/, "", c)
				print n " " c
			}
		}'
}

# fwdocs_hex TEXT: TEXT as ufw stores comments in its rules files (hex of the bytes, lower case).
fwdocs_hex() {
	printf '%s' "$1" | od -An -v -tx1 | tr -d ' \n'
}

# fwdocs_in_list LINE LIST: true when LINE is one of the lines of LIST.
fwdocs_in_list() {
	case $fwdocs_nl$2$fwdocs_nl in
	*"$fwdocs_nl$1$fwdocs_nl"*) return 0 ;;
	esac
	return 1
}

# fwdocs_wanted_rule check|add FAMILY RULE in|out PROTO PORT ADDRESS. The comment names the rule and its key, so
# that a later run with other addresses or ports knows which of its rules are no longer wanted.
#   check: true when ufw has exactly this rule with this comment (ufw --dry-run says it would skip it).
#   add:   adds it, unless ufw has an equal rule already. An equal rule with another comment that is not one of
#          this run's rules is someone else's: left alone (adding ours would just put our comment on it, and undo
#          would then delete a rule this script did not add).
fwdocs_wanted_rule() {
	fwdocs_mode=$1
	fwdocs_family=$2
	fwdocs_comment="$FWDOCS_TAG $3 $4 $5/$6 $7"
	if [ "$4" = in ]; then
		set -- allow in proto "$5" from "$7" to any port "$6"
	else
		set -- allow out proto "$5" from any to "$7" port "$6"
	fi
	fwdocs_plan=$(ufw --dry-run "$@" comment "$fwdocs_comment")
	case $fwdocs_plan in
	*'Skipping adding existing rule'*)
		if [ "$fwdocs_mode" = add ]; then
			fwdocs_kept="$fwdocs_kept$fwdocs_comment$fwdocs_nl"
		fi
		fwdocs_say "already there: ufw $* comment '$fwdocs_comment'"
		return 0
		;;
	esac
	if [ "$fwdocs_mode" = check ]; then
		return 1
	fi
	if [ "$fwdocs_family" = 4 ]; then fwdocs_rules=/etc/ufw/user.rules; else fwdocs_rules=/etc/ufw/user6.rules; fi
	fwdocs_file_tuples=$(grep '^### tuple ###' "$fwdocs_rules" || :)
	fwdocs_plan_tuples=$(printf '%s\n' "$fwdocs_plan" | grep '^### tuple ###' || :)
	fwdocs_before=$(printf '%s' "$fwdocs_file_tuples" | grep -c '^' || :)
	fwdocs_after=$(printf '%s' "$fwdocs_plan_tuples" | grep -c '^' || :)
	if [ "$fwdocs_after" -le "$fwdocs_before" ]; then
		# ufw would change an equal rule in place: whose is it? (the comment of the tuple the plan replaces)
		fwdocs_other=$(printf '%s\n%s\n%s\n' "$fwdocs_plan_tuples" '=' "$fwdocs_file_tuples" | awk '
			$0 == "=" { file = 1; next }
			!file { plan[$0] = 1; next }
			!($0 in plan) { if (match($0, /comment=[0-9a-f]*/)) print substr($0, RSTART + 8, RLENGTH - 8); exit }')
		fwdocs_owner=
		fwdocs_old_ifs=$IFS
		IFS=$fwdocs_nl
		for fwdocs_c in $fwdocs_kept; do
			if [ -n "$fwdocs_other" ] && [ "$(fwdocs_hex "$fwdocs_c")" = "$fwdocs_other" ]; then
				fwdocs_owner=$fwdocs_c
			fi
		done
		IFS=$fwdocs_old_ifs
		if [ -n "$fwdocs_owner" ]; then
			fwdocs_say "already there as '$fwdocs_owner': ufw $*"
			return 0
		fi
		case $fwdocs_other in
		"$(fwdocs_hex "$FWDOCS_TAG ")"*)
			# a rule of this script that this run removes first (only a dry run gets here): then it is added
			;;
		*)
			fwdocs_note "ufw already has this rule without this script's comment; left as it is (undo keeps it): ufw $*"
			return 0
			;;
		esac
	fi
	fwdocs_run ufw "$@" comment "$fwdocs_comment"
	fwdocs_kept="$fwdocs_kept$fwdocs_comment$fwdocs_nl"
}

# Makes ufw hold exactly the wanted rules among this script's rules: keeps those that are already right
# (no ufw command for them), deletes every other rule with this script's tag (rules of an earlier run with
# other addresses or ports), then adds the missing ones. Deleting first means a narrowed source is never
# open wider, not even while this runs. Rules with other comments are never deleted.
fwdocs_converge() {
	fwdocs_our_rules=$(fwdocs_ours)
	fwdocs_our_comments=$(printf '%s\n' "$fwdocs_our_rules" | sed 's/^[0-9]* //')
	fwdocs_kept=
	fwdocs_missing=
	fwdocs_old_ifs=$IFS
	IFS=$fwdocs_nl
	for fwdocs_w in $fwdocs_wanted; do
		IFS=$fwdocs_old_ifs
		# shellcheck disable=SC2086 # the fields are ids, ports and checked addresses; globbing is off (set -f)
		set -- $fwdocs_w
		if fwdocs_in_list "$FWDOCS_TAG $2 $3 $4/$5 $6" "$fwdocs_our_comments" &&
			fwdocs_wanted_rule check "$@"; then
			fwdocs_kept="$fwdocs_kept$FWDOCS_TAG $2 $3 $4/$5 $6$fwdocs_nl"
		else
			fwdocs_missing="$fwdocs_missing$fwdocs_w$fwdocs_nl"
		fi
	done
	IFS=$fwdocs_old_ifs
	fwdocs_numbers=$(printf '%s\n' "$fwdocs_our_rules" | while read -r fwdocs_n fwdocs_c; do
		if [ -n "$fwdocs_n" ] && ! fwdocs_in_list "$fwdocs_c" "$fwdocs_kept"; then
			printf '%s\n' "$fwdocs_n"
		fi
	done | sort -rn)
	for fwdocs_n in $fwdocs_numbers; do
		fwdocs_c=$(printf '%s\n' "$fwdocs_our_rules" | sed -n "s/^$fwdocs_n //p")
		fwdocs_say "not wanted any more: rule $fwdocs_n, '$fwdocs_c'"
		fwdocs_run ufw --force delete "$fwdocs_n"
	done
	IFS=$fwdocs_nl
	for fwdocs_w in $fwdocs_missing; do
		IFS=$fwdocs_old_ifs
		# shellcheck disable=SC2086 # as above
		fwdocs_wanted_rule add $fwdocs_w
	done
	IFS=$fwdocs_old_ifs
}

# Deletes, highest number first so that the numbers still to delete stay valid, every ufw rule whose
# comment starts with this script's tag.
fwdocs_undo() {
	fwdocs_numbers=$(fwdocs_ours | sed 's/ .*//' | sort -rn)
	if [ -z "$fwdocs_numbers" ]; then
		fwdocs_say "ufw has no rules with the comment '$FWDOCS_TAG ...'; nothing to remove"
		return 0
	fi
	for fwdocs_n in $fwdocs_numbers; do
		fwdocs_run ufw --force delete "$fwdocs_n"
	done
}
