# The common part of every fwdocs script. What the generated part of the script defines for it: fwdocs_usage
# (the help), fwdocs_option NAME VALUE (takes the value of one of the role's own options, fails for any other),
# fwdocs_notes (what the rules cannot do as given), and the backend's fwdocs_check_backend, fwdocs_apply,
# fwdocs_undo, fwdocs_snapshot and fwdocs_restore (for confirm.sh, which follows this), and for --audit
# fwdocs_audit_flows (the flows this run would make and those in force, see fwdocs_audit).

fwdocs_say() {
	printf '%s\n' "$*"
}

fwdocs_note() {
	printf 'note: %s\n' "$*"
}

fwdocs_usage_error() {
	printf '%s: %s\n' "$FWDOCS_PROG" "$1" >&2
	printf 'Run %s --help for the options.\n' "$FWDOCS_PROG" >&2
	exit 2
}

# fwdocs_fail CODE MESSAGE
fwdocs_fail() {
	printf '%s: %s\n' "$FWDOCS_PROG" "$2" >&2
	exit "$1"
}

# A port: 1-65535, digits only, no leading zero.
fwdocs_is_port() {
	case $1 in
	'' | 0* | *[!0-9]*) return 1 ;;
	esac
	[ "${#1}" -le 5 ] && [ "$1" -le 65535 ]
}

fwdocs_is_ipv4() {
	case $1 in
	'' | *[!0-9.]* | .* | *. | *..*) return 1 ;;
	esac
	fwdocs_old_ifs=$IFS
	IFS=.
	# shellcheck disable=SC2086 # split on dots on purpose; globbing is off (set -f)
	set -- $1
	IFS=$fwdocs_old_ifs
	[ "$#" -eq 4 ] || return 1
	for fwdocs_octet do
		case $fwdocs_octet in
		0?*) return 1 ;;
		esac
		{ [ "${#fwdocs_octet}" -le 3 ] && [ "$fwdocs_octet" -le 255 ]; } || return 1
	done
}

fwdocs_is_ipv6() {
	case $1 in
	'' | *[!0-9A-Fa-f:]* | *:::* | *::*::* | :[!:]* | *[!:]:) return 1 ;;
	esac
	fwdocs_text=$1
	fwdocs_old_ifs=$IFS
	IFS=:
	# shellcheck disable=SC2086 # split on colons on purpose; globbing is off (set -f)
	set -- $1
	IFS=$fwdocs_old_ifs
	fwdocs_groups=0
	for fwdocs_group do
		[ "${#fwdocs_group}" -le 4 ] || return 1
		if [ -n "$fwdocs_group" ]; then
			fwdocs_groups=$((fwdocs_groups + 1))
		fi
	done
	case $fwdocs_text in
	*::*) [ "$fwdocs_groups" -le 7 ] ;;
	*) [ "$fwdocs_groups" -eq 8 ] ;;
	esac
}

# Sets FWDOCS_FAMILY to 4 or 6 when $1 is an IPv4 or IPv6 address or network (CIDR); fails otherwise.
fwdocs_cidr_family() {
	fwdocs_addr=${1%%/*}
	if fwdocs_is_ipv4 "$fwdocs_addr"; then
		FWDOCS_FAMILY=4
	elif fwdocs_is_ipv6 "$fwdocs_addr"; then
		FWDOCS_FAMILY=6
	else
		return 1
	fi
	case $1 in
	*/*) ;;
	*) return 0 ;;
	esac
	fwdocs_len=${1#*/}
	case $fwdocs_len in
	'' | *[!0-9]* | 0?*) return 1 ;;
	esac
	[ "${#fwdocs_len}" -le 3 ] || return 1
	if [ "$FWDOCS_FAMILY" = 4 ]; then
		[ "$fwdocs_len" -le 32 ]
	else
		[ "$fwdocs_len" -le 128 ]
	fi
}

# fwdocs_sources OPTION LIST: checks a comma-separated list of CIDRs and sets FWDOCS_V4 and FWDOCS_V6
# to its IPv4 and IPv6 entries (space-separated, possibly empty); a bad entry is a usage error.
fwdocs_sources() {
	FWDOCS_V4=
	FWDOCS_V6=
	case $2 in
	,* | *, | *,,*) fwdocs_usage_error "$1: empty entry in '$2'" ;;
	esac
	fwdocs_opt=$1
	fwdocs_old_ifs=$IFS
	IFS=,
	# shellcheck disable=SC2086 # split on commas on purpose; globbing is off (set -f)
	set -- $2
	IFS=$fwdocs_old_ifs
	for fwdocs_cidr do
		if ! fwdocs_cidr_family "$fwdocs_cidr"; then
			fwdocs_usage_error "$fwdocs_opt: '$fwdocs_cidr' is not an IPv4 or IPv6 address or network (CIDR)"
		fi
		if [ "$FWDOCS_FAMILY" = 4 ]; then
			FWDOCS_V4="$FWDOCS_V4${FWDOCS_V4:+ }$fwdocs_cidr"
		else
			FWDOCS_V6="$FWDOCS_V6${FWDOCS_V6:+ }$fwdocs_cidr"
		fi
	done
}

# Prints a command the way a shell would read it back.
fwdocs_show() {
	fwdocs_line=+
	for fwdocs_word do
		case $fwdocs_word in
		'' | *[!A-Za-z0-9_./:=,@%+-]*)
			fwdocs_word="'$(printf '%s' "$fwdocs_word" | sed "s/'/'\\\\''/g")'"
			;;
		esac
		fwdocs_line="$fwdocs_line $fwdocs_word"
	done
	printf '%s\n' "$fwdocs_line"
}

# fwdocs_run COMMAND [ARG...]: prints the command, then runs it unless this is a dry run.
fwdocs_run() {
	fwdocs_show "$@"
	if [ "$fwdocs_dry_run" = 0 ]; then
		"$@"
	fi
}

# fwdocs_run_input TEXT COMMAND [ARG...]: the same, with TEXT (and a newline) on the command's input.
fwdocs_run_input() {
	fwdocs_input=$1
	shift
	fwdocs_show "$@"
	printf '%s\n' "$fwdocs_input" | sed 's/^/    /'
	if [ "$fwdocs_dry_run" = 0 ]; then
		printf '%s\n' "$fwdocs_input" | "$@"
	fi
}

# fwdocs_run_from FILE COMMAND [ARG...]: the same, with FILE on the command's input (not printed).
fwdocs_run_from() {
	fwdocs_from=$1
	shift
	fwdocs_show "$@" "<$fwdocs_from"
	if [ "$fwdocs_dry_run" = 0 ]; then
		"$@" <"$fwdocs_from"
	fi
}

# fwdocs_parse_options ARG...: --help, --dry-run, --undo, --confirm-within, --confirm, --audit, --format and apply.sh's
# --save-ruleset and --restore-ruleset (and their variables) here, the role's own --NAME=VALUE options through
# fwdocs_option; anything else is a usage error.
fwdocs_parse_options() {
	fwdocs_dry_run=${FWDOCS_DRY_RUN:-0}
	fwdocs_undo=${FWDOCS_UNDO:-0}
	fwdocs_confirm_within=${FWDOCS_CONFIRM_WITHIN:-}
	fwdocs_confirm=0
	fwdocs_audit=0
	fwdocs_format=
	fwdocs_ruleset=
	fwdocs_ruleset_dir=
	for fwdocs_arg do
		case $fwdocs_arg in
		--help | -h)
			fwdocs_usage
			exit 0
			;;
		--dry-run) fwdocs_dry_run=1 ;;
		--undo) fwdocs_undo=1 ;;
		--confirm) fwdocs_confirm=1 ;;
		--confirm-within=*) fwdocs_confirm_within=${fwdocs_arg#*=} ;;
		--audit) fwdocs_audit=1 ;;
		--format=*) fwdocs_format=${fwdocs_arg#*=} ;;
		--save-ruleset=* | --restore-ruleset=*)
			[ -z "$fwdocs_ruleset" ] || fwdocs_usage_error "--save-ruleset and --restore-ruleset: one at a time"
			fwdocs_ruleset=${fwdocs_arg%%-ruleset=*}
			fwdocs_ruleset=${fwdocs_ruleset#--}
			fwdocs_ruleset_dir=${fwdocs_arg#*=}
			[ -n "$fwdocs_ruleset_dir" ] || fwdocs_usage_error "--$fwdocs_ruleset-ruleset needs a directory"
			;;
		--*=*)
			fwdocs_option "${fwdocs_arg%%=*}" "${fwdocs_arg#*=}" || fwdocs_usage_error "unknown option '$fwdocs_arg'"
			;;
		*) fwdocs_usage_error "unknown option '$fwdocs_arg'" ;;
		esac
	done
	case $fwdocs_dry_run in 0 | 1) ;; *) fwdocs_usage_error "FWDOCS_DRY_RUN must be 0 or 1" ;; esac
	case $fwdocs_undo in 0 | 1) ;; *) fwdocs_usage_error "FWDOCS_UNDO must be 0 or 1" ;; esac
	fwdocs_check_confirm_within "$fwdocs_confirm_within"
	case $fwdocs_format in
	'' | text | json) ;;
	*) fwdocs_usage_error "--format must be text or json, not '$fwdocs_format'" ;;
	esac
	if [ "$fwdocs_audit" = 1 ]; then
		# an audit reads the firewall and changes nothing: an option that changes it (or waits) makes no sense with it
		if [ "$fwdocs_undo" = 1 ] || [ -n "$fwdocs_confirm_within" ] || [ "$fwdocs_confirm" = 1 ]; then
			fwdocs_usage_error "--audit cannot be combined with --undo, --confirm-within or --confirm"
		fi
	elif [ -n "$fwdocs_format" ]; then
		fwdocs_usage_error "--format is for --audit"
	fi
	if [ -n "$fwdocs_ruleset" ]; then
		# apply.sh saves and restores the ruleset of all its flow sets with one of their scripts: nothing else is done
		if [ "$fwdocs_dry_run" = 1 ] || [ "$fwdocs_undo" = 1 ] || [ -n "$fwdocs_confirm_within" ] ||
			[ "$fwdocs_confirm" = 1 ] || [ "$fwdocs_audit" = 1 ]; then
			fwdocs_usage_error "--$fwdocs_ruleset-ruleset cannot be combined with --dry-run, --undo, --confirm-within, --confirm or --audit"
		fi
	fi
}

# fwdocs_check_port OPTION VARIABLE VALUE: a usage error unless VALUE is a port.
fwdocs_check_port() {
	fwdocs_is_port "$3" ||
		fwdocs_usage_error "$1 ($2) must be a whole number from 1 to 65535, not '$3'"
}

# fwdocs_role_sources ROLE GIVEN LIST: sets FWDOCS_V4 and FWDOCS_V6 to the addresses of the role's machines:
# "any" when none were given (GIVEN is not 1), else the checked entries of LIST of each family, possibly none.
fwdocs_role_sources() {
	if [ "$2" = 1 ]; then
		fwdocs_sources "--from-$1" "$3"
	else
		FWDOCS_V4=any
		FWDOCS_V6=any
	fi
}

# fwdocs_from_note ROLE VARIABLE GIVEN: says that the rules with ROLE accept any address unless it was given.
fwdocs_from_note() {
	if [ "$3" != 1 ]; then
		fwdocs_note "no --from-$1 ($2) given: rules with role $1 accept any address"
	fi
}

# Where a run with --confirm-within keeps the saved ruleset while it waits (root only; FWDOCS_STATE_DIR moves it),
# and the command that confirms it (confirm.sh).
fwdocs_pending=${FWDOCS_STATE_DIR:-/run/fwdocs}/$FWDOCS_ID
fwdocs_confirm_how="$FWDOCS_PROG --confirm"

# fwdocs_audit: compares the flows this run would make (with the same --from- and --port- options) with those of the
# rules this script owns in the live ruleset, changes nothing, reports in text or JSON and exits 0 when they agree, 6
# when not. The backend's fwdocs_audit_flows prints both lists, one flow a line of tab-separated fields: want or
# have, direction (in, out), family (ipv4, ipv6), protocol, port (a number, a range N-M, several joined by commas, or
# an ICMP type), address (a CIDR without /32 or /128, or any; for outbound the destination) and the rule's name (its
# comment). Missing: a wanted flow whose network no owned flow of its direction, family, protocol and port covers
# (any, or a network holding it). Extra: an owned flow whose direction, protocol and port this version has no rule
# for. Widened: an owned flow of such a rule open to a network that no wanted one covers (any, a wider network or
# another one). Networks compare by their bits, so 10.0.0.0/16 holds 10.0.1.0/24 and fd00::/8 holds fd00:1::/64.
fwdocs_audit() {
	fwdocs_flows=$(fwdocs_audit_flows)
	fwdocs_audit_rc=0
	printf '%s\n' "$fwdocs_flows" | awk -F '\t' -v what="$FWDOCS_AUDIT" -v format="${fwdocs_format:-text}" '
		function js(s,   out, i, c, k) {
			out = ""
			for (i = 1; i <= length(s); i++) {
				c = substr(s, i, 1)
				if (c == "\\" || c == "\"") out = out "\\" c
				else if ((k = index(ctl, c)) > 0) out = out sprintf("\\u%04x", k)
				else out = out c
			}
			return "\"" out "\""
		}
		function item(kind, i, extra) {
			if (format == "json") {
				return "{\"name\":" js(nm[kind, i]) ",\"direction\":" js(dr[kind, i]) ",\"family\":" \
					js(fm[kind, i]) ",\"protocol\":" js(pr[kind, i]) ",\"port\":" js(pt[kind, i]) \
					",\"source\":" js(sr[kind, i]) extra "}"
			}
			return kind ": " nm[kind, i] " (" dr[kind, i] " " fm[kind, i] " " pr[kind, i] " " pt[kind, i] \
				(dr[kind, i] == "out" ? " to " : " from ") sr[kind, i] ")"
		}
		function add(kind, f, name) {
			n[kind]++
			split(f, p, SUBSEP)
			dr[kind, n[kind]] = p[1]; fm[kind, n[kind]] = p[2]; pr[kind, n[kind]] = p[3]; pt[kind, n[kind]] = p[4]
			sr[kind, n[kind]] = p[5]; nm[kind, n[kind]] = name
		}
		function bin(v, w,   s) {
			s = ""
			while (w-- > 0) { s = (v % 2) s; v = int(v / 2) }
			return s
		}
		function group(g,   v, j) {
			v = 0
			for (j = 1; j <= length(g); j++) v = v * 16 + index("0123456789abcdef", tolower(substr(g, j, 1))) - 1
			return bin(v, 16)
		}
		function bits(a,   s, o, i, m, h, t, hn, tn) {
			sub(/\/.*/, "", a)
			s = ""
			if (index(a, ":") == 0) {
				split(a, o, ".")
				for (i = 1; i <= 4; i++) s = s bin(o[i] + 0, 8)
				return s
			}
			m = index(a, "::")
			hn = 0; tn = 0
			if (m == 0) hn = split(a, h, ":")
			else {
				if (m > 1) hn = split(substr(a, 1, m - 1), h, ":")
				if (m + 2 <= length(a)) tn = split(substr(a, m + 2), t, ":")
			}
			for (i = 1; i <= hn; i++) s = s group(h[i])
			for (i = hn + tn; i < 8; i++) s = s bin(0, 16)
			for (i = 1; i <= tn; i++) s = s group(t[i])
			return s
		}
		function plen(a) { return index(a, "/") ? substr(a, index(a, "/") + 1) + 0 : (index(a, ":") ? 128 : 32) }
		# whether every address of network a is in network b
		function within(a, b,   l) {
			if (b == "any") return 1
			if (a == "any" || (index(a, ":") > 0) != (index(b, ":") > 0)) return 0
			l = plen(b)
			return plen(a) >= l && substr(bits(a), 1, l) == substr(bits(b), 1, l)
		}
		function covered(a, list,   x, m, i) {
			m = split(list, x, " ")
			for (i = 1; i <= m; i++) if (within(a, x[i])) return 1
			return 0
		}
		BEGIN { for (i = 1; i < 32; i++) ctl = ctl sprintf("%c", i) }
		NF < 7 { next }
		{ f = $2 SUBSEP $3 SUBSEP $4 SUBSEP $5 SUBSEP $6; k = $2 SUBSEP $4 SUBSEP $5 }
		$1 == "want" && !(f in want) {
			want[f] = $7; wo[++nw] = f; wk[k] = 1
			ka = $2 SUBSEP $3 SUBSEP $4 SUBSEP $5
			allowed[ka] = allowed[ka] (allowed[ka] == "" ? "" : " ") $6
		}
		$1 == "have" && !(f in have) {
			have[f] = $7; ho[++nh] = f
			ka = $2 SUBSEP $3 SUBSEP $4 SUBSEP $5
			held[ka] = held[ka] (held[ka] == "" ? "" : " ") $6
		}
		END {
			for (i = 1; i <= nw; i++) {
				f = wo[i]
				split(f, p, SUBSEP)
				if (!covered(p[5], held[p[1] SUBSEP p[2] SUBSEP p[3] SUBSEP p[4]])) add("missing", f, want[f])
			}
			for (i = 1; i <= nh; i++) {
				f = ho[i]
				split(f, p, SUBSEP)
				ka = p[1] SUBSEP p[2] SUBSEP p[3] SUBSEP p[4]
				if (!((p[1] SUBSEP p[3] SUBSEP p[4]) in wk)) add("extra", f, have[f])
				else if (!covered(p[5], allowed[ka])) {
					add("widened", f, have[f])
					wa[n["widened"]] = allowed[ka]
				}
			}
			clean = n["missing"] + n["extra"] + n["widened"] == 0
			if (format == "json") {
				printf "{\"audit\":%s,\"clean\":%s", js(what), (clean ? "true" : "false")
				for (j = 1; j <= 3; j++) {
					kind = j == 1 ? "missing" : j == 2 ? "extra" : "widened"
					printf ",\"%s\":[", kind
					for (i = 1; i <= n[kind]; i++) {
						extra = ""
						if (kind == "widened") {
							extra = ",\"allowed\":["
							m = split(wa[i], a, " ")
							for (x = 1; x <= m; x++) extra = extra (x > 1 ? "," : "") js(a[x])
							extra = extra "]"
						}
						printf "%s%s", (i > 1 ? "," : ""), item(kind, i, extra)
					}
					printf "]"
				}
				printf "}\n"
			} else {
				print "audit of " what ": " (clean ? "clean, the rules in force are this version'"'"'s" : \
					n["missing"] + 0 " missing, " n["extra"] + 0 " extra, " n["widened"] + 0 " widened")
				for (i = 1; i <= n["missing"]; i++) print item("missing", i)
				for (i = 1; i <= n["extra"]; i++) print item("extra", i)
				for (i = 1; i <= n["widened"]; i++)
					print item("widened", i) "; the options allow " (wa[i] == "" ? "no address of this family" : wa[i])
			}
			exit (clean ? 0 : 6)
		}' || fwdocs_audit_rc=$?
	exit "$fwdocs_audit_rc"
}

# Checks that it may run, then applies or undoes (with --confirm-within: saved first, restored unless confirmed).
fwdocs_main() {
	[ "$(id -u)" = 0 ] || fwdocs_fail 3 "must run as root (for example: sudo ./$FWDOCS_PROG)"
	if [ "$fwdocs_confirm" = 1 ]; then
		fwdocs_confirm_pending
		return 0
	fi
	if [ -n "$fwdocs_ruleset" ]; then
		[ -d "$fwdocs_ruleset_dir" ] || fwdocs_fail 2 "--$fwdocs_ruleset-ruleset: '$fwdocs_ruleset_dir' is not a directory"
		if [ "$fwdocs_ruleset" = save ]; then
			fwdocs_snapshot "$fwdocs_ruleset_dir"
		else
			fwdocs_restore "$fwdocs_ruleset_dir"
		fi
		return 0
	fi
	fwdocs_check_backend
	if [ "$fwdocs_audit" = 1 ]; then
		fwdocs_audit
	fi
	if [ "$fwdocs_dry_run" = 1 ]; then
		fwdocs_say "dry run: nothing is changed"
	elif [ -n "$fwdocs_confirm_within" ]; then
		fwdocs_begin_confirm
	fi
	if [ "$fwdocs_undo" = 1 ]; then
		fwdocs_say "removing the rules of $FWDOCS_WHAT"
		fwdocs_undo
	else
		fwdocs_say "applying the rules of $FWDOCS_WHAT"
		fwdocs_notes
		fwdocs_apply
	fi
	if [ "$fwdocs_waiting" = 1 ]; then
		fwdocs_wait_confirm
	fi
	fwdocs_say 'done.'
}
