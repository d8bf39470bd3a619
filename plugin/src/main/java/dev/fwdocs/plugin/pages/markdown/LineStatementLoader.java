package dev.fwdocs.plugin.pages.markdown;

import io.pebbletemplates.pebble.loader.Loader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

/**
 * Loads templates so that a line holding only a {@code {% tag %}} or {@code {# comment #}} leaves nothing behind (not
 * even its line break), while a line ending in {@code {{ value }}} keeps its line break: templates for line-oriented
 * Markdown can then be written line by line. Pebble's own newline trimming also eats the break after {@code }}}.
 */
final class LineStatementLoader<T> implements Loader<T> {

    private static final Pattern STATEMENT_LINE = Pattern.compile("(?m)^[ \\t]*(\\{%[^\\n]*?%\\})[ \\t]*\\n");
    private static final Pattern COMMENT_LINES = Pattern.compile("(?ms)^[ \\t]*(\\{#.*?#\\})[ \\t]*\\n");

    private final Loader<T> delegate;

    LineStatementLoader(Loader<T> delegate) {
        this.delegate = delegate;
    }

    @Override
    public Reader getReader(T key) {
        try (Reader r = delegate.getReader(key)) {
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[8192];
            int n;
            while ((n = r.read(buf)) > 0) {
                sb.append(buf, 0, n);
            }
            // Line endings are LF already (Templates.loader).
            String s = sb.toString();
            // The line break moves into an empty comment: nothing is output, and Pebble's line numbers in an error
            // stay those of the file.
            s = COMMENT_LINES.matcher(s).replaceAll("$1{#\n#}");
            s = STATEMENT_LINE.matcher(s).replaceAll("$1{#\n#}");
            return new StringReader(s);
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
