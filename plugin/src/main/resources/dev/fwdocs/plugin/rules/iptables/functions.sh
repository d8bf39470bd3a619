# Prints one iptables-restore line that accepts: CHAIN -s|-d ADDRESS|any MATCH COMMENT.
fwdocs_accept() {
	if [ "$3" = any ]; then
		printf -- '-A %s %s -m comment --comment "%s" -j ACCEPT\n' "$1" "$4" "$5"
	else
		printf -- '-A %s %s %s %s -m comment --comment "%s" -j ACCEPT\n' "$1" "$2" "$3" "$4" "$5"
	fi
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

# fwdocs_jump TOOL BUILTIN CHAIN: inserts the jump at the top unless it is there already.
fwdocs_jump() {
	if "$1" -w -C "$2" -m comment --comment "$FWDOCS_TAG" -j "$3" >/dev/null 2>&1; then
		fwdocs_say "$1: $2 already jumps to $3"
	else
		fwdocs_run "$1" -w -I "$2" 1 -m comment --comment "$FWDOCS_TAG" -j "$3"
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
