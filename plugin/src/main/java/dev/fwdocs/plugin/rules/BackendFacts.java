package dev.fwdocs.plugin.rules;

import dev.fwdocs.catalog.Protocol;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a backend declares about itself, for the registry to check and the pages to show: the command that lists what
 * the firewall has loaded, the distro tabs it is the default for, and the protocols it can express at all.
 */
public record BackendFacts(String statusCommand, List<DefaultTab> defaultTabs, Set<Protocol> protocols) {

    public BackendFacts {
        Objects.requireNonNull(statusCommand, "statusCommand");
        defaultTabs = List.copyOf(defaultTabs);
        protocols = Set.copyOf(protocols);
    }

    /** A distro tab a backend fills by default; {@code rank} orders the tabs of all backends on a page. */
    public record DefaultTab(int rank, String id, String label) {
        public DefaultTab {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(label, "label");
        }
    }
}
