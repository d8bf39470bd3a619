package dev.fwdocs.plugin.output;

import dev.fwdocs.plugin.bundle.ArchiveTime;
import dev.fwdocs.plugin.bundle.BundleOutput;
import dev.fwdocs.plugin.data.DataOutput;
import dev.fwdocs.plugin.pages.html.HtmlOutput;
import dev.fwdocs.plugin.pages.markdown.MarkdownOutput;
import dev.fwdocs.plugin.rules.ScriptsOutput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The explicit list of outputs fwdocs can generate, in the order they run, with selection by id. */
public final class Outputs {

    private final List<Output> outputs;

    /** A registry of exactly these outputs; ids must be unique. */
    public Outputs(List<Output> outputs) {
        Map<String, Output> byId = new LinkedHashMap<>();
        for (Output o : outputs) {
            if (byId.putIfAbsent(o.id(), o) != null) {
                throw new IllegalArgumentException("two outputs with id " + o.id());
            }
        }
        this.outputs = List.copyOf(outputs);
    }

    /** Every output fwdocs ships; bundle entries dated from {@code SOURCE_DATE_EPOCH} or a fixed time. */
    public static Outputs standard() {
        return standard(ArchiveTime.fromEnvironment());
    }

    /** Every output fwdocs ships, bundle entries dated {@code bundleTime} ({@link ArchiveTime}). */
    public static Outputs standard(Instant bundleTime) {
        return standard(bundleTime, null);
    }

    /**
     * Every output fwdocs ships, bundle entries dated {@code bundleTime}, the Markdown pages linking the bundles
     * under {@code downloadBaseUrl} (null: named with their SHA-256, not linked).
     */
    public static Outputs standard(Instant bundleTime, String downloadBaseUrl) {
        List<Output> list = new ArrayList<>();
        list.add(new ScriptsOutput());
        list.add(new DataOutput());
        // Before the pages, which link the bundles with their checksums.
        list.add(new BundleOutput(bundleTime));
        list.addAll(MarkdownOutput.all(downloadBaseUrl));
        // Last: the site links the files of the outputs before it (and shows their checksums).
        list.add(new HtmlOutput());
        return new Outputs(list);
    }

    public List<Output> all() {
        return outputs;
    }

    public List<String> ids() {
        return outputs.stream().map(Output::id).toList();
    }

    /**
     * The outputs with these ids, in registry order. Throws {@link IllegalArgumentException} naming every unknown id
     * and the known ones.
     */
    public List<Output> select(List<String> ids) {
        List<String> unknown = ids.stream().filter(id -> !ids().contains(id)).distinct().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown output" + (unknown.size() == 1 ? " " : "s ")
                    + String.join(", ", unknown) + "; known: " + String.join(", ", ids()));
        }
        return outputs.stream().filter(o -> ids.contains(o.id())).toList();
    }

    /** How many of these outputs print the plans' files in a pass of their own (the scripts, the bundles). */
    public static int filePasses(List<Output> outputs) {
        return (int) outputs.stream().filter(o -> o.planUse() == Output.PlanUse.OWN_PASS).count();
    }

    /**
     * How many passes over the model's plans a run of these outputs makes: one per output that reads them itself,
     * and one for the page model that every page output shares ({@link Output#planUse}).
     */
    public static int planPasses(List<Output> outputs) {
        return filePasses(outputs) + (outputs.stream().anyMatch(o -> o.planUse() == Output.PlanUse.PAGE_MODEL) ? 1 : 0);
    }
}
