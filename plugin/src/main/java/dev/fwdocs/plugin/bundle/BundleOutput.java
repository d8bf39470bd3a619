package dev.fwdocs.plugin.bundle;

import dev.fwdocs.plugin.data.DataOutput;
import dev.fwdocs.plugin.data.Flows;
import dev.fwdocs.plugin.data.VersionData;
import dev.fwdocs.plugin.model.ProductModel;
import dev.fwdocs.plugin.model.RoleModel;
import dev.fwdocs.plugin.model.FlowSet;
import dev.fwdocs.plugin.model.VersionModel;
import dev.fwdocs.plugin.output.FileSink;
import dev.fwdocs.plugin.output.Layout;
import dev.fwdocs.plugin.output.Output;
import dev.fwdocs.plugin.output.OutputContext;
import dev.fwdocs.plugin.output.Parts;
import dev.fwdocs.plugin.render.GeneratedFile;
import dev.fwdocs.plugin.rules.RuleBackend;
import dev.fwdocs.plugin.rules.ScriptResources;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The downloadable script bundles: per product and version a zip and a tar.gz ({@link Layout#bundleFiles}) of one
 * folder {@code <product>-<version>-firewall/} holding the role scripts as the scripts output writes them
 * ({@code roles/<role>/}), the flow-set scripts {@code apply.sh} runs ({@code sets/<set>/}, and {@code retired/<set>/}
 * for the sets of earlier versions it removes), the version's data,
 * {@code README.md}, {@code apply.sh}, {@code check.sh} and {@code SHA256SUMS} of every other file. Byte-identical
 * for the same catalog and entry time.
 */
public final class BundleOutput implements Output {

    /** The output id. */
    public static final String ID = "bundles";

    private final Instant entryTime;

    /** Bundles whose entries all carry {@code entryTime} ({@link ArchiveTime}). */
    public BundleOutput(Instant entryTime) {
        this.entryTime = Objects.requireNonNull(entryTime, "entryTime");
    }

    @Override
    public String settings() {
        return "entry-time " + entryTime;
    }

    @Override
    public PlanUse planUse() {
        return PlanUse.OWN_PASS;
    }

    @Override
    public String id() {
        return ID;
    }

    /** apply.sh applies flow sets. */
    @Override
    public boolean needsFlowSets() {
        return true;
    }

    @Override
    public String description() {
        return "a zip and a tar.gz per product and version: scripts, data, README, SHA256SUMS, apply.sh, check.sh";
    }

    @Override
    public List<GeneratedFile> render(OutputContext context) {
        List<GeneratedFile> out = new ArrayList<>();
        for (ProductModel product : context.model().products()) {
            for (VersionModel v : product.versions()) {
                out.addAll(archives(context, product, v));
            }
        }
        return out;
    }

    /**
     * As {@link #render(OutputContext)}, version by version, several versions at once (each is a few megabytes of
     * scripts to compress, the bulk of a small site's run); handed over in catalog order.
     */
    @Override
    public void render(OutputContext context, FileSink sink) throws IOException {
        List<VersionModel> versions = context.model().versions();
        Map<VersionModel, ProductModel> products = new IdentityHashMap<>();
        context.model().products().forEach(p -> p.versions().forEach(v -> products.put(v, p)));
        Parts.render(versions, v -> archives(context, products.get(v), v), sink);
    }

    /** The zip and the tar.gz of one version. */
    private List<GeneratedFile> archives(OutputContext context, ProductModel product, VersionModel v) {
        List<GeneratedFile> members = members(context, product, v);
        List<String> paths = context.layout().bundleFiles(product.id(), v.version());
        Archives.Pair archives = Archives.both(members, entryTime, ScriptResources.read());
        return List.of(new GeneratedFile(paths.get(0), archives.zip(), false),
                new GeneratedFile(paths.get(1), archives.tarGz(), false));
    }

    /** The name of a version's bundle folder and archives: {@code <product>-<version>-firewall}. */
    public static String baseName(String product, String version) {
        return product + "-" + version + "-firewall";
    }

    /** Every file of one version's bundle, under its folder, in archive order, SHA256SUMS included. */
    public static List<GeneratedFile> members(OutputContext context, ProductModel product, VersionModel v) {
        List<RuleBackend> backends = context.model().backends();
        List<String> backendIds = backends.stream().map(RuleBackend::id).toList();
        List<FlowSet> sets = FlowSet.of(v);
        List<FlowSet> retired = FlowSet.retired(product, v);
        List<GeneratedFile> files = new ArrayList<>();
        for (RoleModel role : v.roles()) {
            for (RuleBackend b : backends) {
                v.plan(role.id(), b.id()).files().forEach(f -> files.add(f.under("roles/" + role.id())));
            }
        }
        for (FlowSet s : sets) {
            for (RuleBackend b : backends) {
                v.plan(s.id(), b.id()).files().forEach(f -> files.add(f.under("sets/" + s.id())));
            }
        }
        for (FlowSet s : retired) {
            for (RuleBackend b : backends) {
                v.plan(s.id(), b.id()).files().stream().filter(f -> f.path().endsWith(".sh"))
                        .forEach(f -> files.add(f.under("retired/" + s.id())));
            }
        }
        files.add(GeneratedFile.text("data/" + DataOutput.SCHEMA, DataOutput.SCHEMA_TEXT));
        files.add(GeneratedFile.text("data/" + DataOutput.JSON,
                VersionData.json(VersionData.of(product, v, DataOutput.SCHEMA))));
        files.add(GeneratedFile.text("data/" + DataOutput.CSV, Flows.csv(Flows.of(v))));
        v.plansRead();
        files.add(GeneratedFile.script("apply.sh", BundleScripts.apply(v, sets, retired, backendIds)));
        files.add(GeneratedFile.script("check.sh", BundleScripts.check(v)));
        files.add(GeneratedFile.text("README.md", BundleReadme.text(v, sets, retired, backendIds)));
        files.sort(Comparator.comparing(GeneratedFile::path));
        files.add(GeneratedFile.text("SHA256SUMS", sums(files)));
        String base = baseName(product.id(), v.version());
        return files.stream().map(f -> f.under(base)).toList();
    }

    /** {@code sha256sum} lines ("hash, two spaces, path"), sorted by path. */
    static String sums(List<GeneratedFile> files) {
        StringBuilder b = new StringBuilder();
        files.stream().sorted(Comparator.comparing(GeneratedFile::path))
                .forEach(f -> b.append(f.sha256()).append("  ").append(f.path()).append('\n'));
        return b.toString();
    }
}
