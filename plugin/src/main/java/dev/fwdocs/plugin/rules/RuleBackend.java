package dev.fwdocs.plugin.rules;

import dev.fwdocs.catalog.Diagnostic;
import dev.fwdocs.plugin.model.RoleModel;
import dev.fwdocs.plugin.model.VersionModel;
import java.util.List;

/**
 * A firewall backend: translates one role of one product version into a {@link RolePlan} (pure: no I/O, same input,
 * same plan), from which its script, XML and page commands are printed. Every backend's script takes the same
 * options, documented in README.md ("Running a script").
 */
public interface RuleBackend {

    /** Short id used in file names and configuration: {@code iptables}, {@code nftables}, {@code ufw}, {@code firewalld}. */
    String id();

    /** Name for pages, such as {@code iptables / ip6tables}. */
    String displayName();

    /** Status command, default distro tabs and the protocols this backend can express. */
    BackendFacts facts();

    /**
     * What this backend cannot express in this version beyond {@link BackendFacts#protocols()} (which the registry
     * checks), one diagnostic per problem at the catalog location that causes it. Called for every selected backend
     * before any plan is made.
     */
    default List<Diagnostic> unsupported(VersionModel version) {
        return List.of();
    }

    /** The translated rules of one role; called once per run for each role, version and selected backend. */
    RolePlan plan(VersionModel version, RoleModel role);
}
