package dev.fwdocs.plugin.pages;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** A Linux distribution family shown as one tab on a page, and the rule backends whose commands that tab shows. */
public record Distro(String id, String label, List<String> backends) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

    public Distro {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        backends = List.copyOf(backends);
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("distro id '" + id + "' must match [a-z0-9][a-z0-9-]*");
        }
        if (label.isBlank() || !label.matches("[^\"<>{}\\\\\\p{Cntrl}]+")) {
            throw new IllegalArgumentException("distro " + id + " needs a label without quotes, <, >, {, } or "
                    + "backslashes (it lands in tab markup): '" + label + "'");
        }
        if (backends.isEmpty()) {
            throw new IllegalArgumentException("distro " + id + " needs at least one backend");
        }
    }

}
