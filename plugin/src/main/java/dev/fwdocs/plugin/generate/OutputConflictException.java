package dev.fwdocs.plugin.generate;

import java.nio.file.Path;
import java.util.List;

/** Thrown when writing would overwrite or delete a file fwdocs did not generate, or one edited since; lists each one. */
public final class OutputConflictException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<String> conflicts;

    public OutputConflictException(Path outputDir, List<String> conflicts) {
        super("fwdocs will not overwrite or delete these files in " + outputDir + ":\n  "
                + String.join("\n  ", conflicts) + "\nnothing was written");
        this.conflicts = List.copyOf(conflicts);
    }

    public List<String> conflicts() {
        return conflicts;
    }
}
