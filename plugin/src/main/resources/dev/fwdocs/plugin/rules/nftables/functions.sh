# fwdocs_set NAME TYPE ADDRESSES: creates (or empties) and fills the set FWDOCS_STEM_NAME when
# ADDRESSES is a list (neither any nor empty).
fwdocs_set() {
	case $fwdocs_audit$3 in
	1* | 0any | 0) return 0 ;;
	esac
	printf 'add set inet %s %s_%s { type %s; flags interval; auto-merge; }\n' "$FWDOCS_TABLE" "$FWDOCS_STEM" "$1" "$2"
	printf 'flush set inet %s %s_%s\n' "$FWDOCS_TABLE" "$FWDOCS_STEM" "$1"
	printf 'add element inet %s %s_%s { %s }\n' "$FWDOCS_TABLE" "$FWDOCS_STEM" "$1" \
		"$(printf '%s' "$3" | sed 's/ /, /g')"
}

# fwdocs_rule DIRECTION FAMILY MATCH SET ADDRESSES STATEMENT COMMENT: prints one accept rule for the chain
# FWDOCS_STEM_DIRECTION, or nothing when ADDRESSES is empty (no address of that family means no rule,
# never any). In an audit it prints the rule's flows instead (see fwdocs_audit_flows).
fwdocs_rule() {
	if [ "$fwdocs_audit" = 1 ]; then
		printf 'want\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$6" "$5" "$7"
		return 0
	fi
	case $5 in
	'') return 0 ;;
	any)
		printf 'add rule inet %s %s_%s meta nfproto %s %s accept comment "%s"\n' \
			"$FWDOCS_TABLE" "$FWDOCS_STEM" "$1" "$2" "$6" "$7"
		;;
	*)
		printf 'add rule inet %s %s_%s %s @%s_%s %s accept comment "%s"\n' \
			"$FWDOCS_TABLE" "$FWDOCS_STEM" "$1" "$3" "$FWDOCS_STEM" "$4" "$6" "$7"
		;;
	esac
}

# fwdocs_once: a transaction (or an audit's flows) with each rule once, in its order: the rules of two roles with
# the same addresses (any, when neither role's --from- option is given) are one rule in the chain, not two.
fwdocs_once() {
	awk '!/^(add rule |want	)/ || !seen[$0]++'
}

# fwdocs_nd DIRECTION TYPES: IPv6 neighbour discovery (ICMPv6 133-136, TYPES separated by ", "); without it
# IPv6 stops working once the neighbour caches expire where a policy drops.
fwdocs_nd() {
	[ "$fwdocs_audit" = 0 ] || return 0
	printf 'add rule inet %s %s_%s icmpv6 type { %s } accept comment "IPv6 neighbour discovery"\n' \
		"$FWDOCS_TABLE" "$FWDOCS_STEM" "$1" "$2"
}

fwdocs_check_backend() {
	command -v nft >/dev/null 2>&1 || fwdocs_fail 4 "nft not found: install nftables"
	nft list tables >/dev/null 2>&1 || fwdocs_fail 4 "nft cannot list tables (no kernel support?)"
}

fwdocs_need_table() {
	nft list table inet "$FWDOCS_TABLE" >/dev/null 2>&1 ||
		fwdocs_fail 4 "there is no nftables table inet $FWDOCS_TABLE. This script adds its rules to the inet table of your nftables firewall that drops: pass --nft-table='inet NAME' and --nft-input-chain=NAME (nft list ruleset shows them). With no nftables filter that drops, there is nothing to open."
}

# fwdocs_need_input_chain: exit 4 unless the table has the input chain this script jumps from.
fwdocs_need_input_chain() {
	fwdocs_has_chain "$FWDOCS_IN" ||
		fwdocs_fail 4 "table inet $FWDOCS_TABLE has no chain $FWDOCS_IN: pass --nft-input-chain=NAME, the chain of that table on the input hook (nft list table inet $FWDOCS_TABLE shows it)"
}

# fwdocs_jump_out: adds to the transaction the jump to the outbound chain when the table has an output
# chain; without one the table does not filter outbound, unless --nft-output-chain named one (exit 4).
fwdocs_jump_out() {
	if fwdocs_has_chain "$FWDOCS_OUT"; then
		fwdocs_jump "$FWDOCS_OUT" out
	elif [ -n "$FWDOCS_OPT_NFT_OUTPUT_CHAIN" ]; then
		fwdocs_fail 4 "table inet $FWDOCS_TABLE has no chain $FWDOCS_OUT (--nft-output-chain)"
	else
		fwdocs_note "table inet $FWDOCS_TABLE has no chain $FWDOCS_OUT, so it does not filter outbound" \
			"traffic: the outbound rules are in chain ${FWDOCS_STEM}_out, and nothing jumps to it;" \
			"pass --nft-output-chain=NAME if your output chain has another name"
	fi
}

# fwdocs_has_chain CHAIN: whether the table has that chain.
fwdocs_has_chain() {
	nft list chain inet "$FWDOCS_TABLE" "$1" >/dev/null 2>&1
}

# fwdocs_rules_of CHAIN: the rules of CHAIN of the table, one "HANDLE<tab>RULE" a line, in order.
fwdocs_rules_of() {
	nft -a list chain inet "$FWDOCS_TABLE" "$1" | awk '
		/^[ \t]*(table|chain|type) / || /^[ \t]*}/ { next }
		match($0, / # handle [0-9]+$/) {
			r = substr($0, 1, RSTART - 1)
			sub(/^[ \t]+/, "", r)
			print substr($0, RSTART + 10) "\t" r
		}'
}

# fwdocs_jump CHAIN DIRECTION: adds to the transaction the jump from CHAIN to the chain FWDOCS_STEM_DIRECTION,
# where --position wants it (first: at the top; last: before a final drop or reject rule, or at the end), unless
# CHAIN has it there already; a jump in the other place moves.
fwdocs_jump() {
	fwdocs_me="jump ${FWDOCS_STEM}_$2 comment \"$FWDOCS_TAG\""
	fwdocs_place=$(fwdocs_rules_of "$1" | awk -F '\t' -v pos="$fwdocs_position" -v me="$fwdocs_me" '
		{ n++; h[n] = $1; r[n] = $2; if ($2 == me) { at = n; mine = $1 } }
		END {
			fin = 0
			if (n > 0 && r[n] ~ /^(counter )?(drop|reject( with .*)?)$/) fin = n
			ok = at > 0
			for (i = 1; i <= n; i++) {
				if (i == at || index(r[i], "comment \"fwdocs ") > 0) continue
				if (pos == "first" && i < at) ok = 0
				if (pos == "last" && at > 0 && i > at && i != fin) ok = 0
			}
			print (ok ? "ok" : "no") " " (mine ? mine : "-") " " (fin ? h[fin] : "-")
		}')
	# shellcheck disable=SC2086 # three words (ok/no, handle, handle) on purpose; globbing is off (set -f)
	set -- "$1" "$2" $fwdocs_place
	if [ "$3" = ok ]; then
		fwdocs_say "chain $1 of table inet $FWDOCS_TABLE already jumps to ${FWDOCS_STEM}_$2"
		return 0
	fi
	if [ "$4" != - ]; then
		fwdocs_say "moving the jump from chain $1 to ${FWDOCS_STEM}_$2 ($fwdocs_position)"
		fwdocs_tx=$(printf '%s\ndelete rule inet %s %s handle %s' "$fwdocs_tx" "$FWDOCS_TABLE" "$1" "$4")
	fi
	if [ "$fwdocs_position" = first ]; then
		fwdocs_verb=insert
		fwdocs_where=
	elif [ "$5" != - ]; then
		fwdocs_verb=insert
		fwdocs_where=" position $5"
	else
		fwdocs_verb=add
		fwdocs_where=
	fi
	fwdocs_tx=$(printf '%s\n%s rule inet %s %s%s jump %s_%s comment "%s"' "$fwdocs_tx" "$fwdocs_verb" \
		"$FWDOCS_TABLE" "$1" "$fwdocs_where" "$FWDOCS_STEM" "$2" "$FWDOCS_TAG")
}

# fwdocs_remove_stale_chain DIRECTION: adds to the transaction the removal of the chain FWDOCS_STEM_DIRECTION and
# of the jumps to it, when the table has it: a direction this version of the script has no rules for, left by an
# older version.
fwdocs_remove_stale_chain() {
	fwdocs_has_chain "${FWDOCS_STEM}_$1" || return 0
	fwdocs_say "chain ${FWDOCS_STEM}_$1 is not used by this version of the script; removing it"
	fwdocs_tx=$(printf '%s\n' "$fwdocs_tx"
		nft -a list table inet "$FWDOCS_TABLE" | awk -v t="$FWDOCS_TABLE" -v c="${FWDOCS_STEM}_$1" -v tag="$FWDOCS_TAG" '
			$1 == "chain" { chain = $2; next }
			$1 == "jump" && $2 == c && index($0, " comment \"" tag "\" # handle ") {
				print "delete rule inet " t " " chain " handle " $NF
			}
			END { print "flush chain inet " t " " c; print "delete chain inet " t " " c }')
}

# Adds to the transaction the deletion of this script's sets that it no longer uses (left from a run
# with other --from- addresses).
fwdocs_remove_stale_sets() {
	for fwdocs_set_name in $(nft -t list table inet "$FWDOCS_TABLE" |
		awk -v p="${FWDOCS_STEM}_" '$1 == "set" && index($2, p) == 1 { print $2 }'); do
		case $fwdocs_tx in
		*"add set inet $FWDOCS_TABLE $fwdocs_set_name "*) ;;
		*) fwdocs_tx=$(printf '%s\ndelete set inet %s %s' "$fwdocs_tx" "$FWDOCS_TABLE" "$fwdocs_set_name") ;;
		esac
	done
}

# What this script added, in every inet table, as one nft -f transaction: the jumps (found by their
# comment and target), then its chains, then its sets.
fwdocs_undo_transaction() {
	nft -a list ruleset | awk -v stem="$FWDOCS_STEM" -v tag="$FWDOCS_TAG" '
		$1 == "table" { family = $2; table = $3; next }
		family != "inet" { next }
		$1 == "chain" {
			chain = $2
			if (chain == stem "_in" || chain == stem "_out")
				chains = chains "flush chain inet " table " " chain "\n" "delete chain inet " table " " chain "\n"
			next
		}
		$1 == "set" && index($2, stem "_") == 1 { sets = sets "delete set inet " table " " $2 "\n"; next }
		$1 == "jump" && ($2 == stem "_in" || $2 == stem "_out") && index($0, " comment \"" tag "\" # handle ") {
			jumps = jumps "delete rule inet " table " " chain " handle " $NF "\n"
		}
		END { printf "%s%s%s", jumps, chains, sets }'
}

fwdocs_undo() {
	fwdocs_tx=$(fwdocs_undo_transaction)
	if [ -n "$fwdocs_tx" ]; then
		fwdocs_run_input "$fwdocs_tx" nft -f -
	else
		fwdocs_say "no chains, sets or jumps named $FWDOCS_STEM in nftables, nothing to remove"
	fi
}

# fwdocs_snapshot DIR / fwdocs_restore DIR: the inet table this script changes (its chains, sets and elements, and
# the administrator's rules in it), saved and put back as it was in one nft -f transaction, for --confirm-within.
# Other tables (Docker's, iptables-nft's) are not touched by this script, so they are neither saved nor replaced.
fwdocs_snapshot() {
	if nft list table inet "$FWDOCS_TABLE" >"$1/table.nft" 2>/dev/null; then
		: >"$1/had-table"
	fi
}

fwdocs_restore() {
	fwdocs_restore_tx=
	if nft list table inet "$FWDOCS_TABLE" >/dev/null 2>&1; then
		fwdocs_restore_tx="delete table inet $FWDOCS_TABLE"
	fi
	if [ -e "$1/had-table" ]; then
		fwdocs_restore_tx=$(printf '%s\n' "$fwdocs_restore_tx"; cat "$1/table.nft")
	fi
	if [ -n "$fwdocs_restore_tx" ]; then
		fwdocs_run_input "$fwdocs_restore_tx" nft -f -
	fi
}

# fwdocs_audit_flows: for fwdocs_audit, the flows the transaction would make (fwdocs_rule prints them in an audit)
# and those of the rules in this script's chains of the table, when a chain jumps to them (or, for the outbound
# chain, when the table has no output chain, as the apply leaves it), with the elements of the sets they match.
# Neighbour discovery is no catalog flow and is left out on both sides.
fwdocs_audit_flows() {
	fwdocs_need_table
	fwdocs_listing=$(nft list table inet "$FWDOCS_TABLE") ||
		fwdocs_fail 4 "cannot read table inet $FWDOCS_TABLE"
	{
		fwdocs_transaction | grep '^want' | fwdocs_once
		printf '%s\n' "$fwdocs_listing" | awk -v stem="$FWDOCS_STEM" -v tag="$FWDOCS_TAG" -v out="$FWDOCS_OUT" '
			$1 == "set" && $NF == "{" { set = $2; next }
			set != "" && /elements = \{/ { taking = 1; sub(/.*elements = \{/, "") }
			taking {
				l = $0
				done = sub(/\}.*/, "", l)
				gsub(/[ \t,]+/, " ", l)
				el[set] = el[set] " " l
				if (done) taking = 0
				next
			}
			set != "" && $1 == "}" { set = ""; next }
			$1 == "chain" { chain = $2; chains[chain] = 1; next }
			$1 == "}" { chain = ""; next }
			chain == "" || $1 == "type" || $1 == "policy" { next }
			{
				r = $0
				sub(/^[ \t]+/, "", r)
				if (r ~ /^jump / && index(r, " comment \"" tag "\"") > 0) jumped[substr(r, 6, index(r, " comment") - 6)] = 1
				if (chain == stem "_in" || chain == stem "_out") { nr++; rc[nr] = chain; rr[nr] = r }
			}
			END {
				for (i = 1; i <= nr; i++) {
					c = rc[i]; r = rr[i]
					dir = c == stem "_in" ? "in" : "out"
					if (!(c in jumped) && !(dir == "out" && !(out in chains))) continue
					name = ""
					if ((at = index(r, " comment \"")) > 0) {
						name = substr(r, at + 10)
						sub(/"$/, "", name)
						r = substr(r, 1, at - 1)
					}
					if (name == "IPv6 neighbour discovery" || r !~ / accept$/) continue
					sub(/ accept$/, "", r)
					fam = "ipv4 ipv6"; addrs = "any"
					if (match(r, /^meta nfproto ipv[46] /)) {
						fam = substr(r, 14, 4); r = substr(r, RLENGTH + 1)
					} else if (match(r, /^ip6? [sd]addr /)) {
						fam = r ~ /^ip6/ ? "ipv6" : "ipv4"; r = substr(r, RLENGTH + 1)
						if (substr(r, 1, 1) == "{") {
							addrs = substr(r, 2, index(r, "}") - 2); r = substr(r, index(r, "}") + 2)
						} else {
							addrs = substr(r, 1, index(r, " ") - 1); r = substr(r, index(r, " ") + 1)
							if (substr(addrs, 1, 1) == "@") addrs = el[substr(addrs, 2)]
						}
						gsub(/,/, " ", addrs)
					} else if (r ~ /^icmp /) {
						fam = "ipv4"
					} else if (r ~ /^icmpv6 /) {
						fam = "ipv6"
					}
					m = split(fam, fs, " ")
					for (j = 1; j <= m; j++) printf "have\t%s\t%s\t%s\t%s\t%s\n", dir, fs[j], r, addrs, name
				}
			}'
	} | awk -F '\t' -v OFS='\t' '
		# one line a flow: the statement (PROTOCOL dport|type VALUES) split, one line an address
		{
			proto = $4; sub(/ .*/, "", proto)
			port = $4; sub(/^[^ ]+ [^ ]+ /, "", port); gsub(/[{} ]/, "", port)
			m = split($5, a, " ")
			for (i = 1; i <= m; i++) {
				s = tolower(a[i])
				sub($3 == "ipv4" ? "/32$" : "/128$", "", s)
				print $1, $2, $3, proto, port, s, $6
			}
		}'
}
