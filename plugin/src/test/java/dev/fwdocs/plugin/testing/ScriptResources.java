package dev.fwdocs.plugin.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The shell resources the generated scripts embed, and the Python programs they carry in shell variables. */
public final class ScriptResources {

    private ScriptResources() {
    }

    /**
     * The value of {@code NAME='...'} in a shell resource (a Python program a script runs with {@code -c}), as the
     * generated scripts carry it: from the line after the opening quote to the line that is a lone closing quote.
     */
    public static String quoted(String resource, String name) {
        String text = text(resource);
        String start = "\n" + name + "='";
        int from = text.indexOf(start);
        if (from < 0) {
            throw new IllegalArgumentException("no " + name + " in " + resource);
        }
        from += start.length();
        int to = text.indexOf("\n'\n", from);
        if (to < 0) {
            throw new IllegalArgumentException(name + " has no end in " + resource);
        }
        return text.substring(from, to + 1);
    }

    /** The text of a resource on the test class path, such as {@code /dev/fwdocs/plugin/rules/prologue.sh}. */
    public static String text(String resource) {
        try (InputStream in = ScriptResources.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
