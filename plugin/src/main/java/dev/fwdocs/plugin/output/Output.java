package dev.fwdocs.plugin.output;

import dev.fwdocs.catalog.Diagnostic;
import dev.fwdocs.plugin.render.GeneratedFile;
import java.io.IOException;
import java.util.List;

/**
 * One kind of generated output (firewall scripts, the Markdown pages of one flavor, the data export, ...): a pure
 * function from the shared {@link OutputContext} to files. Listed in {@link Outputs}; only the writer touches disk.
 */
public interface Output {

    /** The id a user selects it by: {@code scripts}, {@code markdown-hugo}, {@code data}. */
    String id();

    /** One line for the help and the run summary. */
    String description();

    /**
     * Whether a run writes this output when the configuration names no outputs. The Markdown outputs say no: the
     * {@code flavors} parameter selects them.
     */
    default boolean byDefault() {
        return true;
    }

    /**
     * What this output cannot do with this context (configuration or catalog), one diagnostic each; checked for
     * every selected output before any renders, and reported all at once.
     */
    default List<Diagnostic> unsupported(OutputContext context) {
        return List.of();
    }

    /**
     * The folder, under the output folder, that holds every file of this output and that a run may write into a
     * folder of the user's instead (a site's own folder, for the pages of one flavor); null when the output cannot
     * be moved.
     */
    default String movableFolder(Layout layout) {
        return null;
    }

    /**
     * The settings of this output, beyond the request's, that change its bytes (the bundles' entry time), for the
     * up-to-date fingerprint: a run whose settings differ renders again.
     */
    default String settings() {
        return "";
    }

    /** The files, with paths from {@link OutputContext#layout()}. */
    List<GeneratedFile> render(OutputContext context);

    /**
     * The same files as {@link #render(OutputContext)}, handed to {@code sink} part by part, in the same order,
     * whatever the number of threads (an output with many files overrides this to hand them over product by product,
     * so that memory does not grow with their number).
     */
    default void render(OutputContext context, FileSink sink) throws IOException {
        sink.accept(render(context));
    }

    /** How an output reads the model's plans: not at all, in a pass of its own, or through the shared page model. */
    enum PlanUse { NONE, OWN_PASS, PAGE_MODEL }

    /**
     * How this output reads the plans: a run makes each version's plans once and drops them after the last pass that
     * reads them (one per output that reads them itself, plus one for the page model all page outputs share).
     */
    default PlanUse planUse() {
        return PlanUse.NONE;
    }

    /**
     * Whether this output reads the plans of the flow sets ({@link dev.fwdocs.plugin.model.FlowSet}); they are made
     * only for a run that selects such an output.
     */
    default boolean needsFlowSets() {
        return false;
    }
}
