package dev.fwdocs.plugin.rules;

import dev.fwdocs.plugin.render.GeneratedFile;
import java.util.List;

/**
 * One role's rules translated for one backend, once: everything that backend prints for the role (script, XML, page
 * commands) comes from the same plan, so the page and the script cannot say different things.
 */
public interface RolePlan {

    /** The files of the role for this backend, with paths relative to the role's folder ({@code iptables.sh}). */
    List<GeneratedFile> files();

    /**
     * What a documentation page tells a reader to type for this role. It depends on the product, the role and the
     * role's rules (the catalog's rules in force for it, in both directions), never on the version itself: the page
     * model shows the commands of an earlier version again for a version whose role has the same rules
     * ({@code PageCommandsAcrossVersionsTest} holds every backend to it).
     */
    PageCommands page();
}
