package dev.fwdocs.plugin.generate;

import java.nio.file.Path;
import java.util.List;

/**
 * Thrown when writing would overwrite or delete a file fwdocs did not generate, or one edited since, or when fwdocs'
 * own records in the output folder (manifest, journal) cannot be trusted; lists each problem.
 */
public final class OutputConflictException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<String> conflicts;

    public OutputConflictException(Path outputDir, List<String> conflicts) {
        this("fwdocs will not overwrite or delete these files in " + outputDir + ":", conflicts, null);
    }

    /** Problems under a lead sentence, with what to do about them (null: nothing more to say). */
    OutputConflictException(String lead, List<String> conflicts, String advice) {
        super(lead + "\n  " + String.join("\n  ", conflicts) + "\n" + (advice == null ? "" : advice + "; ")
                + "nothing was written");
        this.conflicts = List.copyOf(conflicts);
    }

    /** A file of fwdocs' own (manifest, journal) that holds lines fwdocs would not have written. */
    static OutputConflictException unreadable(Path file, List<String> problems, String advice) {
        return new OutputConflictException("fwdocs cannot trust " + file + ":", problems.stream()
                .map(p -> file.getFileName() + " " + p).toList(), advice);
    }

    public List<String> conflicts() {
        return conflicts;
    }
}
