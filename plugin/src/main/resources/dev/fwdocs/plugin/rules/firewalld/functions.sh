fwdocs_check_backend() {
	command -v firewall-cmd >/dev/null 2>&1 || fwdocs_fail 4 "firewall-cmd is not installed (package firewalld)"
	fwdocs_state=$(firewall-cmd --state 2>&1) || :
	[ "$fwdocs_state" = running ] || fwdocs_fail 4 "firewalld is not running (firewall-cmd --state: $fwdocs_state)"
	fwdocs_policies=$(firewall-cmd --permanent --get-policies 2>/dev/null) ||
		fwdocs_fail 4 "this firewalld has no policies; firewalld 0.9 or later is needed"
	fwdocs_services=$(firewall-cmd --permanent --get-services)
	fwdocs_zones=$(firewall-cmd --permanent --get-zones)
	fwdocs_zone=$FWDOCS_OPT_ZONE
	if [ -z "$fwdocs_zone" ]; then
		fwdocs_zone=$(firewall-cmd --get-default-zone)
	fi
	fwdocs_has "$fwdocs_zones" "$fwdocs_zone" || fwdocs_fail 2 "--zone: firewalld has no zone '$fwdocs_zone'"
}

# fwdocs_has LIST WORD: true when WORD is one of the space-separated words of LIST.
fwdocs_has() {
	case " $1 " in
	*" $2 "*) return 0 ;;
	esac
	return 1
}

# fwdocs_fw ARGS...: one change to firewalld's permanent configuration (the reload puts it in force).
fwdocs_fw() {
	fwdocs_run firewall-cmd -q --permanent "$@"
}

fwdocs_nl='
'
# fwdocs_in_list LINE LIST: true when LINE is one of the lines of LIST.
fwdocs_in_list() {
	case $fwdocs_nl$2$fwdocs_nl in
	*"$fwdocs_nl$1$fwdocs_nl"*) return 0 ;;
	esac
	return 1
}

# fwdocs_fw_many ARGS...: one firewall-cmd call with several items of one kind (--add-port=A --add-port=B ...).
# firewall-cmd takes such a list in one call (each call costs a start of firewall-cmd), but an item it rejects
# in a list is only a warning, and -q would hide it: so the call runs without -q, and any warning or error
# other than ALREADY_ENABLED (the item is there, as wanted) fails.
fwdocs_fw_many() {
	fwdocs_show firewall-cmd --permanent "$@"
	if [ "$fwdocs_dry_run" = 0 ]; then
		fwdocs_msg=$(firewall-cmd --permanent "$@" 2>&1) || fwdocs_fail 1 "firewall-cmd failed: $fwdocs_msg"
		fwdocs_bad=$(printf '%s\n' "$fwdocs_msg" | grep 'Warning:\|Error:' | grep -v 'ALREADY_ENABLED' || :)
		[ -z "$fwdocs_bad" ] || fwdocs_fail 1 "firewall-cmd did not take every item: $fwdocs_bad"
	fi
}

# fwdocs_queue TARGET OPTION=VALUE: one addition (TARGET --service=NAME or --policy=NAME, OPTION --add-port or
# --add-rich-rule), each once; fwdocs_flush makes them with one call per target and option, in this order.
fwdocs_queued=
fwdocs_queue() {
	if ! fwdocs_in_list "$1 $2" "$fwdocs_queued"; then
		fwdocs_queued="$fwdocs_queued$1 $2$fwdocs_nl"
	fi
}

fwdocs_flush() {
	fwdocs_groups=
	fwdocs_old_ifs=$IFS
	IFS=$fwdocs_nl
	for fwdocs_item in $fwdocs_queued; do
		fwdocs_rest=${fwdocs_item#* }
		fwdocs_group="${fwdocs_item%% *} ${fwdocs_rest%%=*}"
		if ! fwdocs_in_list "$fwdocs_group" "$fwdocs_groups"; then
			fwdocs_groups="$fwdocs_groups$fwdocs_group$fwdocs_nl"
		fi
	done
	for fwdocs_group in $fwdocs_groups; do
		set -- "${fwdocs_group%% *}"
		for fwdocs_item in $fwdocs_queued; do
			fwdocs_rest=${fwdocs_item#* }
			if [ "${fwdocs_item%% *} ${fwdocs_rest%%=*}" = "$fwdocs_group" ]; then
				set -- "$@" "$fwdocs_rest"
			fi
		done
		IFS=$fwdocs_old_ifs
		fwdocs_fw_many "$@"
		IFS=$fwdocs_nl
	done
	IFS=$fwdocs_old_ifs
	fwdocs_queued=
}

# What this script owns, as firewalld describes it; equal before and after means nothing changed.
fwdocs_snapshot() {
	for fwdocs_o in "$FWDOCS_POLICY_IN" "$FWDOCS_POLICY_OUT"; do
		if fwdocs_has "$fwdocs_policies" "$fwdocs_o"; then
			firewall-cmd --permanent --info-policy="$fwdocs_o"
		fi
	done
	if fwdocs_has "$fwdocs_services" "$FWDOCS_SERVICE"; then
		firewall-cmd --permanent --info-service="$FWDOCS_SERVICE"
	fi
}

fwdocs_remove_policies() {
	for fwdocs_o in "$FWDOCS_POLICY_IN" "$FWDOCS_POLICY_OUT"; do
		if fwdocs_has "$fwdocs_policies" "$fwdocs_o"; then
			fwdocs_fw --delete-policy="$fwdocs_o"
		fi
	done
}

# Deletes the service, first from every zone that lists it (it cannot stay listed once it is gone).
fwdocs_remove_service() {
	if fwdocs_has "$fwdocs_services" "$FWDOCS_SERVICE"; then
		# one listing of every zone rather than a query per zone (each firewall-cmd call is a new process)
		fwdocs_listing_zones=$(firewall-cmd --permanent --list-all-zones | awk -v s="$FWDOCS_SERVICE" '
			/^[^ \t]/ { zone = $1 }
			/^[ \t]+services:/ { for (i = 2; i <= NF; i++) if ($i == s) print zone }')
		for fwdocs_z in $fwdocs_listing_zones; do
			fwdocs_has "$fwdocs_zones" "$fwdocs_z" || fwdocs_fail 1 "firewall-cmd listed an unknown zone '$fwdocs_z'"
			fwdocs_fw --zone="$fwdocs_z" --remove-service="$FWDOCS_SERVICE"
		done
		fwdocs_fw --delete-service="$FWDOCS_SERVICE"
	fi
}

# fwdocs_reset_service SHORT DESCRIPTION: the service exists with no ports (kept if it exists, so that zones
# that list it keep it), ready for its ports.
fwdocs_reset_service() {
	if fwdocs_has "$fwdocs_services" "$FWDOCS_SERVICE"; then
		set -- "$1" "$2" --service="$FWDOCS_SERVICE"
		for fwdocs_p in $(firewall-cmd --permanent --service="$FWDOCS_SERVICE" --get-ports); do
			set -- "$@" --remove-port="$fwdocs_p"
		done
		if [ "$#" -gt 3 ]; then
			fwdocs_short=$1
			fwdocs_desc=$2
			shift 2
			fwdocs_fw_many "$@"
			set -- "$fwdocs_short" "$fwdocs_desc"
		fi
	else
		fwdocs_fw --new-service="$FWDOCS_SERVICE"
	fi
	fwdocs_fw --service="$FWDOCS_SERVICE" --set-short="$1"
	fwdocs_fw --service="$FWDOCS_SERVICE" --set-description="$2"
}

# fwdocs_new_policy NAME SHORT DESCRIPTION INGRESS EGRESS
fwdocs_new_policy() {
	fwdocs_fw --new-policy="$1"
	fwdocs_fw --policy="$1" --set-short="$2"
	fwdocs_fw --policy="$1" --set-description="$3"
	fwdocs_fw --policy="$1" --set-target=CONTINUE
	fwdocs_fw --policy="$1" --add-ingress-zone="$4"
	fwdocs_fw --policy="$1" --add-egress-zone="$5"
}

# Reloads firewalld when the permanent configuration changed, or when the running firewalld lacks it.
fwdocs_reload_if_changed() {
	if [ "$fwdocs_dry_run" = 1 ]; then
		fwdocs_show firewall-cmd -q --reload
		return 0
	fi
	fwdocs_policies=$(firewall-cmd --permanent --get-policies)
	fwdocs_services=$(firewall-cmd --permanent --get-services)
	fwdocs_after=$(fwdocs_snapshot)
	fwdocs_running=$(firewall-cmd --get-policies)
	fwdocs_stale=0
	for fwdocs_o in "$FWDOCS_POLICY_IN" "$FWDOCS_POLICY_OUT"; do
		if fwdocs_has "$fwdocs_policies" "$fwdocs_o" && ! fwdocs_has "$fwdocs_running" "$fwdocs_o"; then
			fwdocs_stale=1
		fi
	done
	if [ "$1" = "$fwdocs_after" ] && [ "$fwdocs_stale" = 0 ]; then
		fwdocs_say "firewalld already had this configuration; no reload needed"
	else
		fwdocs_run firewall-cmd -q --reload
	fi
}

fwdocs_undo() {
	fwdocs_before=$(fwdocs_snapshot)
	if [ -z "$fwdocs_before" ]; then
		fwdocs_say "firewalld has no $FWDOCS_SERVICE service and no $FWDOCS_POLICY_IN or $FWDOCS_POLICY_OUT policy; nothing to remove"
		return 0
	fi
	fwdocs_remove_policies
	fwdocs_remove_service
	fwdocs_run firewall-cmd -q --reload
}

