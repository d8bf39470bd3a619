package dev.fwdocs.plugin.generate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The record of a run that is moving files into place, written to the output folder before the first move and
 * removed after the manifest: the staging folder, the old and new manifest's checksums and every change in order,
 * with the old and new checksum of each file in flight. With it the next run tells fwdocs' own half-applied files
 * from hand edits and restores the previous output (or, when the new manifest was already written, just cleans up).
 * Its backups are {@code <staging>/old/<n>}, n the change's position; the new files wait in {@code <staging>/new}.
 */
record Journal(String staging, String oldManifest, String newManifest, List<Change> changes) {

    /** The journal's name in the output folder. */
    static final String NAME = ".fwdocs-journal";

    /** A file replaced, created ({@code oldSum} null) or removed ({@code newSum} null); a folder removed or made. */
    enum Kind {
        FILE, RMDIR, MKDIR
    }

    /** One change, in the order it is made; sums are null for "no file". */
    record Change(Kind kind, String path, String oldSum, String newSum) {
        Change {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(path, "path");
            if (kind == Kind.FILE && oldSum == null && newSum == null) {
                throw new IllegalArgumentException("a file change needs an old or a new checksum: " + path);
            }
        }
    }

    Journal {
        Objects.requireNonNull(staging, "staging");
        Objects.requireNonNull(newManifest, "newManifest");
        changes = List.copyOf(changes);
    }

    String text() {
        StringBuilder sb = new StringBuilder("# fwdocs journal: a run was moving files into place. The next run "
                + "restores the previous output from it; do not edit.\n");
        sb.append("staging ").append(staging).append('\n');
        sb.append("manifest ").append(orDash(oldManifest)).append(' ').append(newManifest).append('\n');
        for (Change c : changes) {
            switch (c.kind()) {
                case FILE -> sb.append("file ").append(orDash(c.oldSum())).append(' ').append(orDash(c.newSum()))
                        .append(' ');
                case RMDIR -> sb.append("rmdir ");
                case MKDIR -> sb.append("mkdir ");
            }
            sb.append(c.path()).append('\n');
        }
        return sb.toString();
    }

    /** Reads a journal; every line fwdocs would not have written is added to {@code problems}, and null returned. */
    static Journal parse(byte[] bytes, List<String> problems) {
        int before = problems.size();
        String staging = null;
        String[] manifest = null;
        List<Change> changes = new ArrayList<>();
        List<String> lines = Manifest.lines(bytes, problems);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String at = "line " + (i + 1) + ": ";
            if (line == null || line.startsWith("#")) {
                continue;
            }
            String[] w = line.split(" ", 4);
            String path = null;
            if (w[0].equals("staging") && w.length == 2 && staging == null && changes.isEmpty()) {
                staging = w[1];
                if (!staging.startsWith(OutputWriter.STAGING_PREFIX) || staging.contains("/")
                        || staging.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '\\')) {
                    problems.add(at + Manifest.quote(staging) + " is not a staging folder's name");
                }
                continue;
            } else if (w[0].equals("manifest") && w.length == 3 && manifest == null && changes.isEmpty()
                    && sumOrDash(w[1]) && Manifest.isSum(w[2])) {
                manifest = new String[] {w[1], w[2]};
                continue;
            } else if (w[0].equals("file") && w.length == 4 && sumOrDash(w[1]) && sumOrDash(w[2])
                    && !(w[1].equals("-") && w[2].equals("-"))) {
                path = w[3];
                changes.add(new Change(Kind.FILE, path, dash(w[1]), dash(w[2])));
            } else if ((w[0].equals("rmdir") || w[0].equals("mkdir")) && w.length >= 2) {
                path = line.substring(6);
                changes.add(new Change(w[0].equals("rmdir") ? Kind.RMDIR : Kind.MKDIR, path, null, null));
            } else {
                problems.add(at + Manifest.quote(line) + " is not a line fwdocs writes in its journal");
                continue;
            }
            String bad = Manifest.pathProblem(path);
            if (bad != null) {
                problems.add(at + Manifest.quote(path) + " " + bad);
            }
        }
        if (staging == null || manifest == null) {
            problems.add("the 'staging' or 'manifest' line is missing");
        }
        if (problems.size() > before) {
            return null;
        }
        return new Journal(staging, dash(manifest[0]), manifest[1], changes);
    }

    private static boolean sumOrDash(String s) {
        return s.equals("-") || Manifest.isSum(s);
    }

    private static String dash(String s) {
        return s.equals("-") ? null : s;
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }

    byte[] bytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }
}
