package dev.fwdocs.plugin.rules;

import java.util.List;
import java.util.Objects;

/**
 * The commands a page shows for one role and backend: what a person would type to open the role's flows for any
 * source, and sentences for what only the script does (narrowed sources, addresses it cannot open).
 */
public record PageCommands(String commands, List<String> notes) {

    public PageCommands {
        Objects.requireNonNull(commands, "commands");
        notes = List.copyOf(notes);
    }

    public static PageCommands of(String commands) {
        return new PageCommands(commands, List.of());
    }
}
