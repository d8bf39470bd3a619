package dev.fwdocs.plugin.mojo;

import java.util.List;

/** One {@code <distro>} of the plugin configuration: a tab on the pages and the backends whose commands it shows. */
public class DistroConfig {

    /** Id used in tab markup, such as {@code ubuntu-debian}. */
    String id;

    /** Tab label, such as {@code Ubuntu / Debian}. */
    String label;

    /** Backend ids, such as {@code ufw}. */
    List<String> backends = List.of();
}
