package dev.fwdocs.plugin.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic synthetic catalog for the benchmark: {@code products} product files, each with {@code versions}
 * versions, {@code roles} roles, two addresses and {@code rules} rules; the same shape and seed give the same bytes.
 * Rules mix what real catalogs hold (single ports, ranges, lists, tcp+udp, ICMP, {@code any}, addresses, rules that
 * come and go between versions, configurable ports, notes) so that every output has real work to do.
 */
public record SyntheticCatalog(int products, int versions, int roles, int rules, long seed) {

    public SyntheticCatalog {
        if (products < 1 || versions < 1 || roles < 1 || rules < 1) {
            throw new IllegalArgumentException("every dimension of a synthetic catalog is at least 1");
        }
    }

    /** The shape the issue measured at about 1,000 pages per flavor, with {@code products} products. */
    public static SyntheticCatalog standard(int products) {
        return new SyntheticCatalog(products, 8, 4, 30, 42);
    }

    /** Total rules over all products. */
    public int totalRules() {
        return products * rules;
    }

    /** Writes one {@code p<n>.yaml} per product into {@code dir} (created); returns the files, in order. */
    public List<Path> write(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        for (int p = 0; p < products; p++) {
            Path f = dir.resolve(productId(p) + ".yaml");
            Files.writeString(f, product(p), StandardCharsets.UTF_8);
            files.add(f);
        }
        return files;
    }

    static String productId(int p) {
        return String.format("p%05d", p);
    }

    /** The YAML of product {@code p}. */
    public String product(int p) {
        // One generator per product, so that a product's text does not depend on how many come before it.
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + p);
        StringBuilder y = new StringBuilder(rules * 220 + 1024);
        String id = productId(p);
        y.append("fwdocs: 1\nproduct:\n  id: ").append(id).append("\n  name: Product ").append(p)
                .append("\n  summary: Synthetic product ").append(p).append(" for the fwdocs benchmark; its daemons ")
                .append("talk to each other and to `any` client on the ports below.\n  versions: [");
        for (int v = 0; v < versions; v++) {
            y.append(v == 0 ? "" : ", ").append('"').append(version(v)).append('"');
        }
        y.append("]\n  notes:\n    - title: About this product\n      text: Generated with seed ").append(seed)
                .append(", nothing here is real.\n");
        y.append("roles:\n");
        for (int r = 0; r < roles; r++) {
            y.append("  - id: role-").append(r).append("\n    name: Role ").append(r)
                    .append("\n    description: Machines of role ").append(r).append(" of product ").append(p)
                    .append(".\n");
        }
        y.append("addresses:\n  - id: monitoring\n    name: Monitoring\n    cidrs: [\"192.0.2.")
                .append(rnd.nextInt(0, 16) * 16).append("/28\", \"2001:db8:").append(Integer.toHexString(p % 65536))
                .append("::/64\"]\n  - id: registry\n    name: Registry\n    cidrs: [\"198.51.100.")
                .append(rnd.nextInt(0, 16) * 16).append("/28\"]\n");
        y.append("rules:\n");
        for (int i = 0; i < rules; i++) {
            rule(y, rnd, i);
        }
        return y.toString();
    }

    private static String version(int v) {
        return (1 + v / 10) + "." + (v % 10);
    }

    private void rule(StringBuilder y, SplittableRandom rnd, int i) {
        y.append("  - id: rule-").append(i).append("\n    name: Service ").append(i).append('\n');
        int kind = rnd.nextInt(20);
        int shape = -1;
        if (kind == 0) {
            y.append("    protocol: icmp\n    icmp-type: echo-request\n");
        } else {
            String protocol = kind < 3 ? "[tcp, udp]" : kind < 6 ? "udp" : "tcp";
            y.append("    protocol: ").append(protocol).append('\n');
            // Ports from 1024 up, in a band of 40 per rule; the bands repeat after 1,500 rules.
            int base = 1024 + (i % 1500) * 40;
            shape = rnd.nextInt(10);
            if (shape < 6) {
                y.append("    ports: ").append(base + rnd.nextInt(10)).append('\n');
            } else if (shape < 8) {
                y.append("    ports: \"").append(base).append('-').append(base + 5 + rnd.nextInt(20)).append("\"\n");
            } else {
                y.append("    ports: [").append(base).append(", ").append(base + 12).append(", \"").append(base + 20)
                        .append('-').append(base + 30).append("\"]\n");
            }
        }
        int from = rnd.nextInt(10);
        int to = rnd.nextInt(roles);
        boolean toRegistry = rnd.nextInt(15) == 0;
        // Every rule names a role on one side, or it generates no firewall rule (and a warning).
        y.append("    from: ").append(from == 0 && !toRegistry ? "any" : from == 1 && !toRegistry ? "monitoring"
                : "role-" + rnd.nextInt(roles)).append('\n');
        if (rnd.nextInt(6) == 0 && roles > 1) {
            y.append("    to: [role-").append(to).append(", role-").append((to + 1) % roles).append("]\n");
        } else {
            y.append("    to: ").append(toRegistry ? "registry" : "role-" + to).append('\n');
        }
        y.append("    description: Traffic of service ").append(i).append(" (*synthetic*), see the notes.\n");
        if (versions > 1 && rnd.nextInt(5) == 0) {
            int since = rnd.nextInt(versions);
            y.append("    since: \"").append(version(since)).append("\"\n");
            if (since + 1 < versions && rnd.nextBoolean()) {
                y.append("    until: \"").append(version(rnd.nextInt(since + 1, versions))).append("\"\n");
            }
        }
        if (kind != 0 && rnd.nextInt(12) == 0) {
            y.append("    optional: true\n");
        }
        if (shape >= 0 && shape < 6 && rnd.nextInt(15) == 0) {
            y.append("    configurable:\n      setting: Port").append(i).append("\n      where: /etc/product/")
                    .append(i).append(".conf\n");
        }
        if (rnd.nextInt(8) == 0) {
            y.append("    notes: |\n      Longer notes for service ").append(i)
                    .append(", with a list:\n\n      - one\n      - two\n");
        }
    }
}
