package dev.fwdocs.plugin.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** Reads the shell fragments shipped next to a backend class (kept as .sh files so that they read as shell). */
public final class ScriptResources {

    /** Every resource read, by owner and name. */
    private static final Map<String, byte[]> READ = new ConcurrentSkipListMap<>();

    private ScriptResources() {
    }

    /** The UTF-8 text of the resource {@code name} next to {@code owner}; a missing resource is a build error. */
    public static String text(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " of " + owner.getName());
            }
            byte[] bytes = in.readAllBytes();
            READ.put(owner.getName() + "/" + name, bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The bytes of every resource read so far, in the order of owner and name: the shell code that the scripts
     * written so far embed as it is, so that an archive of scripts can compress it once. A resource that no class
     * has read yet is in no script either.
     */
    public static List<byte[]> read() {
        return List.copyOf(READ.values());
    }
}
