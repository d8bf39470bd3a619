fwdocs_check_backend() {
	command -v ufw >/dev/null 2>&1 || fwdocs_fail 4 "ufw is not installed"
	# numbered: the same listing tells fwdocs_ours this script's rules (nothing changes ufw before it is read)
	fwdocs_status=$(ufw status numbered 2>&1) || fwdocs_fail 4 "ufw status failed: $fwdocs_status"
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

# Prints "NUMBER<tab>KEY<tab>COMMENT" for every rule in ufw status numbered (as fwdocs_check_backend read it, before
# this run changed anything) whose comment has a key of this script ("TAG RULE in|out PROTO/PORT ADDRESS"); COMMENT is
# the whole comment, with the other owners' keys.
fwdocs_ours() {
	printf '%s\n' "$fwdocs_status" | awk -v tag="$FWDOCS_TAG " -v sep="$fwdocs_sep" '
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
		fwdocs_ufw --force delete "$1"
		return 0
	fi
	fwdocs_rest=$(fwdocs_without "$3" "$2")
	fwdocs_rule_args "$2"
	# shellcheck disable=SC2086 # the words of a rule built from checked fields; globbing is off (set -f)
	set -- $fwdocs_args
	fwdocs_tell fwdocs_say "rule $1 is also wanted by another fwdocs script; only this script's name leaves its comment"
	fwdocs_ufw "$@" comment "$fwdocs_rest"
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

# The interpreter ufw itself runs on (its #! line), which has ufw's own Python modules; /usr/bin/python3 when that
# line names no python.
fwdocs_ufw_python() {
	fwdocs_interp=$(sed -n '1s/^#! *//p' "$(command -v ufw)" 2>/dev/null) || fwdocs_interp=
	case ${fwdocs_interp%% *} in
	*/python*) ;;
	*) fwdocs_interp=/usr/bin/python3 ;;
	esac
	# shellcheck disable=SC2086 # the #! line's words: the interpreter and its flags
	$fwdocs_interp "$@"
}

# Adding, updating or deleting a rule is a ufw call of its own (its command line takes one rule), and each call is a
# Python start-up that also probes the kernel's iptables version and netfilter capabilities again (a test chain: a
# dozen iptables runs, of about twenty a rule), while a role has dozens of rules. So those calls wait in fwdocs_queue,
# together with what the script says between them, until fwdocs_flush: before any other ufw call or read of ufw's
# rules files, and at the end of a change. One item a line: "say TEXT", or "ufw SHOWN<tab>ARG<tab>ARG..." (SHOWN is
# the line fwdocs_show prints for the call). fwdocs_flush runs them in order in one Python run (FWDOCS_UFW_PY):
# ufw's own code with each call's arguments, those two probes made once, and the same lines printed in the same
# order as call by call. A line is printed only when its call runs, so a run that stops shows exactly the calls made.
fwdocs_queue=

# fwdocs_ufw ARGS...: one ufw change, printed and run (see fwdocs_queue); at once, call by call, when an argument is
# empty or holds a tab or a newline.
fwdocs_ufw() {
	if [ "$fwdocs_dry_run" = 1 ]; then
		fwdocs_show ufw "$@"
		return 0
	fi
	fwdocs_item="ufw $(fwdocs_show ufw "$@")"
	for fwdocs_arg do
		case $fwdocs_arg in
		'' | *"$fwdocs_tab"* | *"$fwdocs_nl"*)
			fwdocs_flush
			fwdocs_run ufw "$@"
			return 0
			;;
		esac
		fwdocs_item="$fwdocs_item$fwdocs_tab$fwdocs_arg"
	done
	fwdocs_queue="$fwdocs_queue$fwdocs_item$fwdocs_nl"
}

# fwdocs_tell fwdocs_say|fwdocs_note TEXT: that message, in its place among the queued calls.
fwdocs_tell() {
	if [ -z "$fwdocs_queue" ]; then
		"$@"
		return 0
	fi
	fwdocs_told=$("$@")
	case $fwdocs_told in
	*"$fwdocs_nl"*)
		fwdocs_flush
		printf '%s\n' "$fwdocs_told"
		;;
	*) fwdocs_queue="${fwdocs_queue}say $fwdocs_told$fwdocs_nl" ;;
	esac
}

# Runs the items of fwdocs_queue (see there). Arguments: the ufw program, then each item as one argument. Exits 255
# before the first item when ufw is not a Python program (its #! line) that this Python runs with ufw's modules (then
# the shell runs the items one by one); else as the first ufw call that fails, or 0.
FWDOCS_UFW_PY='
import sys
# not the folder the script was started in: a module there must not run as root
sys.path[:] = [p for p in sys.path if p not in ("", ".")]
import os
path, items = sys.argv[1], sys.argv[2:]
def say(line):
    # the bytes the shell gave, whatever the locale
    sys.stdout.flush()
    sys.stdout.buffer.write(os.fsencode(line) + b"\n")
    sys.stdout.buffer.flush()
try:
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if not text.startswith("#!") or "python" not in text.split("\n", 1)[0]:
        sys.exit(255)
    code = compile(text, path, "exec")
    import ufw.util
except Exception:
    sys.exit(255)
# probed once for every call: the kernel and iptables do not change between them
def once(probe):
    answers = {}
    def answer(*args, **kwargs):
        key = (args, tuple(sorted(kwargs.items())))
        if key not in answers:
            answers[key] = probe(*args, **kwargs)
        return answers[key]
    return answer
for name in ("get_iptables_version", "get_netfilter_capabilities"):
    if hasattr(ufw.util, name):
        setattr(ufw.util, name, once(getattr(ufw.util, name)))
for item in items:
    kind, _, rest = item.partition(" ")
    if kind == "say":
        say(rest)
        continue
    fields = rest.split("\t")
    say(fields[0])
    sys.argv = [path] + fields[1:]
    try:
        exec(code, {"__name__": "__main__", "__file__": path})
        status = 0
    except SystemExit as e:
        status = e.code
    sys.stdout.flush()
    if status is None or status == 0:
        continue
    if not isinstance(status, int):
        sys.stderr.write("%s\n" % status)
        status = 1
    elif not 0 < status < 255 or status in (126, 127):
        status = 1
    sys.exit(status)
'

fwdocs_flush() {
	[ -n "$fwdocs_queue" ] || return 0
	fwdocs_items=${fwdocs_queue%"$fwdocs_nl"}
	fwdocs_queue=
	fwdocs_flush_ifs=$IFS
	IFS=$fwdocs_nl
	# shellcheck disable=SC2086 # one item a line; globbing is off (set -f)
	set -- $fwdocs_items
	IFS=$fwdocs_flush_ifs
	fwdocs_rc=0
	fwdocs_ufw_python -c "$FWDOCS_UFW_PY" "$(command -v ufw)" "$@" || fwdocs_rc=$?
	case $fwdocs_rc in
	0) return 0 ;;
	126 | 127 | 255) ;; # no Python to run it: nothing ran
	*) exit "$fwdocs_rc" ;;
	esac
	for fwdocs_item do
		fwdocs_run_item "$fwdocs_item"
	done
}

# fwdocs_run_item ITEM: one item of fwdocs_queue, run by the shell.
fwdocs_run_item() {
	case $1 in
	'say '*)
		printf '%s\n' "${1#say }"
		return 0
		;;
	esac
	fwdocs_call=${1#*"$fwdocs_tab"}
	fwdocs_flush_ifs=$IFS
	IFS=$fwdocs_tab
	# shellcheck disable=SC2086 # the call's arguments, one a field (none empty, none with a tab); globbing is off
	set -- $fwdocs_call
	IFS=$fwdocs_flush_ifs
	fwdocs_run ufw "$@"
}

# Per input line "FAMILY ADDRESS": the address as ufw stores it in a rule (ufw's own normalize_address: host bits of
# an IPv4 network cleared, IPv6 in its short form, no /32 or /128).
FWDOCS_NORMALIZE_PY='
import sys
# not the folder the script was started in: a module there must not run as root
sys.path[:] = [p for p in sys.path if p not in ("", ".")]
from ufw.util import normalize_address
for line in sys.stdin.read().split("\n")[:-1]:
    family, address = line.split(" ")
    print(normalize_address(address.lower(), family == "6")[0])
'

# fwdocs_read_rules: what ufw compares a new rule with, for fwdocs_wanted_rule: fwdocs_matches, the match of each
# wanted rule in fwdocs_wanted's order ("FAMILY PROTO PORT DESTINATION any SOURCE in|out", addresses as ufw stores
# them; one Python run for all), and the tuples of fwdocs_read_tuples. fwdocs_known=0 (then ufw --dry-run answers,
# rule by rule) when ufw's Python modules or its rules files cannot be read.
fwdocs_read_rules() {
	fwdocs_known=0
	[ -n "$fwdocs_wanted" ] || return 0
	fwdocs_addrs=$(printf '%s' "$fwdocs_wanted" | awk '{ print $1 " " $6 }' |
		fwdocs_ufw_python -c "$FWDOCS_NORMALIZE_PY" 2>/dev/null) || return 0
	fwdocs_matches=$({
		printf '%s' "$fwdocs_wanted"
		printf '%s\n' '='
		printf '%s\n' "$fwdocs_addrs"
	} | awk '
		$0 == "=" { addrs = 1; next }
		!addrs { w[++m] = $0; next }
		{
			split(w[++n], f, " ")
			any = f[1] == 4 ? "0.0.0.0/0" : "::/0"
			if (f[3] == "in") print f[1] " " f[4] " " f[5] " " any " any " $0 " in"
			else print f[1] " " f[4] " " f[5] " " $0 " any " any " out"
		}
		END { if (n != m) exit 1 }') || return 0
	fwdocs_known=1
	fwdocs_read_tuples
}

# fwdocs_read_tuples: every tuple of /etc/ufw/user.rules and user6.rules (the rules ufw holds; read only) as
# "FAMILY<tab>MATCH<tab>ACTION<tab>HEXCOMMENT" in file order. MATCH is the tuple's fields after the action: what ufw
# compares to find an equal rule (protocol, ports, addresses, direction with interface, applications). Route rules
# ("route:ACTION") are never equal to this script's rules.
fwdocs_read_tuples() {
	fwdocs_tuples=$(
		for fwdocs_f in 4 6; do
			fwdocs_rules=/etc/ufw/user.rules
			if [ "$fwdocs_f" = 6 ]; then
				fwdocs_rules=/etc/ufw/user6.rules
			fi
			if [ "$fwdocs_f" = 6 ] && [ "$fwdocs_ufw_v6" = 0 ]; then
				continue # no IPv6 rule is wanted
			fi
			awk -v f="$fwdocs_f" -v OFS='\t' '
				index($0, "### tuple ### ") == 1 && index($4, "route:") != 1 {
					c = ""
					l = NF
					if ($NF ~ /^comment=/) { c = substr($NF, 9); l-- }
					m = $5
					for (i = 6; i <= l; i++) m = m " " $i
					print f, m, $4, c
				}' "$fwdocs_rules" || exit 1
		done
	) || fwdocs_known=0
}

# fwdocs_wanted_rule check|add INDEX FAMILY RULE in|out PROTO PORT ADDRESS (INDEX: the rule's line in fwdocs_wanted).
# The comment names the rule and its key, so that a later run with other addresses or ports knows which of its rules
# are no longer wanted.
#   check: true when ufw has exactly this rule with this comment (ufw would skip adding it).
#   add:   adds it, unless ufw has an equal rule already. An equal rule with another comment that is not one of
#          this run's rules is someone else's: left alone (adding ours would just put our comment on it, and undo
#          would then delete a rule this script did not add).
# What ufw has: the tuples of fwdocs_read_rules, compared as ufw compares rules (same match; skipped when the action
# and the comment are the same too); without them, ufw --dry-run says.
fwdocs_wanted_rule() {
	fwdocs_mode=$1
	fwdocs_index=$2
	shift
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
	if [ "$fwdocs_known" = 1 ]; then
		fwdocs_match=$(printf '%s\n' "$fwdocs_matches" | sed -n "${fwdocs_index}p")
		# the first tuple of the family that ufw takes for an equal rule: "ACTION<tab>HEXCOMMENT", or nothing
		fwdocs_equal=$(printf '%s\n' "$fwdocs_tuples" | awk -F '\t' -v f="${fwdocs_match%% *}" \
			-v m="${fwdocs_match#* }" '$1 == f && $2 == m { print $3 "\t" $4; exit }')
		fwdocs_hexed=$(fwdocs_hex "$fwdocs_comment")
		if [ "$fwdocs_equal" = "allow$fwdocs_tab$fwdocs_hexed" ]; then
			fwdocs_verdict=skip
		elif [ -n "$fwdocs_equal" ]; then
			fwdocs_verdict=equal
			fwdocs_other=${fwdocs_equal#*"$fwdocs_tab"}
		else
			fwdocs_verdict=add
		fi
	else
		fwdocs_flush # the dry run and the rules file below are to see this run's changes so far
		fwdocs_plan=$(ufw --dry-run "$@" comment "$fwdocs_comment")
		case $fwdocs_plan in
		*'Skipping adding existing rule'*) fwdocs_verdict=skip ;;
		*) fwdocs_verdict=add ;;
		esac
		if [ "$fwdocs_verdict" = add ] && [ "$fwdocs_mode" = add ]; then
			if [ "$fwdocs_family" = 4 ]; then fwdocs_rules=/etc/ufw/user.rules; else fwdocs_rules=/etc/ufw/user6.rules; fi
			fwdocs_file_tuples=$(grep '^### tuple ###' "$fwdocs_rules" || :)
			fwdocs_plan_tuples=$(printf '%s\n' "$fwdocs_plan" | grep '^### tuple ###' || :)
			fwdocs_before=$(printf '%s' "$fwdocs_file_tuples" | grep -c '^' || :)
			fwdocs_after=$(printf '%s' "$fwdocs_plan_tuples" | grep -c '^' || :)
			if [ "$fwdocs_after" -le "$fwdocs_before" ]; then
				# ufw would change an equal rule in place: whose is it? (the comment of the tuple the plan replaces)
				fwdocs_verdict=equal
				fwdocs_other=$(printf '%s\n%s\n%s\n' "$fwdocs_plan_tuples" '=' "$fwdocs_file_tuples" | awk '
					$0 == "=" { file = 1; next }
					!file { plan[$0] = 1; next }
					!($0 in plan) { if (match($0, /comment=[0-9a-f]*/)) print substr($0, RSTART + 8, RLENGTH - 8); exit }')
			fi
		fi
	fi
	if [ "$fwdocs_verdict" = skip ]; then
		if [ "$fwdocs_mode" = add ]; then
			fwdocs_kept="$fwdocs_kept$fwdocs_comment$fwdocs_nl"
		fi
		fwdocs_tell fwdocs_say "already there: ufw $* comment '$fwdocs_comment'"
		return 0
	fi
	if [ "$fwdocs_mode" = check ]; then
		return 1
	fi
	if [ "$fwdocs_verdict" = equal ]; then
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
			fwdocs_tell fwdocs_say "already there as '$fwdocs_owner': ufw $*"
			return 0
		fi
		case $fwdocs_other in
		"$(fwdocs_hex "$FWDOCS_TAG ")"*)
			# a rule of this script that this run removes first (only a dry run gets here): then it is added
			;;
		"$(fwdocs_hex "fwdocs ")"*)
			# another fwdocs script's rule (another role on this machine): shared, its comment names both
			fwdocs_shared="$(fwdocs_unhex "$fwdocs_other")$fwdocs_sep$fwdocs_comment"
			fwdocs_tell fwdocs_say "also wanted by another fwdocs script: ufw $*"
			fwdocs_ufw "$@" comment "$fwdocs_shared"
			fwdocs_kept="$fwdocs_kept$fwdocs_comment$fwdocs_nl"
			fwdocs_retuple "$fwdocs_shared"
			return 0
			;;
		*)
			fwdocs_tell fwdocs_note "ufw already has this rule without this script's comment; left as it is (undo keeps it): ufw $*"
			return 0
			;;
		esac
	fi
	fwdocs_ufw "$@" comment "$fwdocs_comment"
	fwdocs_kept="$fwdocs_kept$fwdocs_comment$fwdocs_nl"
	fwdocs_retuple "$fwdocs_comment"
}

# fwdocs_retuple COMMENT: after a real change by fwdocs_wanted_rule, ufw's rule that matches fwdocs_match is allowed
# with COMMENT; the tuples read before say so from now on (a later wanted rule of the same match sees it).
fwdocs_retuple() {
	if [ "$fwdocs_known" = 0 ] || [ "$fwdocs_dry_run" = 1 ]; then
		return 0
	fi
	fwdocs_tuples=$(printf '%s\n' "$fwdocs_tuples" | awk -F '\t' -v OFS='\t' -v f="${fwdocs_match%% *}" \
		-v m="${fwdocs_match#* }" -v c="$(fwdocs_hex "$1")" '
		$1 == f && $2 == m && !done { $3 = "allow"; $4 = c; done = 1 }
		{ print }
		END { if (!done) print f, m, "allow", c }')
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
	fwdocs_read_rules
	fwdocs_index=0
	fwdocs_old_ifs=$IFS
	IFS=$fwdocs_nl
	for fwdocs_w in $fwdocs_wanted; do
		IFS=$fwdocs_old_ifs
		fwdocs_index=$((fwdocs_index + 1))
		# shellcheck disable=SC2086 # the fields are ids, ports and checked addresses; globbing is off (set -f)
		set -- $fwdocs_w
		fwdocs_key="$FWDOCS_TAG $2 $3 $4/$5 $6"
		if fwdocs_in_list "$fwdocs_key" "$fwdocs_our_comments"; then
			fwdocs_full=$(printf '%s\n' "$fwdocs_our_rules" | awk -F '\t' -v k="$fwdocs_key" '$2 == k { print $3; exit }')
			if fwdocs_wanted_rule check "$fwdocs_index" "$@"; then
				fwdocs_kept="$fwdocs_kept$fwdocs_key$fwdocs_nl"
				IFS=$fwdocs_nl
				continue
			fi
		fi
		fwdocs_missing="$fwdocs_missing$fwdocs_index $fwdocs_w$fwdocs_nl"
		IFS=$fwdocs_nl
	done
	IFS=$fwdocs_old_ifs
	fwdocs_unwanted=$(printf '%s\n' "$fwdocs_our_rules" | while IFS=$fwdocs_tab read -r fwdocs_n fwdocs_k fwdocs_c; do
		if [ -n "$fwdocs_n" ] && ! fwdocs_in_list "$fwdocs_k" "$fwdocs_kept"; then
			printf '%s\t%s\t%s\n' "$fwdocs_n" "$fwdocs_k" "$fwdocs_c"
		fi
	done)
	fwdocs_release_all "$fwdocs_unwanted" "not wanted any more"
	fwdocs_flush
	if [ -n "$fwdocs_unwanted" ] && [ "$fwdocs_known" = 1 ] && [ "$fwdocs_dry_run" = 0 ]; then
		fwdocs_read_tuples # the deletions changed the files
	fi
	IFS=$fwdocs_nl
	for fwdocs_w in $fwdocs_missing; do
		IFS=$fwdocs_old_ifs
		# shellcheck disable=SC2086 # as above
		fwdocs_wanted_rule add $fwdocs_w
	done
	IFS=$fwdocs_old_ifs
	fwdocs_flush
}

# fwdocs_release_all LINES WHY: releases the rules of LINES (fwdocs_ours lines): shared ones first (their comment
# changes, their numbers do not), then the deletions, highest number first so that the numbers still to delete
# stay valid.
fwdocs_release_all() {
	fwdocs_list=$(printf '%s\n' "$1" | awk -F '\t' 'NF == 3 { print ($2 == $3 ? 1 : 0) "\t" $0 }' | sort -t "$fwdocs_tab" -k1,1n -k2,2rn | cut -f2-)
	[ -n "$fwdocs_list" ] || return 0
	# the list on descriptor 3: ufw's own input stays the script's
	while IFS=$fwdocs_tab read -r fwdocs_n fwdocs_k fwdocs_c <&3; do
		fwdocs_tell fwdocs_say "$2: rule $fwdocs_n, '$fwdocs_k'"
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
	fwdocs_flush
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
	fwdocs_queue= # what a failed run had not made yet: the files from before replace it anyway
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
