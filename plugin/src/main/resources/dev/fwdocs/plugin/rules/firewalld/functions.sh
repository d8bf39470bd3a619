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
		for fwdocs_z in $fwdocs_zones; do
			if firewall-cmd --permanent --zone="$fwdocs_z" --query-service="$FWDOCS_SERVICE" >/dev/null 2>&1; then
				fwdocs_fw --zone="$fwdocs_z" --remove-service="$FWDOCS_SERVICE"
			fi
		done
		fwdocs_fw --delete-service="$FWDOCS_SERVICE"
	fi
}

# fwdocs_reset_service SHORT DESCRIPTION: the service exists with no ports (kept if it exists, so that zones
# that list it keep it), ready for its ports.
fwdocs_reset_service() {
	if fwdocs_has "$fwdocs_services" "$FWDOCS_SERVICE"; then
		for fwdocs_p in $(firewall-cmd --permanent --service="$FWDOCS_SERVICE" --get-ports); do
			fwdocs_fw --service="$FWDOCS_SERVICE" --remove-port="$fwdocs_p"
		done
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

