#!/bin/sh
# Hand-written reference script for the proof harness's self-test: role "web" of selftest.yaml, iptables and
# ip6tables. The test derives deliberately broken copies from it by replacing the lines marked "# BREAK:<name>".
set -eu

CHAIN=FWDOCS-SELFTEST-WEB
OUT=FWDOCS-SELFTEST-WEB-OUT
DRY=${FWDOCS_DRY_RUN:-0}
UNDO=${FWDOCS_UNDO:-0}
FROM_CLIENT=${FWDOCS_FROM_CLIENT-}
FROM_CLIENT_SET=${FWDOCS_FROM_CLIENT+set}
FROM_WEB=${FWDOCS_FROM_WEB-}
FROM_WEB_SET=${FWDOCS_FROM_WEB+set}
PORT_ADMIN=${FWDOCS_PORT_ADMIN:-7200}

for arg in "$@"; do
    case $arg in
        --dry-run) DRY=1 ;;
        --undo) UNDO=1 ;;
        --from-client=*) FROM_CLIENT=${arg#*=}; FROM_CLIENT_SET="set" ;;
        --from-web=*) FROM_WEB=${arg#*=}; FROM_WEB_SET="set" ;;
        --port-admin=*) PORT_ADMIN=${arg#*=} ;;
        *) echo "unknown option: $arg" >&2; exit 2 ;;
    esac
done
case $PORT_ADMIN in ''|*[!0-9]*) echo "bad port" >&2; exit 2 ;; esac
if [ "$PORT_ADMIN" -lt 1 ] || [ "$PORT_ADMIN" -gt 65535 ]; then echo "bad port" >&2; exit 2; fi

run() {
    echo "+ $*"
    if [ "$DRY" != 1 ]; then "$@"; fi
}

# A role's addresses (ROLE FAMILY; client or web) of one family, one per line: "any" when the role's addresses are
# unset, "none" when they are set but have no entry of this family (never "any" then).
role_addresses() {
    if [ "$1" = web ]; then
        given=$FROM_WEB_SET value=$FROM_WEB
    else
        given=$FROM_CLIENT_SET value=$FROM_CLIENT
    fi
    shift
    if [ -z "$given" ]; then
        echo any
        return
    fi
    list=$(echo "$value" | tr ',' '\n' | while read -r c; do
        case $c in
            *:*) if [ "$1" = 6 ]; then echo "$c"; fi ;;
            ?*) if [ "$1" = 4 ]; then echo "$c"; fi ;;
        esac
    done)
    [ -n "$list" ] || list=none # BREAK:family
    echo "$list"
}

# accept_to FAMILY RULE...: the outbound rule to the web role's addresses of that family.
accept_to() {
    fam=$1
    shift
    for dst in $(role_addresses web "$fam"); do
        if [ "$dst" = none ]; then
            continue
        elif [ "$dst" = any ]; then
            run "$t" -A "$OUT" "$@" -j ACCEPT
        else
            run "$t" -A "$OUT" -d "$dst" "$@" -j ACCEPT
        fi
    done
}

# accept_from TABLE FAMILY ROLE RULE...: the inbound rule from that role's addresses of that family.
accept_from() {
    t=$1 fam=$2 role=$3
    shift 3
    for src in $(role_addresses "$role" "$fam"); do
        if [ "$src" = none ]; then
            continue
        elif [ "$src" = any ]; then
            run "$t" -A "$CHAIN" "$@" -j ACCEPT
        else
            run "$t" -A "$CHAIN" -s "$src" "$@" -j ACCEPT
        fi
    done
}

for t in iptables ip6tables; do
    fam=4
    [ "$t" = ip6tables ] && fam=6
    if [ "$UNDO" = 1 ]; then
        while "$t" -C INPUT -j "$CHAIN" 2>/dev/null; do run "$t" -D INPUT -j "$CHAIN"; done
        if "$t" -n -L "$CHAIN" >/dev/null 2>&1; then
            run "$t" -F "$CHAIN"
            run "$t" -X "$CHAIN" # BREAK:undo
        fi
        while "$t" -C OUTPUT -j "$OUT" 2>/dev/null; do run "$t" -D OUTPUT -j "$OUT"; done
        if "$t" -n -L "$OUT" >/dev/null 2>&1; then
            run "$t" -F "$OUT"
            run "$t" -X "$OUT"
        fi
        continue
    fi
    "$t" -n -L "$CHAIN" >/dev/null 2>&1 || run "$t" -N "$CHAIN"
    run "$t" -F "$CHAIN" # BREAK:idempotent
    "$t" -C INPUT -j "$CHAIN" 2>/dev/null || run "$t" -I INPUT -j "$CHAIN"
    "$t" -n -L "$OUT" >/dev/null 2>&1 || run "$t" -N "$OUT"
    run "$t" -F "$OUT"
    "$t" -C OUTPUT -j "$OUT" 2>/dev/null || run "$t" -I OUTPUT -j "$OUT"
    accept_to "$fam" -p udp --dport 6000:6002
    accept_from "$t" "$fam" web -p udp --dport 6000:6002
    accept_from "$t" "$fam" client -p tcp --dport 8080 # BREAK:extra
    accept_from "$t" "$fam" client -p tcp --dport 9000:9004 # BREAK:missing
    run "$t" -A "$CHAIN" -p udp --dport 7000 -j ACCEPT
    accept_from "$t" "$fam" client -p tcp --dport 7100
    accept_from "$t" "$fam" client -p udp --dport 7100
    accept_from "$t" "$fam" client -p tcp --dport "$PORT_ADMIN"
    if [ "$fam" = 4 ]; then
        run "$t" -A "$CHAIN" -s 192.0.2.0/24 -p tcp --dport 7300 -j ACCEPT
        run "$t" -A "$CHAIN" -p icmp --icmp-type echo-request -j ACCEPT
        run "$t" -A "$OUT" -d 169.254.77.0/25 -p tcp --dport 5400 -j ACCEPT # BREAK:outbound
    else
        run "$t" -A "$CHAIN" -p ipv6-icmp --icmpv6-type echo-request -j ACCEPT
        run "$t" -A "$OUT" -d fd00:77::/121 -p tcp --dport 5400 -j ACCEPT
        for nd in router-solicitation router-advertisement neighbour-solicitation neighbour-advertisement; do # BREAK:nd
            run "$t" -A "$CHAIN" -p ipv6-icmp --icmpv6-type "$nd" -j ACCEPT # BREAK:nd
        done # BREAK:nd
    fi
done
