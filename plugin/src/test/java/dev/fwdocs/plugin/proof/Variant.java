package dev.fwdocs.plugin.proof;

/** One firewall the proof applies scripts to: which generated script it runs and how the server is set up. */
enum Variant {
    IPTABLES_NFT("iptables-nft", "iptables"),
    IPTABLES_LEGACY("iptables-legacy", "iptables"),
    NFTABLES("nftables", "nftables"),
    UFW("ufw", "ufw"),
    FIREWALLD("firewalld", "firewalld");

    private final String label;
    private final String backendId;

    Variant(String label, String backendId) {
        this.label = label;
        this.backendId = backendId;
    }

    /** Name in test reports. */
    String label() {
        return label;
    }

    /** The {@code RuleBackend.id()} whose script this variant applies. */
    String backendId() {
        return backendId;
    }

    @Override
    public String toString() {
        return label;
    }
}
