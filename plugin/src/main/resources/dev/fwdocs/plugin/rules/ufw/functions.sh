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

# A ufw rule that the scripts of two roles on one machine both want is one rule (ufw keeps one rule per match):
# its comment names every owner, the keys joined by this separator, so that undoing one role keeps the rule
# for the other.
fwdocs_sep=' & '
fwdocs_tab=$(printf '\t')

# Prints "NUMBER<tab>KEY<tab>COMMENT" for every rule in ufw status numbered whose comment has a key of this
# script ("TAG RULE in|out PROTO/PORT ADDRESS"); COMMENT is the whole comment, with the other owners' keys.
fwdocs_ours() {
	ufw status numbered | awk -v tag="$FWDOCS_TAG " -v sep="$fwdocs_sep" '
		{
			i = index($0, " # ")
			if (i == 0 || !match($0, /^\[ *[0-9]+\]/)) next
			n = substr($0, 2, RLENGTH - 2)
			gsub(/ /, "", n)
			c = substr($0, i + 3)
			sub(/ +$/, "", c)
			rest = c
			while (rest != "") {
				j = index(rest, sep)
				if (j > 0) { part = substr(rest, 1, j - 1); rest = substr(rest, j + length(sep)) }
				else { part = rest; rest = "" }
				if (index(part, tag) == 1) print n "\t" part "\t" c
			}
		}'
}

# fwdocs_without COMMENT KEY: the comment of a shared rule with the key KEY taken out.
fwdocs_without() {
	printf '%s' "$1" | awk -v k="$2" -v sep="$fwdocs_sep" '
		{
			rest = $0; out = ""
			while (rest != "") {
				j = index(rest, sep)
				if (j > 0) { part = substr(rest, 1, j - 1); rest = substr(rest, j + length(sep)) }
				else { part = rest; rest = "" }
				if (part != k) out = out (out == "" ? "" : sep) part
			}
			printf "%s", out
		}'
}

# fwdocs_rule_args KEY: sets the positional parameters to the ufw rule of a key (its last three words:
# in|out PROTO/PORT ADDRESS), as fwdocs_wanted_rule adds it.
fwdocs_rule_args() {
	fwdocs_dir=$(printf '%s' "$1" | awk '{ print $(NF - 2) }')
	fwdocs_pp=$(printf '%s' "$1" | awk '{ print $(NF - 1) }')
	fwdocs_peer=$(printf '%s' "$1" | awk '{ print $NF }')
	if [ "$fwdocs_dir" = in ]; then
		set -- allow in proto "${fwdocs_pp%/*}" from "$fwdocs_peer" to any port "${fwdocs_pp#*/}"
	else
		set -- allow out proto "${fwdocs_pp%/*}" from any to "$fwdocs_peer" port "${fwdocs_pp#*/}"
	fi
	fwdocs_args=$*
}

# fwdocs_release NUMBER KEY COMMENT: this script no longer wants rule NUMBER: deleted when it is this script's
# alone, else only its key leaves the comment (the rule stays for the other owners).
fwdocs_release() {
	if [ "$2" = "$3" ]; then
		fwdocs_run ufw --force delete "$1"
		return 0
	fi
	fwdocs_rest=$(fwdocs_without "$3" "$2")
	fwdocs_rule_args "$2"
	# shellcheck disable=SC2086 # the words of a rule built from checked fields; globbing is off (set -f)
	set -- $fwdocs_args
	fwdocs_say "rule $1 is also wanted by another fwdocs script; only this script's name leaves its comment"
	fwdocs_run ufw "$@" comment "$fwdocs_rest"
}

# fwdocs_unhex HEX: the text of a comment as ufw stores it in its rules files.
fwdocs_unhex() {
	printf '%s' "$1" | LC_ALL=C awk '{
		h = "0123456789abcdef"
		for (i = 1; i < length($0); i += 2)
			printf "%c", (index(h, substr($0, i, 1)) - 1) * 16 + index(h, substr($0, i + 1, 1)) - 1
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
	if [ "$fwdocs_mode" = check ]; then
		fwdocs_comment=$fwdocs_full # the rule's whole comment: shared with other scripts, it names them too
	fi
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
		"$(fwdocs_hex "fwdocs ")"*)
			# another fwdocs script's rule (another role on this machine): shared, its comment names both
			fwdocs_shared="$(fwdocs_unhex "$fwdocs_other")$fwdocs_sep$fwdocs_comment"
			fwdocs_say "also wanted by another fwdocs script: ufw $*"
			fwdocs_run ufw "$@" comment "$fwdocs_shared"
			fwdocs_kept="$fwdocs_kept$fwdocs_comment$fwdocs_nl"
			return 0
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
	# an audit only wants the list of wanted rules (fwdocs_audit_flows)
	[ "$fwdocs_audit" = 0 ] || return 0
	fwdocs_our_rules=$(fwdocs_ours)
	fwdocs_our_comments=$(printf '%s\n' "$fwdocs_our_rules" | cut -f2)
	fwdocs_kept=
	fwdocs_missing=
	fwdocs_old_ifs=$IFS
	IFS=$fwdocs_nl
	for fwdocs_w in $fwdocs_wanted; do
		IFS=$fwdocs_old_ifs
		# shellcheck disable=SC2086 # the fields are ids, ports and checked addresses; globbing is off (set -f)
		set -- $fwdocs_w
		fwdocs_key="$FWDOCS_TAG $2 $3 $4/$5 $6"
		if fwdocs_in_list "$fwdocs_key" "$fwdocs_our_comments"; then
			fwdocs_full=$(printf '%s\n' "$fwdocs_our_rules" | awk -F '\t' -v k="$fwdocs_key" '$2 == k { print $3; exit }')
			if fwdocs_wanted_rule check "$@"; then
				fwdocs_kept="$fwdocs_kept$fwdocs_key$fwdocs_nl"
				IFS=$fwdocs_nl
				continue
			fi
		fi
		fwdocs_missing="$fwdocs_missing$fwdocs_w$fwdocs_nl"
		IFS=$fwdocs_nl
	done
	IFS=$fwdocs_old_ifs
	fwdocs_release_all "$(printf '%s\n' "$fwdocs_our_rules" | while IFS=$fwdocs_tab read -r fwdocs_n fwdocs_k fwdocs_c; do
		if [ -n "$fwdocs_n" ] && ! fwdocs_in_list "$fwdocs_k" "$fwdocs_kept"; then
			printf '%s\t%s\t%s\n' "$fwdocs_n" "$fwdocs_k" "$fwdocs_c"
		fi
	done)" "not wanted any more"
	IFS=$fwdocs_nl
	for fwdocs_w in $fwdocs_missing; do
		IFS=$fwdocs_old_ifs
		# shellcheck disable=SC2086 # as above
		fwdocs_wanted_rule add $fwdocs_w
	done
	IFS=$fwdocs_old_ifs
}

# fwdocs_release_all LINES WHY: releases the rules of LINES (fwdocs_ours lines): shared ones first (their comment
# changes, their numbers do not), then the deletions, highest number first so that the numbers still to delete
# stay valid.
fwdocs_release_all() {
	fwdocs_list=$(printf '%s\n' "$1" | awk -F '\t' 'NF == 3 { print ($2 == $3 ? 1 : 0) "\t" $0 }' | sort -t "$fwdocs_tab" -k1,1n -k2,2rn | cut -f2-)
	[ -n "$fwdocs_list" ] || return 0
	# the list on descriptor 3: ufw's own input stays the script's
	while IFS=$fwdocs_tab read -r fwdocs_n fwdocs_k fwdocs_c <&3; do
		fwdocs_say "$2: rule $fwdocs_n, '$fwdocs_k'"
		fwdocs_release "$fwdocs_n" "$fwdocs_k" "$fwdocs_c"
	done 3<<FWDOCS_EOF
$fwdocs_list
FWDOCS_EOF
}

# Releases every ufw rule with a key of this script: deleted, or (shared with another fwdocs script) left to it.
fwdocs_undo() {
	fwdocs_our_rules=$(fwdocs_ours)
	if [ -z "$fwdocs_our_rules" ]; then
		fwdocs_say "ufw has no rules with the comment '$FWDOCS_TAG ...'; nothing to remove"
		return 0
	fi
	fwdocs_release_all "$fwdocs_our_rules" "removing"
}

# The files of /etc/ufw that hold ufw's rules and settings.
fwdocs_ufw_files='user.rules user6.rules before.rules before6.rules after.rules after6.rules ufw.conf'

# fwdocs_snapshot DIR / fwdocs_restore DIR: ufw's rule files (the user rules this script changes and the others
# beside them) and /etc/default/ufw, saved and copied back, then ufw reload puts them in force, for --confirm-within.
fwdocs_snapshot() {
	mkdir "$1/etc-ufw"
	for fwdocs_f in $fwdocs_ufw_files; do
		if [ -e "/etc/ufw/$fwdocs_f" ]; then
			cp -p "/etc/ufw/$fwdocs_f" "$1/etc-ufw/$fwdocs_f"
		fi
	done
	cp -p /etc/default/ufw "$1/default-ufw"
}

fwdocs_restore() {
	for fwdocs_f in $fwdocs_ufw_files; do
		if [ -e "$1/etc-ufw/$fwdocs_f" ]; then
			fwdocs_run cp -p "$1/etc-ufw/$fwdocs_f" "/etc/ufw/$fwdocs_f" || return 1
		fi
	done
	fwdocs_run cp -p "$1/default-ufw" /etc/default/ufw &&
		fwdocs_run ufw reload
}

# fwdocs_audit_flows: for fwdocs_audit, the rules this run wants (fwdocs_apply fills fwdocs_wanted and, in an audit,
# changes nothing) and the rules of ufw's user rules files whose comment has a key of this script, as the tuples
# there say they match (not as their comment says); a flow is named by its catalog rule id, the one name ufw keeps.
fwdocs_audit_flows() {
	fwdocs_apply >/dev/null
	for fwdocs_f in /etc/ufw/user.rules /etc/ufw/user6.rules; do
		[ -r "$fwdocs_f" ] || fwdocs_fail 4 "cannot read $fwdocs_f"
	done
	{
		printf '%s' "$fwdocs_wanted" | sed 's/^/want /'
		sed 's/^/have ipv4 /' /etc/ufw/user.rules
		sed 's/^/have ipv6 /' /etc/ufw/user6.rules
	} | LC_ALL=C awk -v tag="$FWDOCS_TAG " -v sep="$fwdocs_sep" '
		function unhex(x,   h, i, out) {
			h = "0123456789abcdef"; out = ""
			for (i = 1; i < length(x); i += 2)
				out = out sprintf("%c", (index(h, substr(x, i, 1)) - 1) * 16 + index(h, substr(x, i + 1, 1)) - 1)
			return out
		}
		function addr(a, fam) {
			if (a == "0.0.0.0/0" || a == "::/0") return "any"
			a = tolower(a)
			sub(fam == "ipv4" ? "/32$" : "/128$", "", a)
			return a
		}
		BEGIN { OFS = "\t" }
		$1 == "want" {
			fam = "ipv" $2; p = $6; gsub(/:/, "-", p)
			print "want", $4, fam, $5, p, addr($7, fam), $3
			next
		}
		$1 == "have" && $3 == "###" && $4 == "tuple" && $5 == "###" && $6 == "allow" && match($0, /comment=[0-9a-f]+/) {
			c = unhex(substr($0, RSTART + 8, RLENGTH - 8)) sep
			id = ""
			while ((j = index(c, sep)) > 0) {
				part = substr(c, 1, j - 1); c = substr(c, j + length(sep))
				if (index(part, tag) == 1) { split(substr(part, length(tag) + 1), w, " "); id = w[1] }
			}
			if (id == "") next
			# ACTION PROTO DPORT DST SPORT SRC DIRECTION
			p = $8; gsub(/:/, "-", p)
			dir = $12
			print "have", dir, $2, $7, p, addr(dir == "in" ? $11 : $9, $2), id
		}'
}
