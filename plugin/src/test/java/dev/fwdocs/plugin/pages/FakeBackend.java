package dev.fwdocs.plugin.pages;

import dev.fwdocs.catalog.IcmpType;
import dev.fwdocs.catalog.PortRange;
import dev.fwdocs.catalog.Protocol;
import dev.fwdocs.catalog.resolve.ResolvedRule;
import dev.fwdocs.plugin.model.RoleModel;
import dev.fwdocs.plugin.model.VersionModel;
import dev.fwdocs.plugin.render.GeneratedFile;
import dev.fwdocs.plugin.rules.BackendFacts;
import dev.fwdocs.plugin.rules.BackendRegistry;
import dev.fwdocs.plugin.rules.PageCommands;
import dev.fwdocs.plugin.rules.PrintedPlan;
import dev.fwdocs.plugin.rules.RolePlan;
import dev.fwdocs.plugin.rules.RuleBackend;
import java.util.ArrayList;
import java.util.List;

/** A stand-in rule backend for page tests: predictable, readable commands per inbound rule. */
public record FakeBackend(String id, String displayName) implements RuleBackend {

    /** One fake per real backend id, so the default distro tabs are all filled. */
    public static List<RuleBackend> all() {
        return List.of(new FakeBackend("iptables", "iptables / ip6tables"), new FakeBackend("nftables", "nftables"),
                new FakeBackend("ufw", "ufw"), new FakeBackend("firewalld", "firewalld"));
    }

    /** The facts of the real backend of the same id, so that tabs and status commands are the real ones. */
    @Override
    public BackendFacts facts() {
        return BackendRegistry.standard().find(id).orElseThrow().facts();
    }

    @Override
    public RolePlan plan(VersionModel version, RoleModel role) {
        String commands = commands(role);
        return new PrintedPlan(List.of(GeneratedFile.script(id + ".sh", "#!/bin/sh\n" + commands)),
                PageCommands.of(commands));
    }

    private String commands(RoleModel role) {
        List<String> lines = new ArrayList<>();
        for (ResolvedRule r : role.inbound()) {
            for (Protocol p : r.rule().portProtocols()) {
                for (PortRange range : r.rule().ports()) {
                    lines.add("fake-" + id + " allow " + p.id() + " " + range);
                }
            }
            for (IcmpType t : r.rule().icmpTypes()) {
                lines.add("fake-" + id + " allow " + t.protocol().id() + " type " + t.catalogName());
            }
        }
        return String.join("\n", lines) + "\n";
    }
}
