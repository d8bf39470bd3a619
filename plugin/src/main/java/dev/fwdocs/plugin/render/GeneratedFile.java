package dev.fwdocs.plugin.render;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One output file produced by a renderer: a relative path with '/' separators, its bytes, and whether it is a script.
 *
 * <p>Immutable: the bytes are copied once when they come in and handed out as copies; copies of a file under another
 * path ({@link #under}, {@link #withPath}) share them, and the SHA-256 is computed once per content, however many
 * readers (the output context, the writer) ask for it.
 */
public final class GeneratedFile {

    private final String path;
    private final byte[] content;
    private final boolean executable;
    /** Computed on first use; shared with the copies under other paths. */
    private volatile String sha256;

    public GeneratedFile(String path, byte[] content, boolean executable) {
        this(path, Objects.requireNonNull(content, "content").clone(), executable, null);
    }

    /** Takes {@code content} as it is: only for bytes no one else holds or that are already immutable. */
    private GeneratedFile(String path, byte[] content, boolean executable, String sha256) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains("//")
                || ("/" + path + "/").contains("/../")) {
            throw new IllegalArgumentException("generated paths are relative and stay inside the output: " + path);
        }
        this.path = path;
        this.content = content;
        this.executable = executable;
        this.sha256 = sha256;
    }

    public static GeneratedFile text(String path, String content) {
        return new GeneratedFile(path, content.getBytes(StandardCharsets.UTF_8), false, null);
    }

    public static GeneratedFile script(String path, String content) {
        return new GeneratedFile(path, content.getBytes(StandardCharsets.UTF_8), true, null);
    }

    public String path() {
        return path;
    }

    /** A copy of the bytes. */
    public byte[] content() {
        return content.clone();
    }

    public boolean executable() {
        return executable;
    }

    /** The number of bytes. */
    public int length() {
        return content.length;
    }

    /** Writes the bytes to {@code out} (without a copy). */
    public void writeTo(OutputStream out) throws IOException {
        out.write(content);
    }

    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    /** The SHA-256 of the content in lower-case hex, as {@code sha256sum} prints it; computed once. */
    public String sha256() {
        String s = sha256;
        if (s == null) {
            try {
                s = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(content));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
            sha256 = s;
        }
        return s;
    }

    /** The same content under another directory. */
    public GeneratedFile under(String dir) {
        return withPath(dir + "/" + path);
    }

    /** The same content (and checksum) under another path. */
    public GeneratedFile withPath(String newPath) {
        return new GeneratedFile(newPath, content, executable, sha256);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GeneratedFile f && f.path.equals(path) && f.executable == executable
                && Arrays.equals(f.content, content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, executable, Arrays.hashCode(content));
    }

    @Override
    public String toString() {
        return "GeneratedFile[path=" + path + ", " + content.length + " bytes" + (executable ? ", executable" : "")
                + "]";
    }
}
