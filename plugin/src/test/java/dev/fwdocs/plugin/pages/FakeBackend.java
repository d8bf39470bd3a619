package dev.fwdocs.plugin.pages;

import dev.fwdocs.catalog.Diagnostic;
import dev.fwdocs.catalog.IcmpType;
import dev.fwdocs.catalog.PortRange;
import dev.fwdocs.catalog.Protocol;
import dev.fwdocs.catalog.resolve.ResolvedRule;
import dev.fwdocs.catalog.resolve.ResolvedVersion;
import dev.fwdocs.catalog.resolve.RoleView;
import dev.fwdocs.plugin.render.GeneratedFile;
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

    @Override
    public List<Diagnostic> unsupported(ResolvedVersion version) {
        return List.of();
    }

    @Override
    public List<GeneratedFile> render(ResolvedVersion version, RoleView role) {
        return List.of(GeneratedFile.script(id + ".sh", "#!/bin/sh\n" + commands(version, role)));
    }

    @Override
    public String commands(ResolvedVersion version, RoleView role) {
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
