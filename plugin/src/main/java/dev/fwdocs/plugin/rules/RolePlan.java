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

    /** What a documentation page tells a reader to type for this role. */
    PageCommands page();
}
