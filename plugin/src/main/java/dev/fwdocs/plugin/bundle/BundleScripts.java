package dev.fwdocs.plugin.bundle;

import dev.fwdocs.catalog.IcmpType;
import dev.fwdocs.catalog.Protocol;
import dev.fwdocs.catalog.Rule;
import dev.fwdocs.catalog.resolve.Peer;
import dev.fwdocs.catalog.resolve.ResolvedRule;
import dev.fwdocs.plugin.model.RoleModel;
import dev.fwdocs.plugin.model.FlowSet;
import dev.fwdocs.plugin.model.VersionModel;
import dev.fwdocs.plugin.rules.ScriptResources;
import dev.fwdocs.plugin.rules.ShellScript;
import dev.fwdocs.plugin.rules.shell.Sh;
import dev.fwdocs.plugin.rules.shell.ShellText;
import dev.fwdocs.plugin.rules.shell.ShellWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code apply.sh} and {@code check.sh} of a bundle: the version's data (roles, flow sets, flows, verify commands)
 * written through {@link ShellWriter} as calls of shell functions, then the code, a shell resource next to this class.
 */
public final class BundleScripts {

    private static final String APPLY = ScriptResources.text(BundleScripts.class, "apply.sh");
    private static final String CHECK = ScriptResources.text(BundleScripts.class, "check.sh");
    private static final String USAGE_END = "FWDOCS_USAGE_END";
    private static final int WIDTH = 76;

    private BundleScripts() {
    }

    /** apply.sh: applies, for the roles given, every flow set they need, with the backend given or detected. */
    public static String apply(VersionModel v, List<FlowSet> sets, List<FlowSet> retired, List<String> backends) {
        ShellWriter w = header(v, "apply.sh", true, "Applies the firewall rules of the roles of this machine with the"
                + " scripts of this bundle; run with --help for the options.");
        w.assign("FWDOCS_BACKENDS", String.join(" ", backends));
        w.blank();
        w.function("fwdocs_usage", () -> w.hereDocument("cat", USAGE_END, applyHelp(v, sets, backends)));
        w.blank();
        w.comment("fwdocs_sets: one fwdocs_set ID OPTIONAL ROLES per flow set (sets/ID/BACKEND.sh): the flows that");
        w.comment("exactly those roles have, all optional (1) or all required (0).");
        w.function("fwdocs_sets", () -> {
            if (sets.isEmpty()) {
                w.raw(":");
            }
            for (FlowSet s : sets) {
                w.command("fwdocs_set", Sh.word(s.id()), Sh.word(s.optional() ? "1" : "0"),
                        Sh.word(String.join(" ", s.roles())));
            }
        });
        w.blank();
        w.comment("fwdocs_retired: one fwdocs_retire ID OPTIONAL ROLES per flow set of an earlier version that this one");
        w.comment("has not (retired/ID/BACKEND.sh, with no flow): apply.sh removes those its roles would have applied.");
        w.function("fwdocs_retired", () -> {
            if (retired.isEmpty()) {
                w.raw(":");
            }
            for (FlowSet s : retired) {
                w.command("fwdocs_retire", Sh.word(s.id()), Sh.word(s.optional() ? "1" : "0"),
                        Sh.word(String.join(" ", s.roles())));
            }
        });
        w.blank();
        w.comment("fwdocs_set_takes ID: sets FWDOCS_TAKES to the --from- and --port- options the set's scripts take.");
        w.function("fwdocs_set_takes", () -> w.cases(Sh.arg(1), () -> {
            for (FlowSet s : sets) {
                w.branch(s.id(), () -> w.assign("FWDOCS_TAKES", String.join(" ", takes(s.role()))));
            }
            w.otherwise(() -> w.assign("FWDOCS_TAKES", ""));
        }));
        w.blank();
        w.resource(ShellScript.confirmCode());
        w.blank();
        w.resource(APPLY);
        w.blank();
        w.raw("fwdocs_apply_main \"$@\"");
        return w.text();
    }

    /** check.sh: probes from this machine every flow its roles must reach, and prints the catalog's checks. */
    public static String check(VersionModel v) {
        ShellWriter w = header(v, "check.sh", false, "Probes from this machine that the ports its roles must reach answer;"
                + " run with --help for the options.");
        List<String> peers = new ArrayList<>(v.roles().stream().map(RoleModel::id).toList());
        v.resolved().catalog().addresses().forEach(a -> peers.add(a.id()));
        w.assign("FWDOCS_PEERS", String.join(" ", peers));
        List<String> configurable = v.resolved().rules().stream().filter(r -> r.rule().configurable() != null)
                .map(ResolvedRule::id).toList();
        w.assign("FWDOCS_CONFIGURABLE", String.join(" ", configurable));
        w.blank();
        w.function("fwdocs_usage", () -> w.hereDocument("cat", USAGE_END, checkHelp(v, configurable)));
        w.blank();
        w.comment("fwdocs_flows: one fwdocs_flow RULE ROLES PEER OPTIONAL PROTOCOL PORTS HOSTS per outbound flow.");
        w.function("fwdocs_flows", () -> {
            w.raw(":");
            for (ResolvedRule r : v.resolved().rules()) {
                List<String> from = rolesOf(r.from());
                if (from.isEmpty()) {
                    continue;
                }
                for (Peer p : r.to()) {
                    String hosts = p instanceof Peer.AddressPeer ap ? String.join(" ", ap.address().hosts()) : "";
                    for (Protocol proto : r.rule().portProtocols()) {
                        w.command("fwdocs_flow", Sh.word(r.id()), Sh.word(String.join(" ", from)), Sh.word(p.id()),
                                Sh.word(r.rule().optional() ? "1" : "0"), Sh.word(proto.id()),
                                Sh.word(ports(r.rule())), Sh.word(hosts));
                    }
                    for (Protocol proto : r.rule().protocols()) {
                        if (proto.isIcmp()) {
                            w.command("fwdocs_flow", Sh.word(r.id()), Sh.word(String.join(" ", from)),
                                    Sh.word(p.id()), Sh.word(r.rule().optional() ? "1" : "0"), Sh.word(proto.id()),
                                    Sh.word(String.join(" ", r.rule().icmpTypes().stream().map(IcmpType::catalogName)
                                            .toList())), Sh.word(hosts));
                        }
                    }
                }
            }
        });
        w.blank();
        w.comment("fwdocs_verifies: one fwdocs_verify ROLES RULE COMMAND per rule with a verify command.");
        w.function("fwdocs_verifies", () -> {
            w.raw(":");
            for (ResolvedRule r : v.resolved().rules()) {
                if (r.rule().verify() == null) {
                    continue;
                }
                Set<String> roles = new LinkedHashSet<>(rolesOf(r.from()));
                roles.addAll(rolesOf(r.to()));
                w.command("fwdocs_verify", Sh.word(String.join(" ", roles)), Sh.word(r.id()),
                        Sh.word(oneLine(r.rule().verify())));
            }
        });
        w.blank();
        w.resource(CHECK);
        w.blank();
        w.raw("fwdocs_check_main \"$@\"");
        return w.text();
    }

    /** The options a set's scripts take: {@code --from-ROLE} for its address roles, {@code --port-RULE}. */
    static List<String> takes(RoleModel role) {
        List<String> out = new ArrayList<>();
        role.addressRoles().forEach(r -> out.add("--from-" + r.id()));
        role.configurable().forEach(r -> out.add("--port-" + r.id()));
        return out;
    }

    private static ShellWriter header(VersionModel v, String name, boolean runsScripts, String what) {
        ShellWriter w = new ShellWriter();
        w.raw("#!/bin/sh");
        w.comment(name + " of the firewall bundle of " + ShellText.line(v.resolved().catalog().product().name(), 100)
                + " " + ShellText.line(v.version(), 60) + ". " + what);
        w.comment("Generated by fwdocs from " + ShellText.line(v.resolved().catalog().source(), 200)
                + "; do not edit: change the catalog and generate again.");
        w.raw("set -euf");
        w.blank();
        w.raw("FWDOCS_PROG=${0##*/}");
        if (runsScripts) {
            // the scripts it runs are beside it, wherever it is called from
            w.raw("FWDOCS_DIR=$(cd \"$(dirname \"$0\")\" && pwd)");
        }
        w.assign("FWDOCS_PRODUCT", v.productId());
        w.assign("FWDOCS_VERSION", v.version());
        w.assign("FWDOCS_ROLES", String.join(" ", v.roles().stream().map(RoleModel::id).toList()));
        return w;
    }

    private static List<String> rolesOf(List<Peer> peers) {
        return peers.stream().filter(p -> p instanceof Peer.RolePeer).map(Peer::id).toList();
    }

    private static String ports(Rule rule) {
        return String.join(" ", rule.ports().stream().map(p -> p.format("-")).toList());
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("[\\p{Cntrl}]+", " ");
    }

    private static List<String> applyHelp(VersionModel v, List<FlowSet> sets, List<String> backends) {
        List<String> h = new ArrayList<>();
        h.addAll(ShellText.wrap("[--backend auto|" + String.join("|", backends) + "] [--dry-run] [--undo] [--confirm-within=SECONDS]"
                + " [--confirm] [--audit [--format=text|json]]"
                + " [--without-optional] [--from-ROLE=CIDR[,CIDR...]] [--port-RULE=N] [--BACKEND-OPTION=VALUE]"
                + " [--help]", WIDTH, "Usage: apply.sh --role ROLE[,ROLE...] ", "       "));
        h.add("");
        h.addAll(para("Opens the ports that the given roles of " + name(v) + " need on this machine, each flow once,"
                + " with the scripts in sets/ of this bundle (one flow set per group of roles that share flows)."
                + " Every script first checks its options, root and its firewall in a dry run: if one refuses,"
                + " nothing is changed."));
        h.add("");
        h.add("Options:");
        opt(h, "--role ROLE[,...]", "the roles of this machine: " + String.join(", ", v.roles().stream()
                .map(RoleModel::id).toList()));
        opt(h, "--backend NAME", "auto (default): the firewall the host runs; a running firewalld or an active ufw"
                + " wins over nftables (an inet table) or iptables (rules or a dropping policy); two active, or none,"
                + " is refused. Or one of " + String.join(", ", backends));
        opt(h, "--dry-run", "print what would change; change nothing (FWDOCS_DRY_RUN=1)");
        opt(h, "--undo", "remove what apply.sh adds for the same roles, optional flows and the flow sets of earlier"
                + " versions too (FWDOCS_UNDO=1)");
        opt(h, "--without-optional", "leave out the flows the catalog marks optional, and remove them where an"
                + " earlier run applied them (FWDOCS_WITHOUT_OPTIONAL=1)");
        opt(h, "--confirm-within=SECONDS", "save the whole ruleset the sets may change, apply (or undo) every set,"
                + " then wait SECONDS for a confirmation: yes typed on this terminal, or apply.sh --confirm with the"
                + " same --role and --backend from another session; without one in time (or if a set fails or the"
                + " run is interrupted) restore the saved ruleset exactly; exit 5 when not confirmed"
                + " (FWDOCS_CONFIRM_WITHIN)");
        opt(h, "--confirm", "confirm the run of apply.sh that waits (see --confirm-within) for the same --role and"
                + " --backend, from another session; exit 1 when none waits");
        opt(h, "--audit", "change nothing: each needed set's script compares its rules in force with those it"
                + " would make (missing, extra, widened; see sets/*/BACKEND.sh --help); exit 0 when all are clean, 6"
                + " on findings; not with --undo, --confirm-within or --confirm");
        opt(h, "--format=FORMAT", "the audit report: text (default) or json (one object: audit, clean, and the"
                + " sets' reports in sets)");
        Set<String> from = new LinkedHashSet<>();
        Set<String> portOpts = new LinkedHashSet<>();
        for (FlowSet s : sets) {
            s.role().addressRoles().forEach(r -> from.add(r.id()));
            s.role().configurable().forEach(r -> portOpts.add(r.id() + "=N (default " + r.ports().get(0).first()
                    + ")"));
        }
        for (String r : from) {
            opt(h, "--from-" + r + "=CIDR,...", "addresses of the " + r + " machines (FWDOCS_FROM_"
                    + ShellText.idWord(r) + "); unset: any address");
        }
        for (String p : portOpts) {
            opt(h, "--port-" + p, "a moved configurable port");
        }
        opt(h, "--NAME=VALUE", "any other option goes to the backend's scripts (nftables: --nft-table,"
                + " --nft-input-chain, --nft-output-chain; firewalld: --zone); see sets/*/BACKEND.sh --help");
        opt(h, "--help", "show this help");
        h.add("");
        h.addAll(para("Exit codes: 0 done, 2 usage error, 3 not root, 4 no usable firewall (or two), 5 not"
                + " confirmed in time (the ruleset from before is restored), 6 the audit found differences, anything"
                + " else: a firewall command failed."));
        return h;
    }

    private static List<String> checkHelp(VersionModel v, List<String> configurable) {
        List<String> h = new ArrayList<>();
        h.addAll(ShellText.wrap("[--peer PEER=HOST[,HOST...]]... [--port-RULE=N] [--timeout=SECONDS]"
                + " [--without-optional] [--verify] [--help]", WIDTH, "Usage: check.sh --role ROLE[,ROLE...] ",
                "       "));
        h.add("");
        h.addAll(para("Preflight for " + name(v) + ": from this machine, probes every port its roles must reach on"
                + " each peer (TCP connect; ICMP echo with ping; UDP and port ranges are listed, not probed), in"
                + " parallel, and prints a table. Exits 1 when a required flow fails."));
        h.add("");
        h.add("Options:");
        opt(h, "--role ROLE[,...]", "the roles of this machine: " + String.join(", ", v.roles().stream()
                .map(RoleModel::id).toList()));
        opt(h, "--peer PEER=HOST,...", "the machines of a role (or the hosts of an address) to probe; an address's"
                + " host names are probed without it");
        if (!configurable.isEmpty()) {
            opt(h, "--port-RULE=N", "a moved configurable port: " + String.join(", ", configurable));
        }
        opt(h, "--timeout=SECONDS", "per probe, 1 to 60, default 3 (FWDOCS_TIMEOUT)");
        opt(h, "--without-optional", "leave out the optional flows");
        opt(h, "--verify", "print the catalog's check commands for the roles instead");
        opt(h, "--help", "show this help");
        return h;
    }

    private static String name(VersionModel v) {
        return ShellText.line(v.resolved().catalog().product().name(), 100) + " " + ShellText.line(v.version(), 60);
    }

    private static List<String> para(String text) {
        return ShellText.wrap(text, WIDTH, "", "");
    }

    private static void opt(List<String> h, String synopsis, String text) {
        h.add("  " + synopsis);
        h.addAll(ShellText.wrap(text, WIDTH, "      ", "      "));
    }
}
