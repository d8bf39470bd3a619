package dev.fwdocs.plugin.pages;

import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.escaper.SafeString;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.loader.DelegatingLoader;
import io.pebbletemplates.pebble.loader.FileLoader;
import io.pebbletemplates.pebble.loader.Loader;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Where page templates and assets come from: a file in the doc repository's override folder replaces the shipped one
 * of the same name ({@code markdown/overview.peb}, {@code html/fwdocs.css}, ...).
 */
public final class Templates {

    /** Where the shipped templates live on the classpath; an override folder mirrors the names below it. */
    public static final String ROOT = "dev/fwdocs/plugin/templates";

    private Templates() {
    }

    /** A Pebble loader that looks in {@code overrides} (may be null) first, then in the shipped templates. */
    public static Loader<?> loader(Path overrides) {
        List<Loader<?>> loaders = new ArrayList<>();
        if (overrides != null) {
            FileLoader files = new FileLoader();
            files.setPrefix(overrides.toAbsolutePath().toString());
            loaders.add(files);
        }
        ClasspathLoader classpath = new ClasspathLoader(Templates.class.getClassLoader());
        classpath.setPrefix(ROOT);
        loaders.add(classpath);
        return new DelegatingLoader(loaders);
    }

    /** A file used as it is (not a Pebble template), from {@code overrides} (may be null) first. */
    public static String raw(Path overrides, String name) {
        if (overrides != null) {
            Path p = overrides.resolve(name);
            if (Files.isRegularFile(p)) {
                try {
                    return Files.readString(p, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read template override " + p, e);
                }
            }
        }
        try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(ROOT + "/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing shipped template " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read shipped template " + name, e);
        }
    }

    /**
     * A Pebble filter without arguments that maps the text of its input ({@code ""} for null). {@code markup}: the
     * result is HTML that auto-escaping must leave alone (it escaped what it took from the input itself).
     */
    public static Filter filter(UnaryOperator<String> f, boolean markup) {
        return new Filter() {
            @Override
            public List<String> getArgumentNames() {
                return List.of();
            }

            @Override
            public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                    int lineNumber) {
                String out = input == null ? "" : f.apply(input.toString());
                return markup ? new SafeString(out) : out;
            }
        };
    }
}
