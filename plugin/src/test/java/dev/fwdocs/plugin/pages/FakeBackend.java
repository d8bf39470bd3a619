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
import dev.fwdocs.plugin.rules.RolePlan;
import dev.fwdocs.plugin.rules.RuleBackend;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in rule backend for page tests: predictable, readable commands per inbound rule, and the given notes under
 * them (as a backend adds for what only its script does).
 */
public record FakeBackend(String id, String displayName, List<String> notes) implements RuleBackend {

    public FakeBackend {
        notes = List.copyOf(notes);
    }

    public FakeBackend(String id, String displayName) {
        this(id, displayName, List.of());
    }

    /** One fake per real backend id, so the default distro tabs are all filled. */
    public static List<RuleBackend> all() {
        return withNotes(List.of());
    }

    /** One fake per real backend id, each with these page notes. */
    public static List<RuleBackend> withNotes(List<String> notes) {
        return List.of(new FakeBackend("iptables", "iptables / ip6tables", notes),
                new FakeBackend("nftables", "nftables", notes), new FakeBackend("ufw", "ufw", notes),
                new FakeBackend("firewalld", "firewalld", notes));
    }

    /** The facts of the real backend of the same id, so that tabs and status commands are the real ones. */
    @Override
    public BackendFacts facts() {
        return BackendRegistry.standard().find(id).orElseThrow().facts();
    }

    @Override
    public RolePlan plan(VersionModel version, RoleModel role) {
        String commands = commands(role);
        return new FakePlan(List.of(GeneratedFile.script(id + ".sh", "#!/bin/sh\n" + commands)),
                new PageCommands(commands, notes));
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

    private record FakePlan(List<GeneratedFile> files, PageCommands page) implements RolePlan {
    }
}
