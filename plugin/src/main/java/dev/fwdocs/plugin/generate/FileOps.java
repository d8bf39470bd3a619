package dev.fwdocs.plugin.generate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The {@link OutputWriter}'s access to the output folder: every change goes through here and refuses a path outside
 * the folder's real path or below a symbolic link; nothing here follows a link. A {@link Fault} seam lets tests fail
 * any one change.
 */
final class FileOps {

    /** Called before every change to the file system; a test throws from it to fail that change. */
    interface Fault {
        void before(String change, Path path) throws IOException;
    }

    static final Fault NO_FAULT = (change, path) -> {
    };

    /** What is at a path, the last component not followed. */
    enum Kind {
        MISSING, DIRECTORY, FILE, LINK, OTHER
    }

    /** The first component of a relative path (from the top) that is not a real folder, or the path itself. */
    record Found(String path, Kind kind) {
    }

    private final Path root;
    private final Fault fault;

    private FileOps(Path root, Fault fault) {
        this.root = root;
        this.fault = fault;
    }

    /** Creates the output folder when missing and works below its real path from then on. */
    static FileOps open(Path outputDir, Fault fault) throws IOException {
        if (!Files.isDirectory(outputDir)) {
            fault.before("create the output folder", outputDir);
            Files.createDirectories(outputDir);
        }
        return new FileOps(outputDir.toRealPath(), fault);
    }

    Path root() {
        return root;
    }

    Path path(String relative) {
        return root.resolve(relative);
    }

    String relative(Path p) {
        return p.equals(root) ? "." : root.relativize(p).toString();
    }

    static Kind kind(Path p) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Kind.MISSING;
        }
        return a.isSymbolicLink() ? Kind.LINK : a.isDirectory() ? Kind.DIRECTORY : a.isRegularFile() ? Kind.FILE
                : Kind.OTHER;
    }

    /** Walks {@code relative} from the top and stops at the first component that is not a real folder. */
    Found find(String relative) throws IOException {
        String[] segments = relative.split("/");
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                prefix.append('/');
            }
            prefix.append(segments[i]);
            Kind k = kind(path(prefix.toString()));
            if (i == segments.length - 1 || k != Kind.DIRECTORY) {
                return new Found(prefix.toString(), k);
            }
        }
        throw new IllegalArgumentException("empty path");
    }

    /** The entries of a real folder, links not followed. */
    static List<Path> list(Path dir) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(entries::add);
        }
        entries.sort(null);
        return entries;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(byte[] data) {
        return HexFormat.of().formatHex(digest().digest(data));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static boolean executable(Path file) throws IOException {
        return Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)
                .contains(PosixFilePermission.OWNER_EXECUTE);
    }

    static byte[] read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return in.readAllBytes();
        }
    }

    /** Fails unless {@code file} is a regular file in real folders with this checksum. */
    void expect(Path file, String sum) throws IOException {
        guard(file);
        if (kind(file) != Kind.FILE || !sha256(file).equals(sum)) {
            throw new IOException(relative(file) + " changed while fwdocs was writing");
        }
    }

    void createDirectory(Path dir) throws IOException {
        check("create folder", dir);
        Files.createDirectory(dir);
    }

    /** What a new file holds, written to a stream. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes a new file; fails when anything, a link included, is already there. */
    void writeNew(Path file, byte[] content, boolean executable) throws IOException {
        writeNew(file, out -> out.write(content), executable);
    }

    /** Writes a new file from {@code content}; fails when anything, a link included, is already there. */
    void writeNew(Path file, Content content, boolean executable) throws IOException {
        check("write", file);
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            content.writeTo(out);
        }
        Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setPermissions(PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
    }

    /**
     * Moves a file fwdocs wrote outside the output folder (its spool) to a new file inside it, as {@link #writeNew}
     * would write it: a rename when both are on one file system, else a copy; fails when anything, a link included,
     * is already there. The content is not read back into memory and written again.
     */
    void moveNew(Path from, Path file, boolean executable) throws IOException {
        check("write", file);
        Files.move(from, file);
        Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setPermissions(PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
    }

    /** Renames within the output folder; fails when the target exists. */
    void move(Path from, Path to) throws IOException {
        guard(from);
        check("move " + relative(from) + " to", to);
        Files.move(from, to);
    }

    /** Renames over an existing file in one step (the manifest's commit). */
    void replace(Path from, Path to) throws IOException {
        guard(from);
        check("move " + relative(from) + " over", to);
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Deletes a file, a link itself (never its target) or an empty folder. */
    void delete(Path p) throws IOException {
        check("delete", p);
        Files.delete(p);
    }

    /** Deletes a folder and everything in it; links inside are deleted, never followed. */
    void deleteTree(Path dir) throws IOException {
        if (kind(dir) != Kind.DIRECTORY) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Refuses a path outside the output folder or with a symbolic link (or a changed real path) above its last
     * component, then gives the fault seam its turn. Re-checked at every change, not only when planning, so that a
     * link that appears during the run is not followed either.
     */
    private void check(String change, Path p) throws IOException {
        guard(p);
        fault.before(change, p);
    }

    private void guard(Path p) throws IOException {
        Path n = p.normalize();
        if (!n.startsWith(root) || n.equals(root)) {
            throw new IOException("refusing to change " + p + ": not inside the output folder " + root);
        }
        for (Path dir = n.getParent(); !dir.equals(root); dir = dir.getParent()) {
            if (Files.isSymbolicLink(dir)) {
                throw new IOException("refusing to change " + relative(n) + ": " + relative(dir)
                        + " is a symbolic link, and fwdocs never writes or deletes through one");
            }
        }
        if (Files.isDirectory(n.getParent(), LinkOption.NOFOLLOW_LINKS)
                && !n.getParent().toRealPath().equals(n.getParent())) {
            throw new IOException("refusing to change " + relative(n) + ": its folder's real path is "
                    + n.getParent().toRealPath());
        }
    }
}
