package dev.fwdocs.plugin.rules;

import dev.fwdocs.catalog.Diagnostic;
import dev.fwdocs.catalog.resolve.ResolvedVersion;
import dev.fwdocs.catalog.resolve.RoleView;
import dev.fwdocs.plugin.render.GeneratedFile;
import java.util.List;

/**
 * A firewall backend: turns one role of one resolved product version into scripts (pure: no I/O, same input, same
 * text). Every backend's script takes the same options, documented in README.md ("Running a script").
 */
public interface RuleBackend {

    /** Short id used in file names and configuration: {@code iptables}, {@code nftables}, {@code ufw}, {@code firewalld}. */
    String id();

    /** Name for pages, such as {@code iptables / ip6tables}. */
    String displayName();

    /**
     * What this backend cannot express for this version, one diagnostic per problem at the catalog location that
     * causes it; empty when everything can be rendered. Called for all backends before any rendering.
     */
    List<Diagnostic> unsupported(ResolvedVersion version);

    /** The files for one role, with paths relative to that role's folder (for example {@code iptables.sh}). */
    List<GeneratedFile> render(ResolvedVersion version, RoleView role);

    /**
     * The commands that open the role's inbound ports, for a documentation page: short, readable, safe to paste,
     * without the script's option handling (the page links to the script for the idempotent, undoable version).
     */
    String commands(ResolvedVersion version, RoleView role);
}
