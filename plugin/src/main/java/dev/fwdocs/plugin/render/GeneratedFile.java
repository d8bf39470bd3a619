package dev.fwdocs.plugin.render;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** One output file produced by a renderer: a relative path with '/' separators, its bytes, and whether it is a script. */
public record GeneratedFile(String path, byte[] content, boolean executable) {

    public GeneratedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains("//")
                || java.util.Arrays.asList(path.split("/")).contains("..")) {
            throw new IllegalArgumentException("generated paths are relative and stay inside the output: " + path);
        }
        content = content.clone();
    }

    public static GeneratedFile text(String path, String content) {
        return new GeneratedFile(path, content.getBytes(StandardCharsets.UTF_8), false);
    }

    public static GeneratedFile script(String path, String content) {
        return new GeneratedFile(path, content.getBytes(StandardCharsets.UTF_8), true);
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    /** The SHA-256 of the content in lower-case hex, as {@code sha256sum} prints it. */
    public String sha256() {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The same content under another directory. */
    public GeneratedFile under(String dir) {
        return new GeneratedFile(dir + "/" + path, content, executable);
    }
}
