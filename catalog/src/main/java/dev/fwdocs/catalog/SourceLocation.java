package dev.fwdocs.catalog;

import java.util.Objects;

/** Where something was written in a catalog file: the file as given relative to the catalog root, 1-based line and column. */
public record SourceLocation(String file, int line, int column) implements Comparable<SourceLocation> {

    public SourceLocation {
        Objects.requireNonNull(file, "file");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must not be negative");
        }
    }

    /** A location for a whole file, when no line is known (for example an unreadable file). */
    public static SourceLocation ofFile(String file) {
        return new SourceLocation(file, 0, 0);
    }

    @Override
    public int compareTo(SourceLocation o) {
        int c = file.compareTo(o.file);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(line, o.line);
        return c != 0 ? c : Integer.compare(column, o.column);
    }

    /** {@code file:line:col}, the form compilers use, so that editors and CI logs link to it. */
    @Override
    public String toString() {
        return line == 0 ? file : file + ":" + line + ":" + column;
    }
}
