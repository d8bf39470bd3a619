package dev.fwdocs.catalog;

import java.util.Objects;

/** One problem found in a catalog: how bad, where, and one sentence saying what is wrong and how to fix it. */
public record Diagnostic(Severity severity, SourceLocation location, String message) implements Comparable<Diagnostic> {

    /** Errors stop generation; warnings are reported and generation goes on. */
    public enum Severity { ERROR, WARNING }

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    public static Diagnostic error(SourceLocation at, String message) {
        return new Diagnostic(Severity.ERROR, at, message);
    }

    public static Diagnostic warning(SourceLocation at, String message) {
        return new Diagnostic(Severity.WARNING, at, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public int compareTo(Diagnostic o) {
        int c = location.compareTo(o.location);
        return c != 0 ? c : message.compareTo(o.message);
    }

    /** {@code file:line:col: message}, with {@code warning: } in front of the message for warnings. */
    @Override
    public String toString() {
        return location + ": " + (severity == Severity.WARNING ? "warning: " : "") + message;
    }
}
