# --confirm-within and --confirm: the same code in every role script and in a bundle's apply.sh. What the script
# defines for it: fwdocs_say, fwdocs_fail and fwdocs_usage_error; fwdocs_pending (the folder that holds the saved
# ruleset and the waiting run's pid, while it waits), fwdocs_confirm_how (the command that confirms, for messages);
# fwdocs_snapshot DIR and fwdocs_restore DIR (save the whole ruleset the run may change into DIR, put it back from
# DIR); optionally fwdocs_cleanup (run on exit).

# waiting while a run with --confirm-within has changed the firewall and is not confirmed: its exit restores
fwdocs_waiting=0

# fwdocs_check_confirm_within SECONDS: a usage error unless SECONDS is empty (no --confirm-within) or 1 to 99999.
fwdocs_check_confirm_within() {
	case $1 in
	'') ;;
	0* | *[!0-9]*) fwdocs_usage_error "--confirm-within (FWDOCS_CONFIRM_WITHIN) must be a number of seconds, 1 or more, not '$1'" ;;
	*) [ "${#1}" -le 5 ] ||
		fwdocs_usage_error "--confirm-within: '$1' seconds is too long (at most 99999)" ;;
	esac
}

# The exit of a run with --confirm-within: unless it was confirmed, the saved ruleset comes back (after a failed
# apply, an interrupt or the timeout alike), and the exit status says so.
fwdocs_on_exit() {
	fwdocs_exit_code=$?
	set +e
	if [ "$fwdocs_waiting" = 1 ]; then
		fwdocs_waiting=0
		fwdocs_say "restoring the ruleset from before this run (saved in $fwdocs_pending/before)"
		if fwdocs_restore "$fwdocs_pending/before"; then
			fwdocs_say "restored: the firewall is as it was before this run"
			rm -fr "$fwdocs_pending"
			if [ "$fwdocs_exit_code" = 0 ]; then
				fwdocs_exit_code=5
			fi
		else
			printf '%s: RESTORE FAILED; the saved ruleset is in %s\n' "$FWDOCS_PROG" "$fwdocs_pending/before" >&2
			fwdocs_exit_code=1
		fi
	fi
	if command -v fwdocs_cleanup >/dev/null 2>&1; then
		fwdocs_cleanup
	fi
	exit "$fwdocs_exit_code"
}

# Saves the ruleset and arranges its restore: on any exit until the run is confirmed.
fwdocs_begin_confirm() {
	mkdir -p "${fwdocs_pending%/*}"
	chmod 700 "${fwdocs_pending%/*}"
	if ! mkdir "$fwdocs_pending" 2>/dev/null; then
		fwdocs_pid=$(cat "$fwdocs_pending/pid" 2>/dev/null || :)
		if [ -n "$fwdocs_pid" ] && kill -0 "$fwdocs_pid" 2>/dev/null; then
			fwdocs_fail 1 "another run of this script (pid $fwdocs_pid) waits for its confirmation: confirm it with $fwdocs_confirm_how, or let it restore, first"
		fi
		rm -fr "$fwdocs_pending"
		mkdir "$fwdocs_pending"
	fi
	printf '%s\n' "$$" >"$fwdocs_pending/pid"
	mkdir "$fwdocs_pending/before"
	fwdocs_snapshot "$fwdocs_pending/before"
	trap fwdocs_on_exit EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	# a lost SSH session (hangup) must not stop the wait: from then on the output goes to a log
	trap 'exec >>"$fwdocs_pending.log" 2>&1' HUP
	fwdocs_waiting=1
}

# Waits for yes on the terminal or a --confirm from another session, at most fwdocs_confirm_within seconds.
fwdocs_wait_confirm() {
	fwdocs_say "the new rules are in force. To keep them, type yes within $fwdocs_confirm_within seconds, or run" \
		"$fwdocs_confirm_how from another session; otherwise the ruleset from before comes back."
	fwdocs_reader=
	# in a subshell: a failed redirection of a special built-in would end this shell (no terminal: none to read)
	if (: </dev/tty) 2>/dev/null; then
		(
			while IFS= read -r fwdocs_answer; do
				if [ "$fwdocs_answer" = yes ]; then
					: >"$fwdocs_pending/confirmed"
					exit 0
				fi
				fwdocs_say "type yes to keep the new rules"
			done
		) </dev/tty &
		fwdocs_reader=$!
	fi
	fwdocs_deadline=$(($(date +%s) + fwdocs_confirm_within))
	while [ ! -e "$fwdocs_pending/confirmed" ] && [ "$(date +%s)" -lt "$fwdocs_deadline" ]; do
		sleep 1
	done
	if [ -n "$fwdocs_reader" ]; then
		kill "$fwdocs_reader" 2>/dev/null || :
	fi
	if [ -e "$fwdocs_pending/confirmed" ]; then
		fwdocs_waiting=0
		rm -fr "$fwdocs_pending"
		fwdocs_say "confirmed: the new rules stay"
	else
		fwdocs_say "not confirmed within $fwdocs_confirm_within seconds"
		exit 5
	fi
}

# --confirm: confirms the run that waits, and waits (briefly) until it has taken the confirmation.
fwdocs_confirm_pending() {
	fwdocs_pid=$(cat "$fwdocs_pending/pid" 2>/dev/null || :)
	if [ -z "$fwdocs_pid" ] || ! kill -0 "$fwdocs_pid" 2>/dev/null || [ -e "$fwdocs_pending/confirmed" ]; then
		fwdocs_fail 1 "no run of this script (${fwdocs_pending##*/}) waits for a confirmation"
	fi
	: >"$fwdocs_pending/confirmed"
	fwdocs_tries=0
	while [ -d "$fwdocs_pending" ] && [ "$fwdocs_tries" -lt 10 ]; do
		sleep 1
		fwdocs_tries=$((fwdocs_tries + 1))
	done
	fwdocs_say "confirmed: the run with pid $fwdocs_pid keeps the new rules"
}
