package dev.fwdocs.plugin.rules;

import dev.fwdocs.catalog.Diagnostic;
import dev.fwdocs.catalog.resolve.ResolvedVersion;
import dev.fwdocs.catalog.resolve.RoleView;
import dev.fwdocs.plugin.model.Model;
import dev.fwdocs.plugin.model.VersionModel;
import dev.fwdocs.plugin.render.GeneratedFile;
import java.util.ArrayList;
import java.util.List;

/** Test access to one backend's plan of one resolved role, made the way a run makes it (from the version's facts). */
public final class Plans {

    private Plans() {
    }

    /** The plan of one role of a resolved version. */
    public static RolePlan plan(RuleBackend backend, ResolvedVersion version, RoleView role) {
        VersionModel v = VersionModel.of(version, null);
        return backend.plan(v, v.role(role.role().id()).orElseThrow());
    }

    /** The files of one role, relative to its folder. */
    public static List<GeneratedFile> files(RuleBackend backend, ResolvedVersion version, RoleView role) {
        return plan(backend, version, role).files();
    }

    /** The page commands of one role. */
    public static String commands(RuleBackend backend, ResolvedVersion version, RoleView role) {
        return plan(backend, version, role).page().commands();
    }

    /** What the registry reports for this backend and version: protocol capabilities and the backend's own checks. */
    public static List<Diagnostic> unsupported(RuleBackend backend, ResolvedVersion version) {
        List<ResolvedVersion> all = new ArrayList<>(List.of(version));
        return unsupported(List.of(backend), all);
    }

    /** What the registry reports for these backends and versions. */
    public static List<Diagnostic> unsupported(List<RuleBackend> backends, List<ResolvedVersion> versions) {
        List<Diagnostic> out = new ArrayList<>();
        for (ResolvedVersion v : versions) {
            Model one = new Model(new dev.fwdocs.catalog.Catalog(List.of(v.catalog()), List.of()), List.of(),
                    List.of(new dev.fwdocs.plugin.model.ProductModel(v.catalog(), List.of(VersionModel.of(v, null)))));
            out.addAll(BackendRegistry.unsupported(backends, one));
        }
        return out.stream().distinct().sorted().toList();
    }
}
