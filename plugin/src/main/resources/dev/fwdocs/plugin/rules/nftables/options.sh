# The administrator's nftables filtering that this script adds to.
fwdocs_nft_table=${FWDOCS_OPT_NFT_TABLE:-$fwdocs_default_table}
FWDOCS_IN=${FWDOCS_OPT_NFT_INPUT_CHAIN:-$fwdocs_default_input}
FWDOCS_OUT=${FWDOCS_OPT_NFT_OUTPUT_CHAIN:-$fwdocs_default_output}
case $fwdocs_nft_table in
'inet '*) ;;
'ip '* | 'ip6 '*)
	fwdocs_usage_error "--nft-table: '$fwdocs_nft_table' holds only IPv4 or only IPv6, and these rules need both: name an inet table (for example --nft-table='inet filter')"
	;;
*) fwdocs_usage_error "--nft-table must be 'inet NAME' (for example --nft-table='inet filter'), not '$fwdocs_nft_table'" ;;
esac
FWDOCS_TABLE=${fwdocs_nft_table#inet }

# An nftables name as nft reads it unquoted: letters, digits, _ . -, not starting with a digit or -.
fwdocs_is_nft_name() {
	case $1 in
	'' | [!A-Za-z_.]* | *[!A-Za-z0-9_.-]*) return 1 ;;
	esac
}

fwdocs_is_nft_name "$FWDOCS_TABLE" ||
	fwdocs_usage_error "--nft-table: '$FWDOCS_TABLE' is not a table name (letters, digits, _ . -)"
fwdocs_is_nft_name "$FWDOCS_IN" ||
	fwdocs_usage_error "--nft-input-chain: '$FWDOCS_IN' is not a chain name (letters, digits, _ . -)"
fwdocs_is_nft_name "$FWDOCS_OUT" ||
	fwdocs_usage_error "--nft-output-chain: '$FWDOCS_OUT' is not a chain name (letters, digits, _ . -)"

# --position: where the jumps go among the administrator's rules.
fwdocs_position=${FWDOCS_OPT_POSITION:-first}
case $fwdocs_position in
first | last) ;;
*) fwdocs_usage_error "--position (FWDOCS_POSITION) must be first or last, not '$fwdocs_position'" ;;
esac
