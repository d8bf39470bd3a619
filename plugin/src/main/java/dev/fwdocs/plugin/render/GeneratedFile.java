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
                || Arrays.asList(path.split("/")).contains("..")) {
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

    /**
     * A text file encoded straight from {@code content} (a page's buffer, say), without a String of it first; the
     * same bytes as {@link #text} (a lone surrogate becomes {@code ?}, as {@link String#getBytes} makes it).
     */
    public static GeneratedFile utf8(String path, CharSequence content) {
        int n = content.length();
        int size = 0;
        for (int i = 0; i < n; i++) {
            char c = content.charAt(i);
            if (c < 0x80) {
                size++;
            } else if (c < 0x800) {
                size += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(content.charAt(i + 1))) {
                size += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                size++;
            } else {
                size += 3;
            }
        }
        byte[] b = new byte[size];
        int at = 0;
        for (int i = 0; i < n; i++) {
            char c = content.charAt(i);
            if (c < 0x80) {
                b[at++] = (byte) c;
            } else if (c < 0x800) {
                b[at++] = (byte) (0xc0 | c >> 6);
                b[at++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(content.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, content.charAt(++i));
                b[at++] = (byte) (0xf0 | cp >> 18);
                b[at++] = (byte) (0x80 | cp >> 12 & 0x3f);
                b[at++] = (byte) (0x80 | cp >> 6 & 0x3f);
                b[at++] = (byte) (0x80 | cp & 0x3f);
            } else if (Character.isSurrogate(c)) {
                b[at++] = '?';
            } else {
                b[at++] = (byte) (0xe0 | c >> 12);
                b[at++] = (byte) (0x80 | c >> 6 & 0x3f);
                b[at++] = (byte) (0x80 | c & 0x3f);
            }
        }
        return new GeneratedFile(path, b, false, null);
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
