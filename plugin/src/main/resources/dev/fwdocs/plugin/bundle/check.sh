# ---- check.sh: the code (the data above it is this bundle's; fwdocs writes it from the catalog) ----

fwdocs_usage_error() {
	printf '%s: %s\n' "$FWDOCS_PROG" "$1" >&2
	printf 'Run %s --help for the options.\n' "$FWDOCS_PROG" >&2
	exit 2
}

# fwdocs_in WORD LIST: whether WORD is one of the space-separated words of LIST.
fwdocs_in() {
	case " $2 " in
	*" $1 "*) return 0 ;;
	esac
	return 1
}

fwdocs_commas() {
	printf '%s' "$1" | sed 's/ /, /g'
}

# fwdocs_is_port VALUE: a whole number from 1 to 65535 without a leading zero.
fwdocs_is_port() {
	case $1 in
	'' | 0* | *[!0-9]*) return 1 ;;
	esac
	[ "${#1}" -le 5 ] && [ "$1" -le 65535 ]
}

# fwdocs_is_host VALUE: a host name, an IPv4 or an IPv6 address (no option-like or shell-like text).
fwdocs_is_host() {
	case $1 in
	'' | -* | *[!A-Za-z0-9.:-]*) return 1 ;;
	esac
	return 0
}

# fwdocs_split LIST OPTION: sets fwdocs_list to the comma-separated LIST as space-separated words.
fwdocs_split() {
	case $1 in
	'' | ,* | *, | *,,*) fwdocs_usage_error "$2: empty entry in '$1'" ;;
	esac
	fwdocs_list=$(printf '%s' "$1" | tr ',' ' ')
}

fwdocs_parse() {
	fwdocs_roles=
	fwdocs_peer_ids=
	fwdocs_verify=0
	fwdocs_without_optional=0
	fwdocs_timeout=${FWDOCS_TIMEOUT:-3}
	fwdocs_port_ids=
	while [ $# -gt 0 ]; do
		case $1 in
		--help | -h)
			fwdocs_usage
			exit 0
			;;
		--role=* | --role)
			if [ "$1" = --role ]; then
				[ $# -ge 2 ] || fwdocs_usage_error "--role needs a value"
				fwdocs_v=$2
				shift
			else
				fwdocs_v=${1#*=}
			fi
			fwdocs_split "$fwdocs_v" --role
			for fwdocs_r in $fwdocs_list; do
				fwdocs_in "$fwdocs_r" "$FWDOCS_ROLES" ||
					fwdocs_usage_error "unknown role '$fwdocs_r'; valid roles: $(fwdocs_commas "$FWDOCS_ROLES")"
				fwdocs_in "$fwdocs_r" "$fwdocs_roles" || fwdocs_roles="$fwdocs_roles${fwdocs_roles:+ }$fwdocs_r"
			done
			;;
		--peer=* | --peer)
			if [ "$1" = --peer ]; then
				[ $# -ge 2 ] || fwdocs_usage_error "--peer needs a value: --peer ROLE=HOST[,HOST...]"
				fwdocs_v=$2
				shift
			else
				fwdocs_v=${1#*=}
			fi
			case $fwdocs_v in
			*=*) ;;
			*) fwdocs_usage_error "--peer $fwdocs_v: write --peer ROLE=HOST[,HOST...]" ;;
			esac
			fwdocs_p=${fwdocs_v%%=*}
			fwdocs_in "$fwdocs_p" "$FWDOCS_PEERS" ||
				fwdocs_usage_error "--peer: unknown role or address '$fwdocs_p'; valid: $(fwdocs_commas "$FWDOCS_PEERS")"
			fwdocs_split "${fwdocs_v#*=}" "--peer $fwdocs_p"
			for fwdocs_h in $fwdocs_list; do
				fwdocs_is_host "$fwdocs_h" || fwdocs_usage_error "--peer $fwdocs_p: '$fwdocs_h' is not a host name or address"
			done
			fwdocs_peer_ids="$fwdocs_peer_ids $fwdocs_p"
			fwdocs_peer_set "$fwdocs_p" "$fwdocs_list"
			;;
		--port-*=*)
			fwdocs_p=${1%%=*}
			fwdocs_p=${fwdocs_p#--port-}
			fwdocs_in "$fwdocs_p" "$FWDOCS_CONFIGURABLE" ||
				fwdocs_usage_error "unknown option '$1'; configurable rules: $(fwdocs_commas "${FWDOCS_CONFIGURABLE:-none}")"
			fwdocs_is_port "${1#*=}" || fwdocs_usage_error "$1: a port is a whole number from 1 to 65535"
			fwdocs_port_ids="$fwdocs_port_ids $fwdocs_p"
			fwdocs_port_set "$fwdocs_p" "${1#*=}"
			;;
		--timeout=*) fwdocs_timeout=${1#*=} ;;
		--verify) fwdocs_verify=1 ;;
		--without-optional) fwdocs_without_optional=1 ;;
		*) fwdocs_usage_error "unknown option '$1'" ;;
		esac
		shift
	done
	[ -n "$fwdocs_roles" ] ||
		fwdocs_usage_error "say which roles this machine has: --role ROLE[,ROLE...]; valid roles: $(fwdocs_commas "$FWDOCS_ROLES")"
	case $fwdocs_timeout in
	[1-9] | [1-5][0-9] | 60) ;;
	*) fwdocs_usage_error "--timeout=$fwdocs_timeout: seconds from 1 to 60" ;;
	esac
}

# fwdocs_peer_set ID HOSTS and fwdocs_peer_hosts ID: the hosts given for a peer (kept in files: no eval).
fwdocs_peer_set() {
	printf '%s\n' "$2" >"$fwdocs_tmp/peer.$1"
}

fwdocs_peer_hosts() {
	if [ -f "$fwdocs_tmp/peer.$1" ]; then
		cat "$fwdocs_tmp/peer.$1"
	fi
}

fwdocs_port_set() {
	printf '%s\n' "$2" >"$fwdocs_tmp/port.$1"
}

# fwdocs_probe_tcp HOST PORT: whether a TCP connection opens within the timeout.
fwdocs_probe_tcp() {
	if command -v nc >/dev/null 2>&1; then
		nc -z -w "$fwdocs_timeout" "$1" "$2" </dev/null >/dev/null 2>&1
	elif command -v bash >/dev/null 2>&1 && command -v timeout >/dev/null 2>&1; then
		# shellcheck disable=SC2016 # the inner shell expands its own arguments
		timeout "$fwdocs_timeout" bash -c 'exec 3<>"/dev/tcp/$1/$2"' fwdocs "$1" "$2" </dev/null >/dev/null 2>&1
	else
		return 2
	fi
}

# fwdocs_probe_ping HOST: whether an ICMP echo is answered within the timeout.
fwdocs_probe_ping() {
	command -v ping >/dev/null 2>&1 || return 2
	ping -c 1 -W "$fwdocs_timeout" "$1" >/dev/null 2>&1
}

# fwdocs_probe N RULE PEER HOST WHAT OPTIONAL KIND PORT: one probe, its row written to the file N.
fwdocs_probe() {
	fwdocs_rc=0
	case $7 in
	tcp) fwdocs_probe_tcp "$4" "$8" || fwdocs_rc=$? ;;
	ping) fwdocs_probe_ping "$4" || fwdocs_rc=$? ;;
	esac
	if [ "$fwdocs_rc" = 0 ]; then
		fwdocs_result=ok
	elif [ "$fwdocs_rc" = 2 ] && [ "$7" = tcp ] && ! command -v nc >/dev/null 2>&1; then
		fwdocs_result="skipped (no nc, nor bash and timeout)"
	elif [ "$6" = 1 ]; then
		fwdocs_result="failed (optional)"
	else
		fwdocs_result=FAILED
	fi
	printf '%s\t%s\t%s\t%s\t%s\n' "$2" "$3" "$4" "$5" "$fwdocs_result" >"$fwdocs_tmp/row.$1"
}

# fwdocs_flow RULE ROLES PEER OPTIONAL PROTOCOL PORTS HOSTS: called by fwdocs_flows for each outbound flow (PORTS
# space-separated, ranges with '-'; HOSTS the catalog's host names of an address); probes the flows the roles have.
fwdocs_flow() {
	fwdocs_needed=0
	for fwdocs_r in $2; do
		if fwdocs_in "$fwdocs_r" "$fwdocs_roles"; then
			fwdocs_needed=1
		fi
	done
	[ "$fwdocs_needed" = 1 ] || return 0
	if [ "$4" = 1 ] && [ "$fwdocs_without_optional" = 1 ]; then
		return 0
	fi
	fwdocs_hosts=$(fwdocs_peer_hosts "$3")
	[ -n "$fwdocs_hosts" ] || fwdocs_hosts=$7
	fwdocs_ports=$6
	if fwdocs_in "$1" "$fwdocs_port_ids"; then
		fwdocs_ports=$(cat "$fwdocs_tmp/port.$1")
	fi
	if [ -z "$fwdocs_hosts" ]; then
		fwdocs_row "$1" "$3" - "$5 $fwdocs_ports" "skipped (give --peer $3=HOST)"
		return 0
	fi
	for fwdocs_h in $fwdocs_hosts; do
		for fwdocs_port in $fwdocs_ports; do
			case $5/$fwdocs_port in
			tcp/*-*) fwdocs_row "$1" "$3" "$fwdocs_h" "tcp $fwdocs_port" "skipped (a range: probe a port that listens)" ;;
			tcp/*) fwdocs_spawn "$1" "$3" "$fwdocs_h" "tcp $fwdocs_port" "$4" tcp "$fwdocs_port" ;;
			icmp/echo-request | icmpv6/echo-request) fwdocs_spawn "$1" "$3" "$fwdocs_h" "$5 echo" "$4" ping - ;;
			*) fwdocs_row "$1" "$3" "$fwdocs_h" "$5 $fwdocs_port" "skipped (no probe tells a $5 drop)" ;;
			esac
		done
	done
}

# fwdocs_row RULE PEER HOST WHAT RESULT: a row that needs no probe.
fwdocs_row() {
	fwdocs_n=$((fwdocs_n + 1))
	printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" >"$fwdocs_tmp/row.$(printf '%06d' "$fwdocs_n")"
}

# fwdocs_spawn RULE PEER HOST WHAT OPTIONAL KIND PORT: starts a probe in the background, at most 16 at a time.
fwdocs_spawn() {
	fwdocs_n=$((fwdocs_n + 1))
	fwdocs_running=$((fwdocs_running + 1))
	if [ "$fwdocs_running" -gt 16 ]; then
		wait
		fwdocs_running=1
	fi
	fwdocs_probe "$(printf '%06d' "$fwdocs_n")" "$@" &
}

fwdocs_check_main() {
	fwdocs_tmp=$(mktemp -d "${TMPDIR:-/tmp}/fwdocs-check.XXXXXX")
	trap 'rm -rf "$fwdocs_tmp"' EXIT
	trap 'exit 130' INT TERM
	fwdocs_parse "$@"
	if [ "$fwdocs_verify" = 1 ]; then
		printf 'The catalog'\''s checks for roles %s (run them on this machine where they fit):\n' "$(fwdocs_commas "$fwdocs_roles")"
		fwdocs_verifies
		exit 0
	fi
	fwdocs_n=0
	fwdocs_running=0
	fwdocs_flows
	wait
	if [ "$fwdocs_n" = 0 ]; then
		printf '%s: roles %s reach no other machine: nothing to probe\n' "$FWDOCS_PROG" "$(fwdocs_commas "$fwdocs_roles")"
		exit 0
	fi
	# the rows in probe order: file names sort as numbers (globbing is off elsewhere: set -f)
	set +f
	cat "$fwdocs_tmp"/row.* >"$fwdocs_tmp/rows"
	set -f
	printf '%s: %s %s, roles %s\n' "$FWDOCS_PROG" "$FWDOCS_PRODUCT" "$FWDOCS_VERSION" "$(fwdocs_commas "$fwdocs_roles")"
	{
		printf 'flow\tpeer\thost\tport\tresult\n'
		cat "$fwdocs_tmp/rows"
	} | awk -F '\t' '{ printf "%-24s %-20s %-28s %-12s %s\n", $1, $2, $3, $4, $5 }'
	fwdocs_failed=$(awk -F '\t' '$5 == "FAILED" { n++ } END { print n + 0 }' "$fwdocs_tmp/rows")
	if [ "$fwdocs_failed" != 0 ]; then
		printf '%s: %s required flow probe(s) failed: %s\n' "$FWDOCS_PROG" "$fwdocs_failed" \
			"$(awk -F '\t' '$5 == "FAILED" { print $1 }' "$fwdocs_tmp/rows" | sort -u | tr '\n' ' ' | sed 's/ $//')" >&2
		exit 1
	fi
	printf '%s: every required flow that was probed answered\n' "$FWDOCS_PROG"
}

# fwdocs_verify ROLES RULE COMMAND: called by fwdocs_verifies; prints the command when the roles have the rule.
fwdocs_verify() {
	for fwdocs_r in $1; do
		if fwdocs_in "$fwdocs_r" "$fwdocs_roles"; then
			printf '  %s: %s\n' "$2" "$3"
			return 0
		fi
	done
}
