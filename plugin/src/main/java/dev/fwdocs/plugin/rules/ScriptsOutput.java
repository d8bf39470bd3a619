package dev.fwdocs.plugin.rules;

import dev.fwdocs.plugin.model.RoleModel;
import dev.fwdocs.plugin.model.VersionModel;
import dev.fwdocs.plugin.output.FileSink;
import dev.fwdocs.plugin.output.Output;
import dev.fwdocs.plugin.output.OutputContext;
import dev.fwdocs.plugin.output.Parts;
import dev.fwdocs.plugin.render.GeneratedFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The firewall scripts (and firewalld XML) of every role of every version, printed from the model's plans. */
public final class ScriptsOutput implements Output {

    @Override
    public String id() {
        return "scripts";
    }

    @Override
    public PlanUse planUse() {
        return PlanUse.OWN_PASS;
    }

    @Override
    public String description() {
        return "firewall scripts per product, version, role and backend";
    }

    @Override
    public List<GeneratedFile> render(OutputContext context) {
        // One version each in parallel; the files keep the order of a sequential run.
        return context.model().versions().parallelStream().flatMap(v -> files(context, v).stream()).toList();
    }

    /** As {@link #render(OutputContext)}, version by version (every script of a large catalog would not fit). */
    @Override
    public void render(OutputContext context, FileSink sink) throws IOException {
        Parts.render(context.model().versions(), v -> files(context, v), sink);
    }

    private static List<GeneratedFile> files(OutputContext context, VersionModel v) {
        List<GeneratedFile> files = new ArrayList<>();
        for (RoleModel role : v.roles()) {
            String dir = context.layout().roleDir(v.productId(), v.version(), role.id());
            for (RuleBackend backend : context.model().backends()) {
                v.plan(role.id(), backend.id()).files().forEach(f -> files.add(f.under(dir)));
            }
        }
        v.plansRead();
        return files;
    }
}
