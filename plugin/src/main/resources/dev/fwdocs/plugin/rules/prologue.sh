# The common part of every fwdocs script. What the generated part of the script defines for it: fwdocs_usage
# (the help), fwdocs_option NAME VALUE (takes the value of one of the role's own options, fails for any other),
# fwdocs_notes (what the rules cannot do as given), and the backend's fwdocs_check_backend, fwdocs_apply and
# fwdocs_undo.

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

# fwdocs_parse_options ARG...: --help, --dry-run and --undo (and their variables) here, the role's own
# --NAME=VALUE options through fwdocs_option; anything else is a usage error.
fwdocs_parse_options() {
	fwdocs_dry_run=${FWDOCS_DRY_RUN:-0}
	fwdocs_undo=${FWDOCS_UNDO:-0}
	for fwdocs_arg do
		case $fwdocs_arg in
		--help | -h)
			fwdocs_usage
			exit 0
			;;
		--dry-run) fwdocs_dry_run=1 ;;
		--undo) fwdocs_undo=1 ;;
		--*=*)
			fwdocs_option "${fwdocs_arg%%=*}" "${fwdocs_arg#*=}" || fwdocs_usage_error "unknown option '$fwdocs_arg'"
			;;
		*) fwdocs_usage_error "unknown option '$fwdocs_arg'" ;;
		esac
	done
	case $fwdocs_dry_run in 0 | 1) ;; *) fwdocs_usage_error "FWDOCS_DRY_RUN must be 0 or 1" ;; esac
	case $fwdocs_undo in 0 | 1) ;; *) fwdocs_usage_error "FWDOCS_UNDO must be 0 or 1" ;; esac
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

# Checks that it may run, then applies or undoes.
fwdocs_main() {
	[ "$(id -u)" = 0 ] || fwdocs_fail 3 "must run as root (for example: sudo ./$FWDOCS_PROG)"
	fwdocs_check_backend
	if [ "$fwdocs_dry_run" = 1 ]; then
		fwdocs_say "dry run: nothing is changed"
	fi
	if [ "$fwdocs_undo" = 1 ]; then
		fwdocs_say "removing the rules of $FWDOCS_WHAT"
		fwdocs_undo
	else
		fwdocs_say "applying the rules of $FWDOCS_WHAT"
		fwdocs_notes
		fwdocs_apply
	fi
	fwdocs_say 'done.'
}
