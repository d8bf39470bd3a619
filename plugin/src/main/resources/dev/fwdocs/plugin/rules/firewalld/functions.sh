case $FWDOCS_OPT_ZONE in
*[!A-Za-z0-9_.+-]*) fwdocs_usage_error "--zone: '$FWDOCS_OPT_ZONE' is not a zone name" ;;
esac

fwdocs_nl='
'
fwdocs_tab=$(printf '\t')
fwdocs_tmp=

fwdocs_cleanup() {
	if [ -n "$fwdocs_tmp" ]; then
		rm -rf "$fwdocs_tmp"
	fi
}
trap fwdocs_cleanup EXIT

fwdocs_check_backend() {
	command -v firewall-cmd >/dev/null 2>&1 || fwdocs_fail 4 "firewall-cmd is not installed (package firewalld)"
	# the reader runs only while firewalld is running; else firewall-cmd says what the state is
	fwdocs_load all
	if [ -z "$fwdocs_dump" ]; then
		fwdocs_state=$(firewall-cmd --state 2>&1) || :
		[ "$fwdocs_state" = running ] || fwdocs_fail 4 "firewalld is not running (firewall-cmd --state: $fwdocs_state)"
	fi
	fwdocs_zone=
	if [ "$fwdocs_undo" = 0 ]; then
		fwdocs_zone=$FWDOCS_OPT_ZONE
		if [ -z "$fwdocs_zone" ]; then
			fwdocs_zone=$(fwdocs_query default-zone --get-default-zone)
		fi
	fi
	fwdocs_read
	if [ "$fwdocs_undo" = 0 ]; then
		fwdocs_has "$fwdocs_zones" "$fwdocs_zone" || fwdocs_fail 2 "--zone: firewalld has no zone '$fwdocs_zone'"
		fwdocs_normalize_sources
	fi
}

# fwdocs_has LIST WORD: true when WORD is one of the space-separated words of LIST.
fwdocs_has() {
	case " $1 " in
	*" $2 "*) return 0 ;;
	esac
	return 1
}

# fwdocs_minus A B: the lines of A that are not lines of B.
fwdocs_minus() {
	while IFS= read -r fwdocs_l; do
		[ -n "$fwdocs_l" ] || continue
		case "$fwdocs_nl$2$fwdocs_nl" in
		*"$fwdocs_nl$fwdocs_l$fwdocs_nl"*) ;;
		*) printf '%s\n' "$fwdocs_l" ;;
		esac
	done <<FWDOCS_EOF
$1
FWDOCS_EOF
}

# fwdocs_fw ARGS...: one change to firewalld's permanent configuration (the reload puts it in force). In check
# mode (after the changes, to prove they all took) a change still needed is recorded as a failure instead.
fwdocs_fw() {
	if [ "$fwdocs_mode" = check ]; then
		fwdocs_missed="$fwdocs_missed firewall-cmd --permanent $*$fwdocs_nl"
		return 0
	fi
	fwdocs_changed=1
	fwdocs_flush
	fwdocs_run firewall-cmd -q --permanent "$@"
}

# Creating or deleting a service, ipset or policy takes a firewall-cmd call of its own (the option takes one value),
# and a role with address sources has an ipset per role and family, so a script can make dozens of them. Those calls
# wait in fwdocs_queue (one a line: its arguments after -q --permanent, words without spaces, XML files named
# relative to fwdocs_tmp, as the log shows them) until fwdocs_flush, which comes before any other firewall-cmd call,
# runs them in order in one Python run (FWDOCS_WRITE_PY): firewall-cmd's own code with each call's arguments, so each
# does exactly what that firewall-cmd call does, without a Python start-up each.
fwdocs_queue=

# fwdocs_queued ARGS...: as fwdocs_fw, for a call that creates or deletes a service, ipset or policy.
fwdocs_queued() {
	if [ "$fwdocs_mode" = check ]; then
		fwdocs_missed="$fwdocs_missed firewall-cmd --permanent $*$fwdocs_nl"
		return 0
	fi
	fwdocs_changed=1
	fwdocs_show firewall-cmd -q --permanent "$@"
	if [ "$fwdocs_dry_run" = 0 ]; then
		for fwdocs_arg do
			fwdocs_queue="$fwdocs_queue$fwdocs_arg "
		done
		fwdocs_queue="${fwdocs_queue% }$fwdocs_nl"
	fi
}

# Runs the calls of fwdocs_queue (see there). Arguments: firewall-cmd, then each call as one argument. Exits 255
# before the first call when firewall-cmd is not a Python program (its #! line) that this python3 can run with
# firewalld's modules (then the shell runs firewall-cmd call by call); else as the first firewall-cmd call that fails
# (naming it), or 0.
FWDOCS_WRITE_PY='
import sys
# not the folder the script was started in: a module there must not run as root
sys.path[:] = [p for p in sys.path if p not in ("", ".")]
path, calls = sys.argv[1], sys.argv[2:]
try:
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if not text.startswith("#!") or "python" not in text.split("\n", 1)[0]:
        sys.exit(255)
    code = compile(text, path, "exec")
    import firewall.client, firewall.command
except Exception:
    sys.exit(255)
# one D-Bus client for every call: a new one reads firewalld interfaces again, most of the time a call takes
new_client = firewall.client.FirewallClient
clients = []
def client(*args, **kwargs):
    if args or kwargs:
        return new_client(*args, **kwargs)
    if not clients:
        clients.append(new_client())
    return clients[0]
firewall.client.FirewallClient = client
for call in calls:
    sys.argv = [path, "-q", "--permanent"] + call.split(" ")
    try:
        exec(code, {"__name__": "__main__", "__file__": path})
        status = 0
    except SystemExit as e:
        status = e.code
    if status not in (None, 0):
        if not isinstance(status, int) or not 0 < status < 255:
            status = 1
        sys.stderr.write("firewall-cmd -q --permanent %s failed (exit %d)\n" % (call, status))
        sys.exit(status)
'

fwdocs_flush() {
	[ -n "$fwdocs_queue" ] || return 0
	fwdocs_calls=${fwdocs_queue%"$fwdocs_nl"}
	fwdocs_queue=
	fwdocs_cmd=$(command -v firewall-cmd)
	fwdocs_old_ifs=$IFS
	IFS=$fwdocs_nl
	# shellcheck disable=SC2086 # one call a line; globbing is off (set -f)
	set -- $fwdocs_calls
	IFS=$fwdocs_old_ifs
	fwdocs_rc=0
	(cd "${fwdocs_tmp:-.}" && fwdocs_python -c "$FWDOCS_WRITE_PY" "$fwdocs_cmd" "$@") || fwdocs_rc=$?
	case $fwdocs_rc in
	0) return 0 ;;
	255) ;;
	*) exit "$fwdocs_rc" ;;
	esac
	for fwdocs_call do
		# shellcheck disable=SC2086 # the call's words; globbing is off (set -f)
		(cd "${fwdocs_tmp:-.}" && firewall-cmd -q --permanent $fwdocs_call)
	done
}

# fwdocs_batch OPTION LINES ARGS...: one firewall-cmd call with ARGS and --OPTION=LINE for each line of LINES
# (firewall-cmd takes the option repeatedly); nothing when LINES is empty.
fwdocs_batch() {
	fwdocs_opt=$1
	fwdocs_lines=$2
	shift 2
	fwdocs_n=0
	while IFS= read -r fwdocs_l; do
		[ -n "$fwdocs_l" ] || continue
		set -- "$@" "--$fwdocs_opt=$fwdocs_l"
		fwdocs_n=$((fwdocs_n + 1))
	done <<FWDOCS_EOF
$fwdocs_lines
FWDOCS_EOF
	if [ "$fwdocs_n" -gt 0 ]; then
		fwdocs_fw "$@"
	fi
}

# fwdocs_new_from_file KIND NAME XML: creates a service, ipset or policy from XML (one call, in fwdocs_queue).
fwdocs_new_from_file() {
	if [ "$fwdocs_mode" = check ]; then
		fwdocs_missed="$fwdocs_missed firewall-cmd --permanent --new-$1-from-file (--name=$2)$fwdocs_nl"
		return 0
	fi
	fwdocs_changed=1
	if [ "$fwdocs_dry_run" = 1 ]; then
		fwdocs_show firewall-cmd -q --permanent "--new-$1-from-file=$2.xml" "--name=$2"
		printf '%s\n' "$3" | sed 's/^/    /'
		return 0
	fi
	if [ -z "$fwdocs_tmp" ]; then
		fwdocs_tmp=$(mktemp -d "${TMPDIR:-/tmp}/fwdocs.XXXXXX")
	fi
	printf '%s\n' "$3" >"$fwdocs_tmp/$2.xml"
	fwdocs_queued "--new-$1-from-file=$2.xml" "--name=$2"
}

# Every read of this script in one Python run (each firewall-cmd is a Python start-up of its own): on firewall-cmd's
# own modules, what these firewall-cmd calls print, printed by the same functions, each after a line
# "@@fwdocs KEY STATUS" (STATUS 0, or 1 when the call would fail). Arguments: what (all: the running configuration
# too; permanent), the service, the policy, the ipset prefix. Exits non-zero when firewalld is not running or the
# modules are not there: then firewall-cmd is asked, call by call.
#   p-zones: --permanent --list-all-zones      r-zones: --list-all-zones
#   p-ipsets: --permanent --get-ipsets         r-ipsets: --get-ipsets
#   p-service: --permanent --info-service=S    r-service: --info-service=S    default-zone: --get-default-zone
#   p-policy: --permanent --info-policy=P      r-policy: --info-policy=P      r-policies: --get-policies
#   p-ipset:NAME, r-ipset:NAME: --info-ipset=NAME, for every ipset with the prefix
FWDOCS_READ_PY='
import sys
# not the folder the script was started in: a module there must not run as root
sys.path[:] = [p for p in sys.path if p not in ("", ".")]
import contextlib, io
from firewall.client import FirewallClient
from firewall.command import FirewallCommand
what, service, policy, prefix = sys.argv[1:5]
fw = FirewallClient()
if not fw.connected or fw.get_property("state") != "RUNNING":
    sys.exit(1)
cmd = FirewallCommand(False, False)
out = []
def query(key, read):
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf):
            read()
        status = 0
    except Exception:
        status = 1
    out.append("@@fwdocs %s %d\n%s" % (key, status, buf.getvalue() if status == 0 else ""))
def zones(names, settings):
    for zone in names:
        cmd.print_zone_info(zone, settings(zone))
        cmd.print_msg("")
config = fw.config()
query("default-zone", lambda: cmd.print_msg(fw.getDefaultZone()))
query("p-zones", lambda: zones(sorted(config.getZoneNames()), lambda z: config.getZoneByName(z).getSettings()))
ipsets = config.getIPSetNames()
query("p-ipsets", lambda: cmd.print_msg(" ".join(ipsets)))
query("p-service", lambda: cmd.print_service_info(service, config.getServiceByName(service).getSettings()))
if policy:
    query("p-policy", lambda: cmd.print_policy_info(policy, config.getPolicyByName(policy).getSettings()))
for name in ipsets:
    if name.startswith(prefix):
        query("p-ipset:" + name, lambda: cmd.print_ipset_info(name, config.getIPSetByName(name).getSettings()))
if what == "all":
    query("r-zones", lambda: zones(fw.getZones(), fw.getZoneSettings))
    ipsets = sorted(fw.getIPSets())
    query("r-ipsets", lambda: cmd.print_msg(" ".join(ipsets)))
    query("r-policies", lambda: cmd.print_msg(" ".join(fw.getPolicies())))
    query("r-service", lambda: cmd.print_service_info(service, fw.getServiceSettings(service)))
    if policy:
        query("r-policy", lambda: cmd.print_policy_info(policy, fw.getPolicySettings(policy)))
    for name in ipsets:
        if name.startswith(prefix):
            query("r-ipset:" + name, lambda: cmd.print_ipset_info(name, fw.getIPSetSettings(name)))
sys.stdout.write("".join(out))
'

# The reads of FWDOCS_READ_PY, or nothing (then firewall-cmd answers each); fwdocs_load all|permanent refreshes them.
fwdocs_dump=

fwdocs_load() {
	fwdocs_dump=$(fwdocs_python -c "$FWDOCS_READ_PY" "$1" "$FWDOCS_SERVICE" "$FWDOCS_POLICY_OUT" \
		"$FWDOCS_IPSET_PREFIX" 2>/dev/null) || fwdocs_dump=
}

# fwdocs_query KEY FIREWALL-CMD-ARGS...: what firewall-cmd prints for those arguments, and whether it succeeds: from
# fwdocs_dump when it has KEY (see FWDOCS_READ_PY), else from firewall-cmd.
fwdocs_query() {
	fwdocs_key="@@fwdocs $1 "
	shift
	case "$fwdocs_nl$fwdocs_dump" in
	*"$fwdocs_nl$fwdocs_key"*)
		printf '%s\n' "$fwdocs_dump" | awk -v k="$fwdocs_key" '
			on && index($0, "@@fwdocs ") == 1 { exit }
			on { print }
			!on && index($0, k) == 1 { on = 1; rc = substr($0, length(k) + 1) + 0 }
			END { exit rc }'
		;;
	*) firewall-cmd "$@" ;;
	esac
}

# Reads what firewalld's permanent configuration holds of this script's objects: every zone's services and rich
# rules (fwdocs_ours: "S<tab>ZONE" when ZONE lists the service, "R<tab>ZONE<tab>RULE" for a rich rule that uses one
# of this script's ipsets), the ipsets, the service and the outbound policy.
fwdocs_read() {
	fwdocs_all=$(fwdocs_query p-zones --permanent --list-all-zones)
	fwdocs_zones=$(printf '%s\n' "$fwdocs_all" | awk '/^[^ \t]/ { printf "%s ", $1 }')
	fwdocs_ours=$(printf '%s\n' "$fwdocs_all" | fwdocs_ours_of)
	fwdocs_ipsets=$(fwdocs_query p-ipsets --permanent --get-ipsets)
	fwdocs_our_ipsets=$(fwdocs_our_ipsets_of "$fwdocs_ipsets")
	fwdocs_service_info=$(fwdocs_query p-service --permanent --info-service="$FWDOCS_SERVICE" 2>/dev/null) ||
		fwdocs_service_info=
	fwdocs_policy_info=
	if [ -n "$FWDOCS_POLICY_OUT" ]; then
		fwdocs_policy_info=$(fwdocs_query p-policy --permanent --info-policy="$FWDOCS_POLICY_OUT" 2>/dev/null) ||
			fwdocs_policy_info=
	fi
}

# Filters a --list-all-zones listing (standard input) down to this script's service and rich rules.
fwdocs_ours_of() {
	awk -v svc="$FWDOCS_SERVICE" -v pre="ipset=\"$FWDOCS_IPSET_PREFIX" '
		/^[^ \t]/ { zone = $1; next }
		/^  services:/ { for (i = 2; i <= NF; i++) if ($i == svc) print "S\t" zone; next }
		/^\t/ { r = substr($0, 2); if (index(r, pre) > 0) print "R\t" zone "\t" r }
	' | sort
}

# fwdocs_our_ipsets_of NAMES: this script's ipsets among NAMES, one a line.
fwdocs_our_ipsets_of() {
	for fwdocs_i in $1; do
		case $fwdocs_i in
		"$FWDOCS_IPSET_PREFIX"*) printf '%s\n' "$fwdocs_i" ;;
		esac
	done
}

# fwdocs_lists_service ZONE: true when ZONE lists this script's service.
fwdocs_lists_service() {
	case "$fwdocs_nl$fwdocs_ours$fwdocs_nl" in
	*"${fwdocs_nl}S$fwdocs_tab$1$fwdocs_nl"*) return 0 ;;
	esac
	return 1
}

# fwdocs_zone_rules ZONE: this script's rich rules in ZONE.
fwdocs_zone_rules() {
	printf '%s\n' "$fwdocs_ours" | awk -F '\t' -v z="$1" '$1 == "R" && $2 == z { print $3 }'
}

# fwdocs_field INFO NAME: the words of the line "  NAME: ..." of a firewall-cmd --info-* listing, one a line.
fwdocs_field() {
	printf '%s\n' "$1" | awk -v f="  $2:" 'index($0, f) == 1 { for (i = 2; i <= NF; i++) print $i }'
}

# The python3 that firewall-cmd itself runs on; it normalizes addresses the way firewalld stores them.
fwdocs_python() {
	if [ -x /usr/bin/python3 ]; then
		/usr/bin/python3 "$@"
	else
		python3 "$@"
	fi
}

# Per input line (a family's CIDRs, or "any"): the same networks as firewalld stores them in an ipset (host bits
# cleared), overlapping and adjacent ones merged (firewalld refuses overlapping entries), /0 as two halves.
FWDOCS_NORMALIZE_PY='
import sys
# not the folder the script was started in: a module there must not run as root
sys.path[:] = [p for p in sys.path if p not in ("", ".")]
import ipaddress
for line in sys.stdin.read().split("\n")[:-1]:
    words = line.split()
    if words == ["any"]:
        print("any")
        continue
    nets = []
    for n in ipaddress.collapse_addresses(ipaddress.ip_network(w, strict=False) for w in words):
        nets.extend(n.subnets(new_prefix=1) if n.prefixlen == 0 else [n])
    print(" ".join(str(n) for n in nets))
'

# fwdocs_normalize VAR...: rewrites each variable (a role's CIDRs of one family, or "any") in firewalld's form.
fwdocs_normalize() {
	[ "$#" -gt 0 ] || return 0
	fwdocs_in=
	fwdocs_any=1
	for fwdocs_v do
		eval "fwdocs_val=\$$fwdocs_v"
		fwdocs_in="$fwdocs_in$fwdocs_val$fwdocs_nl"
		case $fwdocs_val in
		'' | any) ;;
		*) fwdocs_any=0 ;;
		esac
	done
	# "any" and no addresses stay as they are: no Python run for them
	[ "$fwdocs_any" = 0 ] || return 0
	fwdocs_out=$(printf '%s' "$fwdocs_in" | fwdocs_python -c "$FWDOCS_NORMALIZE_PY") ||
		fwdocs_fail 4 "python3 (which firewalld runs on) could not normalize the addresses"
	fwdocs_out="$fwdocs_out$fwdocs_nl"
	for fwdocs_v do
		fwdocs_val=${fwdocs_out%%"$fwdocs_nl"*}
		fwdocs_out=${fwdocs_out#*"$fwdocs_nl"}
		eval "$fwdocs_v=\$fwdocs_val"
	done
}

# fwdocs_want_port PORT PROTO: a port of the service (open to any address in the zone); fwdocs_want_out_port PORT
# PROTO: a port of the outbound policy. Each once.
fwdocs_want_port() {
	fwdocs_w_ports=$(fwdocs_plus "$fwdocs_w_ports" "$1/$2")
}

fwdocs_want_out_port() {
	fwdocs_w_out_ports=$(fwdocs_plus "$fwdocs_w_out_ports" "$1/$2")
}

# fwdocs_rich SIDE port PORT PROTO | SIDE icmp TYPE: the rich rule, as firewall-cmd lists it, that accepts this
# traffic from (SIDE source) or to (SIDE destination) the addresses of the ipset of the last fwdocs_want_ipset.
fwdocs_rich() {
	fwdocs_r="rule family=\"ipv$fwdocs_set_family\" $1 ipset=\"$fwdocs_set\""
	if [ "$2" = port ]; then
		printf '%s port port="%s" protocol="%s" accept' "$fwdocs_r" "$3" "$4"
	else
		printf '%s icmp-type name="%s" accept' "$fwdocs_r" "$3"
	fi
}

# fwdocs_want_rich port PORT PROTO | icmp TYPE: a rich rule of the zone whose source is the ipset of the last
# fwdocs_want_ipset; fwdocs_want_out_rich: one of the outbound policy, with that ipset as destination. Each once;
# nothing when that ipset has no entries (no addresses of its family: no rule, never "any").
fwdocs_want_rich() {
	[ -n "$fwdocs_set" ] || return 0
	fwdocs_w_rich=$(fwdocs_plus "$fwdocs_w_rich" "$(fwdocs_rich source "$@")")
}

fwdocs_want_out_rich() {
	[ -n "$fwdocs_set" ] || return 0
	fwdocs_w_out_rich=$(fwdocs_plus "$fwdocs_w_out_rich" "$(fwdocs_rich destination "$@")")
}

# fwdocs_plus LINES LINE: LINES with LINE added at the end unless it is one of them already.
fwdocs_plus() {
	case "$fwdocs_nl$1$fwdocs_nl" in
	*"$fwdocs_nl$2$fwdocs_nl"*) printf '%s' "$1" ;;
	*) printf '%s' "$1${1:+$fwdocs_nl}$2" ;;
	esac
}

# fwdocs_want_ipset NAME FAMILY(4|6) ENTRIES SHORT DESCRIPTION: makes the ipset hold exactly ENTRIES (normalized
# CIDRs separated by spaces) and sets fwdocs_set to its name and fwdocs_set_family to FAMILY, for the rich rules that
# follow. ENTRIES "any" (a role whose addresses were not given) means the shared ipset
# ${FWDOCS_IPSET_PREFIX}any-FAMILY instead, which holds the two halves of the family's address space (hash:net takes
# no /0). ENTRIES empty: no ipset, and fwdocs_set is empty, so that no rule of that family is made.
fwdocs_want_ipset() {
	fwdocs_set=$1
	fwdocs_set_family=$2
	fwdocs_entries=$3
	if [ "$fwdocs_entries" = any ]; then
		fwdocs_set=${FWDOCS_IPSET_PREFIX}any-$2
		if [ "$2" = 4 ]; then
			set -- "$fwdocs_set" 4 '0.0.0.0/1 128.0.0.0/1' "$4" "$FWDOCS_ANY_DESCRIPTION_4"
		else
			set -- "$fwdocs_set" 6 '::/1 8000::/1' "$4" "$FWDOCS_ANY_DESCRIPTION_6"
		fi
		fwdocs_entries=$3
	fi
	if [ -z "$fwdocs_entries" ]; then
		fwdocs_set=
		return 0
	fi
	fwdocs_w_entries="$fwdocs_w_entries$1$fwdocs_tab$fwdocs_entries$fwdocs_nl"
	if fwdocs_has "$fwdocs_w_ipsets" "$1"; then
		return 0
	fi
	fwdocs_w_ipsets="$fwdocs_w_ipsets $1"
	fwdocs_want=
	for fwdocs_e in $fwdocs_entries; do
		fwdocs_want="$fwdocs_want$fwdocs_e$fwdocs_nl"
	done
	fwdocs_fam=inet
	if [ "$2" = 6 ]; then
		fwdocs_fam=inet6
	fi
	if ! fwdocs_has "$fwdocs_ipsets" "$1"; then
		fwdocs_xml="<?xml version=\"1.0\" encoding=\"utf-8\"?>$fwdocs_nl<ipset type=\"hash:net\">"
		fwdocs_xml="$fwdocs_xml$fwdocs_nl  <short>$4</short>$fwdocs_nl  <description>$5</description>"
		if [ "$fwdocs_fam" = inet6 ]; then
			fwdocs_xml="$fwdocs_xml$fwdocs_nl  <option name=\"family\" value=\"inet6\"/>"
		fi
		for fwdocs_e in $fwdocs_entries; do
			fwdocs_xml="$fwdocs_xml$fwdocs_nl  <entry>$fwdocs_e</entry>"
		done
		fwdocs_new_from_file ipset "$1" "$fwdocs_xml$fwdocs_nl</ipset>"
		return 0
	fi
	if [ "$fwdocs_mode" = check ]; then
		return 0 # entries are normalized before they are added; the read-back checks that the ipset exists
	fi
	fwdocs_info=$(fwdocs_query "p-ipset:$1" --permanent --info-ipset="$1")
	fwdocs_has_fam=inet
	case " $(fwdocs_field "$fwdocs_info" options | tr '\n' ' ') " in
	*" family=inet6 "*) fwdocs_has_fam=inet6 ;;
	esac
	if [ "$(fwdocs_field "$fwdocs_info" type)" != hash:net ] || [ "$fwdocs_has_fam" != "$fwdocs_fam" ]; then
		fwdocs_fail 1 "ipset $1 exists with another type or family; run this script with --undo first"
	fi
	fwdocs_have=$(fwdocs_field "$fwdocs_info" entries)
	# removals first: firewalld refuses an entry that overlaps one it still holds
	fwdocs_batch remove-entry "$(fwdocs_minus "$fwdocs_have" "$fwdocs_want")" --ipset="$1"
	fwdocs_batch add-entry "$(fwdocs_minus "$fwdocs_want" "$fwdocs_have")" --ipset="$1"
}

# Brings firewalld's permanent configuration to what fwdocs_desired wants (nothing at all for --undo): the
# service and its place in the zone, the rich rules, the outbound policy, the ipsets; in check mode it only
# records what would still change.
fwdocs_sync() {
	fwdocs_mode=$1
	fwdocs_w_ports=
	fwdocs_w_rich=
	fwdocs_w_out_ports=
	fwdocs_w_out_rich=
	fwdocs_w_ipsets=
	fwdocs_w_entries=
	fwdocs_touched=
	if [ "$fwdocs_undo" = 0 ]; then
		fwdocs_desired
	fi

	# the service: exactly the wanted ports, listed by the chosen zone only
	if [ -n "$fwdocs_w_ports" ]; then
		if [ -z "$fwdocs_service_info" ]; then
			fwdocs_xml="<?xml version=\"1.0\" encoding=\"utf-8\"?>$fwdocs_nl<service>"
			fwdocs_xml="$fwdocs_xml$fwdocs_nl  <short>$FWDOCS_SERVICE_SHORT</short>"
			fwdocs_xml="$fwdocs_xml$fwdocs_nl  <description>$FWDOCS_SERVICE_DESCRIPTION</description>"
			while IFS= read -r fwdocs_l; do
				[ -n "$fwdocs_l" ] || continue
				fwdocs_xml="$fwdocs_xml$fwdocs_nl  <port port=\"${fwdocs_l%/*}\" protocol=\"${fwdocs_l#*/}\"/>"
			done <<FWDOCS_EOF
$fwdocs_w_ports
FWDOCS_EOF
			fwdocs_new_from_file service "$FWDOCS_SERVICE" "$fwdocs_xml$fwdocs_nl</service>"
		else
			fwdocs_have=$(fwdocs_field "$fwdocs_service_info" ports)
			fwdocs_batch remove-port "$(fwdocs_minus "$fwdocs_have" "$fwdocs_w_ports")" --service="$FWDOCS_SERVICE"
			fwdocs_batch add-port "$(fwdocs_minus "$fwdocs_w_ports" "$fwdocs_have")" --service="$FWDOCS_SERVICE"
		fi
	fi
	for fwdocs_z in $fwdocs_zones; do
		if fwdocs_lists_service "$fwdocs_z"; then
			if [ "$fwdocs_z" != "$fwdocs_zone" ] || [ -z "$fwdocs_w_ports" ]; then
				fwdocs_fw --zone="$fwdocs_z" --remove-service="$FWDOCS_SERVICE"
				fwdocs_touched="$fwdocs_touched $fwdocs_z"
			fi
		elif [ "$fwdocs_z" = "$fwdocs_zone" ] && [ -n "$fwdocs_w_ports" ]; then
			fwdocs_fw --zone="$fwdocs_z" --add-service="$FWDOCS_SERVICE"
		fi
	done
	if [ -z "$fwdocs_w_ports" ] && [ -n "$fwdocs_service_info" ]; then
		fwdocs_queued --delete-service="$FWDOCS_SERVICE"
	fi

	# rich rules: the wanted ones in the chosen zone, none of ours anywhere else
	for fwdocs_z in $fwdocs_zones; do
		fwdocs_have=$(fwdocs_zone_rules "$fwdocs_z")
		if [ "$fwdocs_z" = "$fwdocs_zone" ]; then
			fwdocs_batch remove-rich-rule "$(fwdocs_minus "$fwdocs_have" "$fwdocs_w_rich")" --zone="$fwdocs_z"
			fwdocs_batch add-rich-rule "$(fwdocs_minus "$fwdocs_w_rich" "$fwdocs_have")" --zone="$fwdocs_z"
		elif [ -n "$fwdocs_have" ]; then
			fwdocs_batch remove-rich-rule "$fwdocs_have" --zone="$fwdocs_z"
			fwdocs_touched="$fwdocs_touched $fwdocs_z"
		fi
	done

	# the outbound policy (host to any zone): only while there are outbound rules
	if [ -n "$FWDOCS_POLICY_OUT" ]; then
		if [ -n "$fwdocs_w_out_ports$fwdocs_w_out_rich" ]; then
			if [ -z "$fwdocs_policy_info" ]; then
				fwdocs_xml="<?xml version=\"1.0\" encoding=\"utf-8\"?>$fwdocs_nl<policy target=\"CONTINUE\">"
				fwdocs_xml="$fwdocs_xml$fwdocs_nl  <short>$FWDOCS_POLICY_SHORT</short>"
				fwdocs_xml="$fwdocs_xml$fwdocs_nl  <description>$FWDOCS_POLICY_DESCRIPTION</description>"
				fwdocs_xml="$fwdocs_xml$fwdocs_nl  <ingress-zone name=\"HOST\"/>$fwdocs_nl  <egress-zone name=\"ANY\"/>"
				fwdocs_new_from_file policy "$FWDOCS_POLICY_OUT" "$fwdocs_xml$fwdocs_nl</policy>"
				fwdocs_have_ports=
				fwdocs_have_rich=
			else
				fwdocs_have_ports=$(fwdocs_field "$fwdocs_policy_info" ports)
				fwdocs_have_rich=$(printf '%s\n' "$fwdocs_policy_info" | awk 'index($0, "\t") == 1 { print substr($0, 2) }')
			fi
			fwdocs_p=--policy="$FWDOCS_POLICY_OUT"
			fwdocs_batch remove-port "$(fwdocs_minus "$fwdocs_have_ports" "$fwdocs_w_out_ports")" "$fwdocs_p"
			fwdocs_batch add-port "$(fwdocs_minus "$fwdocs_w_out_ports" "$fwdocs_have_ports")" "$fwdocs_p"
			fwdocs_batch remove-rich-rule "$(fwdocs_minus "$fwdocs_have_rich" "$fwdocs_w_out_rich")" "$fwdocs_p"
			fwdocs_batch add-rich-rule "$(fwdocs_minus "$fwdocs_w_out_rich" "$fwdocs_have_rich")" "$fwdocs_p"
		elif [ -n "$fwdocs_policy_info" ]; then
			fwdocs_queued --delete-policy="$FWDOCS_POLICY_OUT"
		fi
	fi

	# ipsets of ours that no rule wants any more (their rules are gone above)
	for fwdocs_i in $fwdocs_our_ipsets; do
		if ! fwdocs_has "$fwdocs_w_ipsets" "$fwdocs_i"; then
			fwdocs_queued --delete-ipset="$fwdocs_i"
		fi
	done

	fwdocs_flush

	# a zone that only held our additions is the shipped zone again: drop the copy firewalld wrote to /etc
	fwdocs_restored=
	for fwdocs_z in $fwdocs_touched; do
		if ! fwdocs_has "$fwdocs_restored" "$fwdocs_z"; then
			fwdocs_restored="$fwdocs_restored $fwdocs_z"
			fwdocs_restore_zone "$fwdocs_z"
		fi
	done
}

# fwdocs_restore_zone ZONE: after our additions are removed, a zone whose configuration file is byte for byte the
# one firewalld ships goes back to the shipped zone (--load-zone-defaults), so that undo also removes the file
# that firewalld wrote to /etc/firewalld/zones when the script first changed the zone. Nothing else is lost.
fwdocs_restore_zone() {
	if [ "$fwdocs_mode" = check ] || [ "$fwdocs_dry_run" = 1 ]; then
		return 0
	fi
	fwdocs_path=$(firewall-cmd --permanent --path-zone="$1" 2>/dev/null) || return 0
	fwdocs_shipped=/usr/lib/firewalld/zones/$1.xml
	case $fwdocs_path in
	/etc/*)
		if [ -f "$fwdocs_shipped" ] && cmp -s "$fwdocs_path" "$fwdocs_shipped"; then
			fwdocs_run firewall-cmd -q --permanent --load-zone-defaults="$1"
		fi
		;;
	esac
}

# True when the running firewalld holds what the permanent configuration holds of this script's objects.
fwdocs_in_force() {
	fwdocs_rt=$(fwdocs_query r-zones --list-all-zones | fwdocs_ours_of)
	[ "$fwdocs_rt" = "$fwdocs_ours" ] || return 1
	fwdocs_rt=$(fwdocs_our_ipsets_of "$(fwdocs_query r-ipsets --get-ipsets)")
	[ "$fwdocs_rt" = "$fwdocs_our_ipsets" ] || return 1
	if [ -n "$FWDOCS_POLICY_OUT" ]; then
		fwdocs_rt=absent
		if fwdocs_has "$(fwdocs_query r-policies --get-policies)" "$FWDOCS_POLICY_OUT"; then
			fwdocs_rt=present
		fi
		fwdocs_pt=absent
		if [ -n "$fwdocs_policy_info" ]; then
			fwdocs_pt=present
		fi
		[ "$fwdocs_rt" = "$fwdocs_pt" ] || return 1
	fi
	return 0
}

fwdocs_finish() {
	fwdocs_flush
	if [ "$fwdocs_changed" = 1 ] && [ "$fwdocs_dry_run" = 0 ]; then
		# batched firewall-cmd calls report a failed item only as a warning: read back and prove every change took
		fwdocs_load permanent
		fwdocs_read
		fwdocs_missed=
		fwdocs_sync check
		if [ -n "$fwdocs_missed" ]; then
			fwdocs_fail 1 "firewalld did not take every change; still needed:$fwdocs_nl$fwdocs_missed"
		fi
	fi
	if [ "$fwdocs_dry_run" = 1 ]; then
		if [ "$fwdocs_changed" = 1 ]; then
			fwdocs_show firewall-cmd -q --reload
		else
			fwdocs_say "firewalld already has this configuration; nothing to change"
		fi
	elif [ "$fwdocs_changed" = 1 ] || ! fwdocs_in_force; then
		fwdocs_run firewall-cmd -q --reload
	else
		fwdocs_say "firewalld already has this configuration; no reload needed"
	fi
}

fwdocs_apply() {
	fwdocs_changed=0
	fwdocs_sync fix
	fwdocs_finish
}

fwdocs_undo() {
	fwdocs_changed=0
	fwdocs_sync fix
	if [ "$fwdocs_changed" = 0 ]; then
		fwdocs_say "firewalld holds nothing of $FWDOCS_SERVICE; nothing to remove"
		return 0
	fi
	fwdocs_finish
}

# fwdocs_snapshot DIR / fwdocs_restore DIR: firewalld's permanent configuration (/etc/firewalld: zones, services,
# ipsets, policies), saved; put back file for file (files written since are removed), then a reload puts it in
# force, for --confirm-within. Runtime-only changes are not kept by a reload; this script reloads anyway.
fwdocs_snapshot() {
	cp -a /etc/firewalld "$1/etc-firewalld"
}

fwdocs_restore() {
	(cd /etc/firewalld && find . -type f) | while IFS= read -r fwdocs_f; do
		if [ ! -e "$1/etc-firewalld/$fwdocs_f" ]; then
			fwdocs_run rm -f "/etc/firewalld/$fwdocs_f"
		fi
	done
	fwdocs_run cp -a "$1/etc-firewalld/." /etc/firewalld/ &&
		fwdocs_run firewall-cmd -q --reload
}

# fwdocs_name PROTOCOL PORT NAME: one line of the name table (fwdocs_names), for --audit.
fwdocs_name() {
	printf 'name\t%s\t%s\t%s\n' "$1" "$2" "$3"
}

# fwdocs_audit_flows: for fwdocs_audit, what a check run of fwdocs_sync wants (it records what it would change
# instead of changing it) and what the running firewalld holds of this script's objects: the service's ports where a
# zone lists it, the rich rules that use this script's ipsets, the ipsets' entries, the outbound policy's ports and
# rich rules. Service and policy ports are open to any address of both families; an ipset of any address (two
# halves) is "any"; names come from the name table.
fwdocs_audit_flows() {
	fwdocs_missed=
	fwdocs_sync check >/dev/null
	fwdocs_rt_all=$(fwdocs_query r-zones --list-all-zones) || fwdocs_fail 4 "firewall-cmd --list-all-zones failed"
	fwdocs_rt_ours=$(printf '%s\n' "$fwdocs_rt_all" | fwdocs_ours_of)
	fwdocs_rt_ports=
	case "$fwdocs_nl$fwdocs_rt_ours" in
	*"${fwdocs_nl}S$fwdocs_tab"*)
		fwdocs_rt_ports=$(fwdocs_field "$(fwdocs_query r-service --info-service="$FWDOCS_SERVICE")" ports) ||
			fwdocs_fail 4 "firewall-cmd --info-service=$FWDOCS_SERVICE failed"
		;;
	esac
	fwdocs_rt_policy=
	if [ -n "$FWDOCS_POLICY_OUT" ] && fwdocs_has "$(fwdocs_query r-policies --get-policies)" "$FWDOCS_POLICY_OUT"; then
		fwdocs_rt_policy=$(fwdocs_query r-policy --info-policy="$FWDOCS_POLICY_OUT") ||
			fwdocs_fail 4 "firewall-cmd --info-policy=$FWDOCS_POLICY_OUT failed"
	fi
	{
		fwdocs_names
		printf '%s\n' "$fwdocs_w_ports" | sed '/^$/d; s/^/wport\tin\t/'
		printf '%s\n' "$fwdocs_w_out_ports" | sed '/^$/d; s/^/wport\tout\t/'
		printf '%s\n' "$fwdocs_w_rich" | sed '/^$/d; s/^/wrich\tin\t/'
		printf '%s\n' "$fwdocs_w_out_rich" | sed '/^$/d; s/^/wrich\tout\t/'
		printf '%s' "$fwdocs_w_entries" | sed 's/^/wset\t/'
		printf '%s\n' "$fwdocs_rt_ports" | sed '/^$/d; s/^/hport\tin\t/'
		printf '%s\n' "$fwdocs_rt_ours" | awk -F '\t' '$1 == "R" { print "hrich\tin\t" $3 }'
		fwdocs_field "$fwdocs_rt_policy" ports | sed 's/^/hport\tout\t/'
		printf '%s\n' "$fwdocs_rt_policy" | awk 'index($0, "\t") == 1 { print "hrich\tout\t" substr($0, 2) }'
		for fwdocs_i in $(fwdocs_our_ipsets_of "$(fwdocs_query r-ipsets --get-ipsets)"); do
			printf 'hset\t%s\t%s\n' "$fwdocs_i" \
				"$(fwdocs_field "$(fwdocs_query "r-ipset:$fwdocs_i" --info-ipset="$fwdocs_i")" entries | tr '\n' ' ')"
		done
	} | awk -F '\t' -v OFS='\t' -v any="${FWDOCS_IPSET_PREFIX}any-" '
		function attr(r, a,   v) {
			if (!match(r, " " a "=\"[^\"]*\"")) return ""
			v = substr(r, RSTART + length(a) + 3, RLENGTH - length(a) - 4)
			return v
		}
		function addr(a, fam) {
			a = tolower(a)
			sub(fam == "ipv4" ? "/32$" : "/128$", "", a)
			return a
		}
		$1 == "name" { if (!(($2, $3) in names)) names[$2, $3] = $4; next }
		$1 == "wset" { wset[$2] = $3; next }
		$1 == "hset" { hset[$2] = $3; next }
		{ n++; kind[n] = $1; dir[n] = $2; what[n] = $3 }
		END {
			for (i = 1; i <= n; i++) {
				side = substr(kind[i], 1, 1) == "w" ? "want" : "have"
				if (kind[i] ~ /port$/) {
					split(what[i], pp, "/")
					name = names[pp[2], pp[1]]
					print side, dir[i], "ipv4", pp[2], pp[1], "any", name
					print side, dir[i], "ipv6", pp[2], pp[1], "any", name
					continue
				}
				r = what[i]
				fam = attr(r, "family")
				set = attr(r, "ipset")
				if ((t = attr(r, "name")) != "") {
					proto = fam == "ipv6" ? "icmpv6" : "icmp"; port = t
				} else {
					proto = attr(r, "protocol"); port = attr(r, "port")
				}
				name = names[proto, port]
				if (index(set, any) == 1) {
					print side, dir[i], fam, proto, port, "any", name
					continue
				}
				m = split(side == "want" ? wset[set] : hset[set], e, " ")
				for (j = 1; j <= m; j++) print side, dir[i], fam, proto, port, addr(e[j], fam), name
			}
		}'
}
