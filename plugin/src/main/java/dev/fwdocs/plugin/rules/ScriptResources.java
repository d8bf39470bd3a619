package dev.fwdocs.plugin.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the shell fragments shipped next to a backend class (kept as .sh files so that they read as shell). */
public final class ScriptResources {

    private ScriptResources() {
    }

    /** The UTF-8 text of the resource {@code name} next to {@code owner}; a missing resource is a build error. */
    public static String text(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " of " + owner.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
