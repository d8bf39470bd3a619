# Prints one iptables-restore line that accepts: CHAIN -s|-d ADDRESS|any MATCH COMMENT.
fwdocs_accept() {
	if [ "$3" = any ]; then
		printf -- '-A %s %s -m comment --comment "%s" -j ACCEPT\n' "$1" "$4" "$5"
	else
		printf -- '-A %s %s %s %s -m comment --comment "%s" -j ACCEPT\n' "$1" "$2" "$3" "$4" "$5"
	fi
}

# fwdocs_once: a restore input with each rule once, in its order: the rules of two roles with the same addresses
# (any, when neither role's --from- option is given) are one rule in the chain, not two.
fwdocs_once() {
	awk '!/^-A / || !seen[$0]++'
}

fwdocs_check_backend() {
	for fwdocs_tool in iptables ip6tables iptables-restore ip6tables-restore; do
		command -v "$fwdocs_tool" >/dev/null 2>&1 ||
			fwdocs_fail 4 "$fwdocs_tool not found: install iptables"
	done
	iptables -w -n -L INPUT >/dev/null 2>&1 ||
		fwdocs_fail 4 "iptables cannot read the filter table (no kernel support?)"
	ip6tables -w -n -L INPUT >/dev/null 2>&1 ||
		fwdocs_fail 4 "ip6tables cannot read the filter table (IPv6 disabled or no kernel support?)"
}

# --position: where the jumps go among the administrator's rules.
fwdocs_position=${FWDOCS_OPT_POSITION:-first}
case $fwdocs_position in
first | last) ;;
*) fwdocs_usage_error "--position (FWDOCS_POSITION) must be first or last, not '$fwdocs_position'" ;;
esac

# fwdocs_final_drop TOOL BUILTIN: the number of BUILTIN's last rule when it drops or rejects everything (a final
# drop that --position=last goes before); nothing otherwise.
fwdocs_final_drop() {
	"$1" -w -S "$2" | awk -v b="$2" '
		$1 == "-A" { n++; last = $0 }
		END {
			if (n > 0 && (last == "-A " b " -j DROP" || last ~ ("^-A " b " -j REJECT( --reject-with [a-z0-9-]+)?$")))
				print n
		}'
}

# fwdocs_placed TOOL BUILTIN CHAIN: true when the jump is where --position wants it: first: only fwdocs jumps
# above it; last: only fwdocs jumps and the final drop below it.
fwdocs_placed() {
	"$1" -w -S "$2" | awk -v pos="$fwdocs_position" -v me="-m comment --comment \"$FWDOCS_TAG\" -j $3" \
		-v fin="$(fwdocs_final_drop "$1" "$2")" '
		$1 != "-A" { next }
		{
			n++
			if (substr($0, length($0) - length(me) + 1) == me) { at = n; next }
			if (index($0, "-m comment --comment \"fwdocs ") > 0) next
			if (!at) before = 1
			else if (n != fin) after = 1
		}
		END { exit (pos == "first" ? before : after) }'
}

# fwdocs_jump TOOL BUILTIN CHAIN: puts the jump where --position wants it (first: at the top; last: before a
# final drop, or at the end), unless it is there already; a jump in the other place moves.
fwdocs_jump() {
	if "$1" -w -C "$2" -m comment --comment "$FWDOCS_TAG" -j "$3" >/dev/null 2>&1; then
		if fwdocs_placed "$1" "$2" "$3"; then
			fwdocs_say "$1: $2 already jumps to $3"
			return 0
		fi
		fwdocs_say "$1: moving the jump from $2 to $3 ($fwdocs_position)"
		fwdocs_unjump "$1" "$2" "$3"
	fi
	if [ "$fwdocs_position" = first ]; then
		fwdocs_run "$1" -w -I "$2" 1 -m comment --comment "$FWDOCS_TAG" -j "$3"
		return 0
	fi
	fwdocs_at=$(fwdocs_final_drop "$1" "$2")
	if [ -n "$fwdocs_at" ]; then
		fwdocs_run "$1" -w -I "$2" "$fwdocs_at" -m comment --comment "$FWDOCS_TAG" -j "$3"
	else
		fwdocs_run "$1" -w -A "$2" -m comment --comment "$FWDOCS_TAG" -j "$3"
	fi
}

# fwdocs_unjump TOOL BUILTIN CHAIN: deletes every jump from BUILTIN to CHAIN.
fwdocs_unjump() {
	while "$1" -w -C "$2" -m comment --comment "$FWDOCS_TAG" -j "$3" >/dev/null 2>&1; do
		fwdocs_run "$1" -w -D "$2" -m comment --comment "$FWDOCS_TAG" -j "$3"
		if [ "$fwdocs_dry_run" = 1 ]; then
			return 0
		fi
	done
}

# fwdocs_drop_chain TOOL CHAIN: empties and deletes CHAIN if it exists (only our own chains).
fwdocs_drop_chain() {
	if "$1" -w -n -L "$2" >/dev/null 2>&1; then
		fwdocs_run "$1" -w -F "$2"
		fwdocs_run "$1" -w -X "$2"
	else
		fwdocs_say "$1: no chain $2, nothing to remove"
	fi
}

# fwdocs_remove_stale TOOL BUILTIN CHAIN: a chain of this script for a direction that has no rules (left by an
# older version of the script): its jumps and the chain go, where they exist; nothing is said otherwise.
fwdocs_remove_stale() {
	if "$1" -w -n -L "$3" >/dev/null 2>&1; then
		fwdocs_say "$1: chain $3 is not used by this version of the script; removing it"
		fwdocs_unjump "$1" "$2" "$3"
		fwdocs_drop_chain "$1" "$3"
	fi
}

# fwdocs_snapshot DIR / fwdocs_restore DIR: the whole IPv4 and IPv6 rulesets (every table), saved and put back as
# they were, for --confirm-within; iptables-restore replaces each saved table in one step.
fwdocs_snapshot() {
	iptables-save >"$1/iptables.rules"
	ip6tables-save >"$1/ip6tables.rules"
}

fwdocs_restore() {
	# on standard input: iptables-legacy's -w would take a file name for its optional number of seconds
	fwdocs_run_from "$1/iptables.rules" iptables-restore -w &&
		fwdocs_run_from "$1/ip6tables.rules" ip6tables-restore -w
}

# fwdocs_audit_flows: for fwdocs_audit, the flows of the rules this run would load (fwdocs_rules_v4 and _v6) and
# those in force in this script's chains (FWDOCS_CHAINS) that a built-in chain jumps to with FWDOCS_TAG, both
# read by one parser: iptables-save prints rules the way iptables-restore reads them, except ICMP types, which it
# numbers. Neighbour discovery is no catalog flow and is left out on both sides.
fwdocs_audit_flows() {
	for fwdocs_tool in iptables-save ip6tables-save; do
		command -v "$fwdocs_tool" >/dev/null 2>&1 || fwdocs_fail 4 "$fwdocs_tool not found: install iptables"
	done
	fwdocs_live4=$(iptables-save -t filter) || fwdocs_fail 4 "iptables-save cannot read the filter table"
	fwdocs_live6=$(ip6tables-save -t filter) || fwdocs_fail 4 "ip6tables-save cannot read the filter table"
	{
		fwdocs_rules_v4 | fwdocs_once | sed 's/^/want ipv4 /'
		fwdocs_rules_v6 | fwdocs_once | sed 's/^/want ipv6 /'
		printf '%s\n' "$fwdocs_live4" | sed 's/^/have ipv4 /'
		printf '%s\n' "$fwdocs_live6" | sed 's/^/have ipv6 /'
	} | awk -v chains=" $FWDOCS_CHAINS " -v tag="$FWDOCS_TAG" '
		BEGIN {
			OFS = "\t"
			split("0 echo-reply 3 destination-unreachable 8 echo-request 11 time-exceeded 13 timestamp-request", t4, " ")
			for (i = 1; i < 10; i += 2) icmp["ipv4", t4[i]] = t4[i + 1]
			split("1 destination-unreachable 2 packet-too-big 3 time-exceeded 128 echo-request 129 echo-reply", t6, " ")
			for (i = 1; i < 10; i += 2) icmp["ipv6", t6[i]] = t6[i + 1]
		}
		$3 != "-A" { next }
		{
			kind = $1; fam = $2; chain = $4; src = "any"; proto = ""; port = ""; name = ""
			if ((at = index($0, " -m comment --comment \"")) > 0) {
				name = substr($0, at + 23)
				end = index(name, "\" -j ")
				rest = substr(name, end + 5)
				name = substr(name, 1, end - 1)
			} else {
				rest = $NF
			}
			if (kind == "have" && index(chains, " " chain " ") == 0) {
				if (name == tag && $(NF - 1) == "-j") jumped[fam, $NF] = 1
				next
			}
			if (index(chains, " " chain " ") == 0 || rest != "ACCEPT" || name == "IPv6 neighbour discovery") next
			for (i = 5; i < NF; i++) {
				if ($i == "-s" || $i == "-d") src = $(i + 1)
				else if ($i == "-p") proto = $(i + 1)
				else if ($i == "--dport" || $i == "--dports" || $i == "--icmp-type" || $i == "--icmpv6-type") port = $(i + 1)
			}
			if (proto == "ipv6-icmp") proto = "icmpv6"
			if ((fam, port) in icmp && proto ~ /^icmp/) port = icmp[fam, port]
			gsub(/:/, "-", port)
			src = tolower(src)
			sub(fam == "ipv4" ? "/32$" : "/128$", "", src)
			dir = chain ~ /-IN$/ ? "in" : "out"
			n++; line[n] = kind OFS dir OFS fam OFS proto OFS port OFS src OFS name; ch[n] = fam SUBSEP chain
			live[n] = kind == "have"
		}
		END { for (i = 1; i <= n; i++) if (!live[i] || ch[i] in jumped) print line[i] }'
}
