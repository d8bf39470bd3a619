package dev.fwdocs.catalog;

import java.util.List;

/** Thrown when a catalog has errors; carries every problem found (errors and warnings), sorted by location. */
public final class CatalogException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<Diagnostic> diagnostics;

    public CatalogException(List<Diagnostic> diagnostics) {
        super(summary(diagnostics));
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    private static String summary(List<Diagnostic> diagnostics) {
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            sb.append(d).append('\n');
        }
        sb.append(errors).append(errors == 1 ? " error" : " errors").append(" in the catalog");
        return sb.toString();
    }
}
