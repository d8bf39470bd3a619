package dev.fwdocs.plugin.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Everything in an output folder, links not followed: each path with its kind, permissions and content. */
final class Snapshot {

    private Snapshot() {
    }

    static Map<String, String> of(Path root) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(p -> !p.equals(root)).toList()) {
                String rel = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    entries.put(rel, "link -> " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    entries.put(rel, "folder");
                } else {
                    entries.put(rel, PosixFilePermissions.toString(Files.getPosixFilePermissions(p,
                            LinkOption.NOFOLLOW_LINKS)) + " " + new String(Files.readAllBytes(p),
                                    StandardCharsets.UTF_8));
                }
            }
        }
        return entries;
    }

    /** The snapshot without fwdocs' journal and staging folders. */
    static Map<String, String> withoutLeftovers(Path root) throws IOException {
        Map<String, String> entries = of(root);
        entries.keySet().removeIf(p -> p.startsWith(Journal.NAME) || p.startsWith(OutputWriter.STAGING_PREFIX));
        return entries;
    }
}
