package dev.fwdocs.plugin.pages;

import io.pebbletemplates.pebble.error.PebbleException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A page template that does not parse or fails while rendering, usually one of the user's overrides: a mistake in the
 * configuration, reported as {@code file:line: message} like a catalog error, not as a crash of the plugin.
 */
public final class TemplateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private TemplateException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The failure of {@code template} (as the engine names it) with the override folder {@code overrides} (may be null). */
    public static TemplateException of(Path overrides, String template, PebbleException e) {
        String name = e.getFileName() != null ? e.getFileName() : template;
        Path file = Path.of(name);
        if (!file.isAbsolute() && overrides != null) {
            file = overrides.resolve(name.startsWith(Templates.ROOT + "/") ? name.substring(Templates.ROOT.length() + 1)
                    : name);
        }
        boolean override = overrides != null && file.toAbsolutePath().normalize().startsWith(
                overrides.toAbsolutePath().normalize()) && Files.isRegularFile(file);
        String where = (override ? file.toString() : "shipped template " + name)
                + (e.getLineNumber() != null ? ":" + e.getLineNumber() : "");
        String what = e.getPebbleMessage() != null ? e.getPebbleMessage() : e.getMessage();
        return new TemplateException(where + ": template error: " + what + (override ? "; fix the template, or "
                + "remove it to use the shipped one" : ""), e);
    }
}
