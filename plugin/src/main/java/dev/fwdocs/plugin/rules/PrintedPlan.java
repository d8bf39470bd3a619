package dev.fwdocs.plugin.rules;

import dev.fwdocs.plugin.render.GeneratedFile;
import java.util.List;

/** A plan whose files and page commands were printed when it was made. */
public record PrintedPlan(List<GeneratedFile> files, PageCommands page) implements RolePlan {

    public PrintedPlan {
        files = List.copyOf(files);
        java.util.Objects.requireNonNull(page, "page");
    }
}
