# ---- apply.sh: the code (the data above it is this bundle's; fwdocs writes it from the catalog) ----

# (to standard error in a JSON audit, whose standard output is the report alone)
fwdocs_say() {
	if [ "${fwdocs_format:-text}" = json ]; then
		printf '%s: %s\n' "$FWDOCS_PROG" "$*" >&2
	else
		printf '%s: %s\n' "$FWDOCS_PROG" "$*"
	fi
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

# fwdocs_in WORD LIST: whether WORD is one of the space-separated words of LIST.
fwdocs_in() {
	case " $2 " in
	*" $1 "*) return 0 ;;
	esac
	return 1
}

# fwdocs_commas LIST: the space-separated LIST with ", " between its words, for messages.
fwdocs_commas() {
	printf '%s' "$1" | sed 's/ /, /g'
}

# fwdocs_quoted ARG...: the words, each quoted for eval (so that the exit trap can pass the options again).
fwdocs_quoted() {
	for fwdocs_w do
		# the x keeps trailing newlines from the command substitution
		fwdocs_w=$(printf '%sx' "$fwdocs_w" | sed "s/'/'\\\\''/g")
		printf "'%s' " "${fwdocs_w%x}"
	done
}

# fwdocs_parse ARG...: the options of apply.sh itself; --from-, --port- and the backends' own --NAME=VALUE
# options are checked later, against the flow sets the roles need.
fwdocs_parse() {
	fwdocs_role_arg=
	fwdocs_backend=auto
	fwdocs_dry_run=${FWDOCS_DRY_RUN:-0}
	fwdocs_undo=${FWDOCS_UNDO:-0}
	fwdocs_without_optional=${FWDOCS_WITHOUT_OPTIONAL:-0}
	fwdocs_confirm_within=${FWDOCS_CONFIRM_WITHIN:-}
	fwdocs_confirm=0
	fwdocs_audit=0
	fwdocs_format=text
	while [ $# -gt 0 ]; do
		case $1 in
		--help | -h)
			fwdocs_usage
			exit 0
			;;
		--role=*) fwdocs_role_arg=${1#*=} ;;
		--role)
			[ $# -ge 2 ] || fwdocs_usage_error "--role needs a value: --role ROLE[,ROLE...]"
			fwdocs_role_arg=$2
			shift
			;;
		--backend=*) fwdocs_backend=${1#*=} ;;
		--backend)
			[ $# -ge 2 ] || fwdocs_usage_error "--backend needs a value: auto $FWDOCS_BACKENDS"
			fwdocs_backend=$2
			shift
			;;
		--dry-run) fwdocs_dry_run=1 ;;
		--undo) fwdocs_undo=1 ;;
		--without-optional) fwdocs_without_optional=1 ;;
		--audit) fwdocs_audit=1 ;;
		--format=*) fwdocs_format=${1#*=} ;;
		--confirm-within=*) fwdocs_confirm_within=${1#*=} ;;
		--confirm) fwdocs_confirm=1 ;;
		# apply.sh saves and restores the ruleset itself (--confirm-within)
		--save-ruleset=* | --restore-ruleset=*) fwdocs_usage_error "unknown option '${1%%=*}'" ;;
		--*=*) ;;
		*) fwdocs_usage_error "unknown option '$1'" ;;
		esac
		shift
	done
	case $fwdocs_dry_run in 0 | 1) ;; *) fwdocs_usage_error "FWDOCS_DRY_RUN must be 0 or 1" ;; esac
	case $fwdocs_undo in 0 | 1) ;; *) fwdocs_usage_error "FWDOCS_UNDO must be 0 or 1" ;; esac
	case $fwdocs_without_optional in 0 | 1) ;; *) fwdocs_usage_error "FWDOCS_WITHOUT_OPTIONAL must be 0 or 1" ;; esac
	case $fwdocs_format in text | json) ;; *) fwdocs_usage_error "--format must be text or json, not '$fwdocs_format'" ;; esac
	fwdocs_check_confirm_within "$fwdocs_confirm_within"
	if [ "$fwdocs_audit" = 1 ]; then
		# an audit reads the firewall and changes nothing: an option that changes it (or waits) makes no sense with it
		if [ "$fwdocs_undo" = 1 ] || [ -n "$fwdocs_confirm_within" ] || [ "$fwdocs_confirm" = 1 ]; then
			fwdocs_usage_error "--audit cannot be combined with --undo, --confirm-within or --confirm"
		fi
	fi
	fwdocs_check_roles
	fwdocs_in "$fwdocs_backend" "auto $FWDOCS_BACKENDS" ||
		fwdocs_usage_error "unknown backend '$fwdocs_backend'; valid: $(fwdocs_commas "auto $FWDOCS_BACKENDS")"
}

# Sets fwdocs_roles to the checked, space-separated roles of --role (each once, in the catalog's order).
fwdocs_check_roles() {
	[ -n "$fwdocs_role_arg" ] ||
		fwdocs_usage_error "say which roles this machine has: --role ROLE[,ROLE...]; valid roles: $(fwdocs_commas "$FWDOCS_ROLES")"
	case $fwdocs_role_arg in
	,* | *, | *,,*) fwdocs_usage_error "--role: empty entry in '$fwdocs_role_arg'" ;;
	esac
	fwdocs_old_ifs=$IFS
	IFS=,
	# shellcheck disable=SC2086 # split on commas on purpose; globbing is off (set -f)
	set -- $fwdocs_role_arg
	IFS=$fwdocs_old_ifs
	for fwdocs_r do
		fwdocs_in "$fwdocs_r" "$FWDOCS_ROLES" ||
			fwdocs_usage_error "unknown role '$fwdocs_r'; valid roles: $(fwdocs_commas "$FWDOCS_ROLES")"
	done
	fwdocs_roles=
	for fwdocs_r in $FWDOCS_ROLES; do
		if fwdocs_in "$fwdocs_r" "$*"; then
			fwdocs_roles="$fwdocs_roles${fwdocs_roles:+ }$fwdocs_r"
		fi
	done
}

# fwdocs_set ID OPTIONAL ROLES: called by fwdocs_sets for each flow set; keeps the sets these roles need (an
# optional one left out by --without-optional is removed instead, so a run without them converges too).
fwdocs_set() {
	for fwdocs_r in $3; do
		if fwdocs_in "$fwdocs_r" "$fwdocs_roles"; then
			if [ "$2" = 1 ] && [ "$fwdocs_without_optional" = 1 ]; then
				fwdocs_skipped="$fwdocs_skipped${fwdocs_skipped:+ }$1"
				return 0
			fi
			fwdocs_selected="$fwdocs_selected${fwdocs_selected:+ }$1"
			fwdocs_set_takes "$1"
			fwdocs_takes_all="$fwdocs_takes_all $FWDOCS_TAKES"
			return 0
		fi
	done
}

# fwdocs_retire ID OPTIONAL ROLES: called by fwdocs_retired for each flow set of an earlier version that this one has
# not; keeps those an earlier apply.sh with these roles would have applied, to be removed.
fwdocs_retire() {
	fwdocs_retired_ids="$fwdocs_retired_ids $1"
	for fwdocs_r in $3; do
		if fwdocs_in "$fwdocs_r" "$fwdocs_roles"; then
			fwdocs_retiring="$fwdocs_retiring${fwdocs_retiring:+ }$1"
			return 0
		fi
	done
}

# fwdocs_check_options ARG...: every --from- and --port- option must be one that a needed set takes.
fwdocs_check_options() {
	for fwdocs_a do
		case $fwdocs_a in
		--from-*=* | --port-*=*)
			if ! fwdocs_in "${fwdocs_a%%=*}" "$fwdocs_takes_all"; then
				# shellcheck disable=SC2086 # one option name a line; they are plain words and globbing is off
				fwdocs_valid=$(printf '%s\n' $fwdocs_takes_all | sort -u | tr '\n' ' ' | sed 's/ $//')
				fwdocs_usage_error "unknown option '$fwdocs_a': the flows of roles $(fwdocs_commas "$fwdocs_roles") take ${fwdocs_valid:-no --from- or --port- option}${fwdocs_valid:+ (=VALUE)}"
			fi
			;;
		esac
	done
}

# fwdocs_active NAME WHY: records a firewall found running.
fwdocs_active() {
	fwdocs_found="$fwdocs_found${fwdocs_found:+ }$1"
	fwdocs_why="$fwdocs_why${fwdocs_why:+; }$1: $2"
}

# Sets fwdocs_backend from what the host runs: an active firewalld or ufw wins over raw nftables or iptables
# rules (they manage those); two of one kind, or none, is refused.
fwdocs_detect() {
	fwdocs_found=
	fwdocs_why=
	if command -v firewall-cmd >/dev/null 2>&1 && [ "$(firewall-cmd --state 2>/dev/null || :)" = running ]; then
		fwdocs_active firewalld "firewall-cmd --state says running"
	fi
	if command -v ufw >/dev/null 2>&1 && LC_ALL=C ufw status 2>/dev/null | grep -q '^Status: active'; then
		fwdocs_active ufw "ufw status says active"
	fi
	if [ -z "$fwdocs_found" ]; then
		if command -v nft >/dev/null 2>&1 && nft list tables 2>/dev/null | grep -q '^table inet '; then
			fwdocs_active nftables "nft list tables shows an inet table ($(nft list tables 2>/dev/null | sed -n 's/^table inet //p' | tr '\n' ' ' | sed 's/ $//'))"
		fi
		if command -v iptables >/dev/null 2>&1 &&
			iptables -S 2>/dev/null | grep -q -e '^-A ' -e '^-P [A-Z]* DROP' -e '^-P [A-Z]* REJECT'; then
			fwdocs_active iptables "iptables -S shows rules or a dropping policy"
		fi
	fi
	case $fwdocs_found in
	'') fwdocs_fail 4 "--backend auto: no active firewall found (no running firewalld, no active ufw, no nftables inet table, no iptables rules); pass --backend NAME ($(fwdocs_commas "$FWDOCS_BACKENDS"))" ;;
	*' '*) fwdocs_fail 4 "--backend auto: more than one firewall is active ($fwdocs_why); refusing to guess: pass --backend NAME" ;;
	esac
	fwdocs_in "$fwdocs_found" "$FWDOCS_BACKENDS" ||
		fwdocs_fail 4 "--backend auto: the host runs $fwdocs_found, but this bundle has no $fwdocs_found scripts ($(fwdocs_commas "$FWDOCS_BACKENDS"))"
	fwdocs_backend=$fwdocs_found
	fwdocs_say "backend $fwdocs_backend (auto: $fwdocs_why)"
}

# fwdocs_run_set ID MODE ARG...: runs the set's script of the chosen backend (retired/ID/ for a retired set); MODE
# is check (a dry run that only validates, output kept in fwdocs_out), dry, apply (each of them undoing with --undo;
# check-undo, dry-undo and apply-undo always undo), audit or ruleset (--save-ruleset or --restore-ruleset, which ARG
# holds). Only the --from- and --port- options the set takes are passed, and every other --NAME=VALUE (the
# backend's own options, which its script checks). The set scripts never wait themselves: apply.sh does, for all.
fwdocs_run_set() {
	fwdocs_id=$1
	fwdocs_mode=$2
	shift 2
	fwdocs_set_takes "$fwdocs_id"
	for fwdocs_a do
		shift
		case $fwdocs_a in
		--role=* | --backend=* | --confirm-within=*) ;;
		--from-*=* | --port-*=*)
			if fwdocs_in "${fwdocs_a%%=*}" "$FWDOCS_TAKES"; then
				set -- "$@" "$fwdocs_a"
			fi
			;;
		--*=*) set -- "$@" "$fwdocs_a" ;;
		esac
	done
	fwdocs_script="$FWDOCS_DIR/sets/$fwdocs_id/$fwdocs_backend.sh"
	if fwdocs_in "$fwdocs_id" "$fwdocs_retired_ids"; then
		fwdocs_script="$FWDOCS_DIR/retired/$fwdocs_id/$fwdocs_backend.sh"
	fi
	[ -f "$fwdocs_script" ] || fwdocs_fail 4 "missing $fwdocs_script: unpack the whole bundle"
	fwdocs_u=$fwdocs_undo
	case $fwdocs_mode in
	*-undo)
		fwdocs_u=1
		fwdocs_mode=${fwdocs_mode%-undo}
		;;
	esac
	case $fwdocs_mode in
	check)
		fwdocs_rc=0
		fwdocs_out=$(FWDOCS_DRY_RUN=1 FWDOCS_UNDO=$fwdocs_u FWDOCS_CONFIRM_WITHIN='' sh "$fwdocs_script" "$@" 2>&1) ||
			fwdocs_rc=$?
		return "$fwdocs_rc"
		;;
	dry) FWDOCS_DRY_RUN=1 FWDOCS_UNDO=$fwdocs_u FWDOCS_CONFIRM_WITHIN='' sh "$fwdocs_script" "$@" ;;
	audit)
		fwdocs_rc=0
		fwdocs_out=$(FWDOCS_DRY_RUN=0 FWDOCS_UNDO=0 FWDOCS_CONFIRM_WITHIN='' sh "$fwdocs_script" --audit "$@") ||
			fwdocs_rc=$?
		return "$fwdocs_rc"
		;;
	ruleset) FWDOCS_DRY_RUN=0 FWDOCS_UNDO=0 FWDOCS_CONFIRM_WITHIN='' sh "$fwdocs_script" "$@" ;;
	*) FWDOCS_DRY_RUN=0 FWDOCS_UNDO=$fwdocs_u FWDOCS_CONFIRM_WITHIN='' sh "$fwdocs_script" "$@" ;;
	esac
}

# fwdocs_audit_sets ARG...: every selected set's script audits its own rules (--audit, the same options), and every
# retired set's script (which wants no flow, so each of its rules in force is extra); the
# reports are joined (text: each under its script's name; json: one object with the sets' objects in "sets"), and
# the exit status is 0 when every set is clean, 6 when one has findings, or the first other failure's status.
fwdocs_audit_sets() {
	fwdocs_worst=0
	fwdocs_reports=
	for fwdocs_s in $fwdocs_order $fwdocs_retiring; do
		fwdocs_run_set "$fwdocs_s" audit "$@" || :
		case $fwdocs_rc in
		0) ;;
		6) [ "$fwdocs_worst" != 0 ] || fwdocs_worst=6 ;;
		*) fwdocs_fail "$fwdocs_rc" "${fwdocs_script#"$FWDOCS_DIR/"} --audit failed (exit $fwdocs_rc)" ;;
		esac
		if [ "$fwdocs_format" = json ]; then
			fwdocs_reports="$fwdocs_reports${fwdocs_reports:+,}$fwdocs_out"
		else
			printf '%s: %s\n' "${fwdocs_script#"$FWDOCS_DIR/"}" "$fwdocs_out"
		fi
	done
	if [ "$fwdocs_format" = json ]; then
		# ids are plain words; a version may hold any character, so its quotes and backslashes are escaped
		printf '{"audit":"%s %s %s %s","clean":%s,"sets":[%s]}\n' "$FWDOCS_PRODUCT" \
			"$(printf '%s' "$FWDOCS_VERSION" | sed 's/[\\"]/\\&/g')" \
			"$(printf '%s' "$fwdocs_roles" | tr ' ' ',')" "$fwdocs_backend" \
			"$([ "$fwdocs_worst" = 0 ] && printf true || printf false)" "$fwdocs_reports"
	fi
	exit "$fwdocs_worst"
}

# For confirm.sh: the whole ruleset that the flow sets may change is what any one set's script saves (every set of a
# backend changes the same ruleset: iptables' tables, the nftables table of --nft-table, ufw's files, firewalld's
# permanent configuration); the first set's script saves and restores it, with the options of this run.
fwdocs_snapshot() {
	fwdocs_ruleset_dir=$1
	eval "set -- $fwdocs_args"
	fwdocs_run_set "$fwdocs_first" ruleset "--save-ruleset=$fwdocs_ruleset_dir" "$@"
}

fwdocs_restore() {
	fwdocs_ruleset_dir=$1
	eval "set -- $fwdocs_args"
	fwdocs_run_set "$fwdocs_first" ruleset "--restore-ruleset=$fwdocs_ruleset_dir" "$@"
}

fwdocs_apply_main() {
	fwdocs_parse "$@"
	fwdocs_args=$(fwdocs_quoted "$@")
	fwdocs_selected=
	fwdocs_skipped=
	fwdocs_retiring=
	fwdocs_retired_ids=
	fwdocs_takes_all=
	fwdocs_sets
	fwdocs_retired
	fwdocs_check_options "$@"
	[ "$(id -u)" = 0 ] || fwdocs_fail 3 "must run as root (for example: sudo ./$FWDOCS_PROG)"
	if [ "$fwdocs_backend" = auto ]; then
		fwdocs_detect
	else
		fwdocs_say "backend $fwdocs_backend (--backend)"
	fi
	# names this run by product, roles and backend, whatever the version: --confirm finds a waiting run by them
	fwdocs_roles_arg=$(printf '%s' "$fwdocs_roles" | tr ' ' ',')
	fwdocs_pending=${FWDOCS_STATE_DIR:-/run/fwdocs}/$FWDOCS_PRODUCT.apply.$fwdocs_roles_arg.$fwdocs_backend
	fwdocs_confirm_how="$FWDOCS_PROG --confirm --role $fwdocs_roles_arg --backend $fwdocs_backend"
	if [ "$fwdocs_confirm" = 1 ]; then
		fwdocs_confirm_pending
		exit 0
	fi
	if [ -z "$fwdocs_selected$fwdocs_skipped$fwdocs_retiring" ]; then
		fwdocs_say "roles $(fwdocs_commas "$fwdocs_roles") need no rule$([ "$fwdocs_without_optional" = 0 ] || printf ' without the optional flows'): nothing to do"
		exit 0
	fi
	fwdocs_order=$fwdocs_selected
	if [ "$fwdocs_audit" = 1 ]; then
		fwdocs_audit_sets "$@"
	fi
	if [ "$fwdocs_undo" = 1 ]; then
		# shellcheck disable=SC2086 # one set id a line; ids are plain words and globbing is off
		fwdocs_order=$(printf '%s\n' $fwdocs_selected | sed -n '1!G;h;$p' | tr '\n' ' ' | sed 's/ $//')
	fi
	# After the sets, those these roles no longer get (left out by --without-optional, or retired since an earlier
	# version) are removed: with the new rules already in force, so that no flow that stays is closed in between.
	fwdocs_removing="$fwdocs_skipped${fwdocs_skipped:+ }$fwdocs_retiring"
	fwdocs_first=$(printf '%s' "$fwdocs_order $fwdocs_removing" | awk '{ print $1 }')
	# Every set's script checks its options, root and its firewall in a dry run first: a failed check stops here,
	# before anything has changed.
	for fwdocs_s in $fwdocs_order $fwdocs_removing; do
		fwdocs_check=check
		fwdocs_in "$fwdocs_s" "$fwdocs_order" || fwdocs_check=check-undo
		if ! fwdocs_run_set "$fwdocs_s" "$fwdocs_check" "$@"; then
			printf '%s\n' "$fwdocs_out" >&2
			fwdocs_fail "$fwdocs_rc" "${fwdocs_script#"$FWDOCS_DIR/"} refused (exit $fwdocs_rc); nothing was changed"
		fi
	done
	fwdocs_what=applying
	[ "$fwdocs_undo" = 0 ] || fwdocs_what=removing
	[ "$fwdocs_dry_run" = 0 ] || fwdocs_what="dry run, nothing is changed: $fwdocs_what"
	fwdocs_say "$fwdocs_what the rules of $FWDOCS_PRODUCT $FWDOCS_VERSION for roles $(fwdocs_commas "$fwdocs_roles")$([ "$fwdocs_without_optional" = 0 ] || printf ', without the optional flows') with $fwdocs_backend: flow sets $(fwdocs_commas "${fwdocs_order:-none}")"
	if [ -n "$fwdocs_removing" ]; then
		fwdocs_say "and removing the flow sets these roles no longer get: $(fwdocs_commas "$fwdocs_removing")${fwdocs_skipped:+ (optional: $(fwdocs_commas "$fwdocs_skipped"))}${fwdocs_retiring:+ (of earlier versions: $(fwdocs_commas "$fwdocs_retiring"))}"
	fi
	if [ "$fwdocs_dry_run" = 0 ] && [ -n "$fwdocs_confirm_within" ]; then
		fwdocs_begin_confirm
	fi
	fwdocs_done=
	for fwdocs_s in $fwdocs_order $fwdocs_removing; do
		fwdocs_mode=apply
		[ "$fwdocs_dry_run" = 0 ] || fwdocs_mode=dry
		fwdocs_in "$fwdocs_s" "$fwdocs_order" || fwdocs_mode="$fwdocs_mode-undo"
		fwdocs_dir=sets
		! fwdocs_in "$fwdocs_s" "$fwdocs_retired_ids" || fwdocs_dir=retired
		case $fwdocs_mode in
		*-undo) fwdocs_say "$fwdocs_dir/$fwdocs_s/$fwdocs_backend.sh --undo" ;;
		*) fwdocs_say "$fwdocs_dir/$fwdocs_s/$fwdocs_backend.sh" ;;
		esac
		fwdocs_rc=0
		fwdocs_run_set "$fwdocs_s" "$fwdocs_mode" "$@" || fwdocs_rc=$?
		if [ "$fwdocs_rc" != 0 ]; then
			if [ "$fwdocs_waiting" = 1 ]; then
				fwdocs_fail "$fwdocs_rc" "$fwdocs_dir/$fwdocs_s/$fwdocs_backend.sh failed (exit $fwdocs_rc)${fwdocs_done:+ after the sets $(fwdocs_commas "$fwdocs_done")}"
			fi
			fwdocs_fail "$fwdocs_rc" "$fwdocs_dir/$fwdocs_s/$fwdocs_backend.sh failed (exit $fwdocs_rc)${fwdocs_done:+ after the sets $(fwdocs_commas "$fwdocs_done")}; run $FWDOCS_PROG again (it is idempotent) or with --undo and the same options"
		fi
		fwdocs_done="$fwdocs_done${fwdocs_done:+ }$fwdocs_s"
	done
	if [ "$fwdocs_waiting" = 1 ]; then
		fwdocs_wait_confirm
	fi
	fwdocs_say 'done.'
}
