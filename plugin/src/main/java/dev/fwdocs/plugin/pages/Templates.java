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
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
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

    /**
     * A Pebble loader that looks in {@code overrides} (may be null) first, then in the shipped templates. Line
     * endings read as LF: an override saved with CRLF (an editor or git's autocrlf on Windows) renders as the same
     * LF output.
     */
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
        return new LfLoader<>(new DelegatingLoader(loaders));
    }

    /**
     * A file used as it is (not a Pebble template), from {@code overrides} (may be null) first, its line endings
     * read as LF.
     */
    public static String raw(Path overrides, String name) {
        if (overrides != null) {
            Path p = overrides.resolve(name);
            if (Files.isRegularFile(p)) {
                try {
                    return lf(Files.readString(p, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read template override " + p, e);
                }
            }
        }
        try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(ROOT + "/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing shipped template " + name);
            }
            return lf(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read shipped template " + name, e);
        }
    }

    /** CRLF and a lone CR (old Mac files) as LF. */
    static String lf(String text) {
        return text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** Hands Pebble every template with {@link #lf} line endings. */
    private static final class LfLoader<T> implements Loader<T> {
        private final Loader<T> delegate;

        LfLoader(Loader<T> delegate) {
            this.delegate = delegate;
        }

        @Override
        public Reader getReader(T key) {
            try (Reader r = delegate.getReader(key)) {
                StringWriter text = new StringWriter();
                r.transferTo(text);
                return new StringReader(lf(text.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void setCharset(String charset) {
            delegate.setCharset(charset);
        }

        @Override
        public void setPrefix(String prefix) {
            delegate.setPrefix(prefix);
        }

        @Override
        public void setSuffix(String suffix) {
            delegate.setSuffix(suffix);
        }

        @Override
        public String resolveRelativePath(String relativePath, String anchorPath) {
            return delegate.resolveRelativePath(relativePath, anchorPath);
        }

        @Override
        public T createCacheKey(String templateName) {
            return delegate.createCacheKey(templateName);
        }

        @Override
        public boolean resourceExists(String templateName) {
            return delegate.resourceExists(templateName);
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
