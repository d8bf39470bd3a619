package dev.fwdocs.plugin.proof;

/** One firewall the proof applies scripts to: which generated script it runs and how the server is set up. */
enum Variant {
    IPTABLES_NFT("iptables-nft", "iptables", 1),
    IPTABLES_LEGACY("iptables-legacy", "iptables", 1),
    NFTABLES("nftables", "nftables", 1),
    UFW("ufw", "ufw", 3),
    FIREWALLD("firewalld", "firewalld", 5),
    /** firewalld with the interface in no zone (Debian without NetworkManager): the default zone catches it. */
    FIREWALLD_UNBOUND("firewalld-unbound-zone", "firewalld", 5);

    private final String label;
    private final String backendId;
    private final int cost;

    Variant(String label, String backendId, int cost) {
        this.label = label;
        this.backendId = backendId;
        this.cost = cost;
    }

    /** Rough relative run time of a session, to start the slow ones first. */
    int cost() {
        return cost;
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
