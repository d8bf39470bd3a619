package dev.fwdocs.plugin.mojo;

import dev.fwdocs.catalog.CatalogException;
import dev.fwdocs.catalog.Diagnostic;
import dev.fwdocs.plugin.generate.GenerateRequest;
import dev.fwdocs.plugin.generate.Generator;
import dev.fwdocs.plugin.generate.OutputConflictException;
import dev.fwdocs.plugin.generate.OutputLocation;
import dev.fwdocs.plugin.pages.Distro;
import dev.fwdocs.plugin.pages.FrontMatterSettings;
import dev.fwdocs.plugin.output.Output;
import dev.fwdocs.plugin.output.Outputs;
import dev.fwdocs.plugin.pages.markdown.Flavor;
import dev.fwdocs.plugin.pages.markdown.MarkdownOutput;
import dev.fwdocs.plugin.rules.BackendRegistry;
import dev.fwdocs.plugin.rules.RuleBackend;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The goals that render (generate, check, serve): every parameter of what to render and where, turned into one
 * {@link GenerateRequest} by one method, and every failure of a run mapped to a Maven exception in one place.
 */
public abstract class AbstractRenderMojo extends AbstractFwdocsMojo {

    /**
     * Where everything is written, one folder per kind of output (README.md, "What gets generated"). A folder of its
     * own: not the project folder (or one above it), not holding or inside the catalog or the templates, and inside
     * the project unless {@code allowOutsideProject} is set.
     */
    @Parameter(property = "fwdocs.outputDirectory", defaultValue = "${project.build.directory}/fwdocs")
    protected File outputDirectory;

    /**
     * The entry time of the bundles' archive entries (ISO-8601 or seconds since 1970); unset: SOURCE_DATE_EPOCH,
     * else a fixed time. Never the clock, so that two builds of the same catalog give the same bytes.
     */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    private String outputTimestamp;

    /**
     * Where the output's {@code bundles} folder is published (an http(s) URL, or a path starting with {@code /},
     * {@code ./} or {@code ../}); the Markdown pages then link each bundle as
     * {@code <downloadBaseUrl>/<product>/<product>-<version>-firewall.zip}. Unset: the pages name the bundles with
     * their SHA-256 and Maven classifier without a link (the HTML site always links them).
     */
    @Parameter(property = "fwdocs.downloadBaseUrl")
    private String downloadBaseUrl;

    /** Allow an {@code outputDirectory} outside the project folder. */
    @Parameter(property = "fwdocs.allowOutsideProject", defaultValue = "false")
    private boolean allowOutsideProject;

    /** Firewall backends to write scripts for and show on pages: iptables, nftables, ufw, firewalld. Empty = all. */
    @Parameter(property = "fwdocs.backends")
    private List<String> backends = new ArrayList<>();

    /** Write the firewall scripts (output {@code scripts}). */
    @Parameter(property = "fwdocs.scripts", defaultValue = "true")
    private boolean scripts;

    /**
     * The outputs to write, by id: {@code scripts}, {@code data}, {@code bundles} (a zip and a tar.gz per product
     * and version), {@code markdown-<flavor>}, {@code html} (the standalone site). Empty: every default output
     * ({@code scripts} unless {@code scripts} is false, {@code data}, {@code bundles}, {@code html}) and the Markdown
     * of each of {@code flavors}.
     */
    @Parameter(property = "fwdocs.outputs")
    private List<String> outputs = new ArrayList<>();

    /** Markdown flavors to write: plain, hugo, jekyll, mkdocs, docusaurus. */
    @Parameter(property = "fwdocs.flavors", defaultValue = "plain")
    private List<String> flavors = new ArrayList<>();

    /**
     * Distro tabs on the pages, each with the backends whose commands it shows. Default: Ubuntu / Debian (ufw),
     * RHEL family and Fedora (firewalld), SUSE (firewalld), any Linux (nftables, iptables).
     */
    @Parameter
    private List<DistroConfig> distros = new ArrayList<>();

    /** Front matter of the pages: title patterns, weight, layout, slug, format (yaml or toml) and extra keys. */
    @Parameter
    private FrontMatterConfig frontMatter;

    /**
     * Show distros whose commands are the same on a page (RHEL and SUSE, both firewalld) as one tab labelled with
     * both names.
     */
    @Parameter(property = "fwdocs.mergeIdenticalTabs", defaultValue = "true")
    private boolean mergeIdenticalTabs;

    /**
     * Write the plain pages into this folder (the docs folder of a repository, say) instead of
     * {@code outputDirectory}/pages/plain. fwdocs keeps a manifest there too: it never overwrites or deletes a file
     * it did not write, and removes the pages it no longer generates.
     */
    @Parameter(property = "fwdocs.plainDirectory")
    private File plainDirectory;

    /**
     * Write the hugo pages into this Hugo site folder ({@code content/<product>/} and
     * {@code layouts/shortcodes/} land in it) instead of {@code outputDirectory}/pages/hugo, with a manifest of its
     * own as for {@code plainDirectory}.
     */
    @Parameter(property = "fwdocs.hugoDirectory")
    private File hugoDirectory;

    /** Write the jekyll pages into this folder of the Jekyll site, as for {@code plainDirectory}. */
    @Parameter(property = "fwdocs.jekyllDirectory")
    private File jekyllDirectory;

    /**
     * Write the mkdocs pages, with their {@code SUMMARY.md}, into this folder under the MkDocs {@code docs_dir}
     * ({@code docs/firewall}, say), as for {@code plainDirectory}.
     */
    @Parameter(property = "fwdocs.mkdocsDirectory")
    private File mkdocsDirectory;

    /** Write the docusaurus pages into this folder under the Docusaurus {@code docs/}, as for {@code plainDirectory}. */
    @Parameter(property = "fwdocs.docusaurusDirectory")
    private File docusaurusDirectory;

    /** Folder of template overrides: a file here replaces the shipped template of the same name. */
    @Parameter(property = "fwdocs.templateDirectory", defaultValue = "${project.basedir}/src/fwdocs/templates")
    protected File templateDirectory;

    /** The execution, whose id names the up-to-date state of {@code generate}. */
    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    protected org.apache.maven.plugin.MojoExecution mojoExecution;

    /** One run of the generator, whatever it does. */
    @FunctionalInterface
    protected interface Run<T> {
        T run() throws CatalogException, IOException, OutputConflictException;
    }

    /**
     * Runs {@code run} and maps its failures: a bad catalog or a file in the way is the user's to fix (BUILD
     * FAILURE, located messages), an I/O error is not (BUILD ERROR, cause kept).
     */
    protected <T> T call(Run<T> run) throws MojoExecutionException, MojoFailureException {
        try {
            return run.run();
        } catch (CatalogException e) {
            throw Catalogs.failure(e);
        } catch (OutputConflictException e) {
            throw new MojoFailureException(e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("fwdocs: " + e.getMessage(), e);
        }
    }

    /** Logs the warnings of a run: host names grouped, each other warning once. */
    protected void warn(List<Diagnostic> warnings) {
        for (Diagnostic w : warnings) {
            getLog().warn(w.toString());
        }
    }

    /** A folder for the log: relative to the project folder when inside it. */
    protected String display(Path folder) {
        Path base = baseDir.toPath().toAbsolutePath().normalize();
        Path p = base.resolve(folder).toAbsolutePath().normalize();
        String s = (p.startsWith(base) ? base.relativize(p) : p).toString().replace('\\', '/');
        return s.isEmpty() ? "." : s;
    }

    /** Turns the parameters into one request; every configuration mistake is reported at once. */
    protected GenerateRequest request() throws MojoFailureException {
        List<String> problems = new ArrayList<>();
        BackendRegistry registry = BackendRegistry.standard();
        List<RuleBackend> selected = registry.all();
        try {
            selected = registry.select(split(backends));
        } catch (IllegalArgumentException e) {
            problems.add("<backends>: " + e.getMessage());
        }
        List<Flavor> flavorList = new ArrayList<>();
        for (String f : split(flavors)) {
            Flavor flavor = Flavor.fromId(f.toLowerCase(Locale.ROOT)).orElse(null);
            if (flavor == null) {
                problems.add("<flavors>: unknown flavor '" + f + "'; known: "
                        + String.join(", ", Arrays.stream(Flavor.values()).map(Flavor::id).toList()));
            } else if (!flavorList.contains(flavor)) {
                flavorList.add(flavor);
            }
        }
        List<String> selectedIds = selected.stream().map(RuleBackend::id).toList();
        List<Distro> distroList = new ArrayList<>();
        if (distros.isEmpty()) {
            // The default tabs show what the selected backends can: a tab whose backends are all deselected goes.
            distroList.addAll(BackendRegistry.defaultDistros(selected));
        } else {
            for (DistroConfig d : distros) {
                try {
                    for (String b : d.backends) {
                        if (!selectedIds.contains(b)) {
                            throw new IllegalArgumentException("distro " + d.id + " names backend '" + b + "', which "
                                    + "is not among the selected backends " + selectedIds);
                        }
                    }
                    distroList.add(new Distro(d.id, d.label, d.backends));
                } catch (IllegalArgumentException | NullPointerException e) {
                    problems.add("<distros>: " + (e.getMessage() == null ? "each distro needs an id, a label and "
                            + "backends" : e.getMessage()));
                }
            }
        }
        FrontMatterSettings fm = FrontMatterSettings.defaults();
        if (frontMatter != null) {
            try {
                FrontMatterSettings.Format format = frontMatter.format == null ? null
                        : FrontMatterSettings.Format.valueOf(frontMatter.format.toUpperCase(Locale.ROOT));
                fm = new FrontMatterSettings(frontMatter.title, frontMatter.changelogTitle, frontMatter.indexTitle,
                        frontMatter.weight, frontMatter.layout, frontMatter.slug, frontMatter.extra, format);
            } catch (IllegalArgumentException | NullPointerException e) {
                problems.add("<frontMatter>: " + (frontMatter.format != null && e.getMessage() != null
                        && e.getMessage().startsWith("No enum") ? "format must be yaml or toml, not '"
                        + frontMatter.format + "'" : e.getMessage()));
            }
        }
        java.time.Instant bundleTime = dev.fwdocs.plugin.bundle.ArchiveTime.DEFAULT;
        try {
            bundleTime = dev.fwdocs.plugin.bundle.ArchiveTime.of(outputTimestamp, System.getenv("SOURCE_DATE_EPOCH"));
        } catch (IllegalArgumentException e) {
            problems.add("<outputTimestamp>: " + e.getMessage());
        }
        Outputs registryOfOutputs = Outputs.standard(bundleTime);
        try {
            registryOfOutputs = Outputs.standard(bundleTime, downloadBaseUrl == null || downloadBaseUrl.isBlank()
                    ? null : downloadBaseUrl.trim());
        } catch (IllegalArgumentException e) {
            problems.add("<downloadBaseUrl>: " + e.getMessage());
        }
        List<Output> outputList = new ArrayList<>();
        try {
            List<String> ids = new ArrayList<>(split(outputs));
            if (ids.isEmpty()) {
                for (Output o : registryOfOutputs.all()) {
                    if (o.byDefault() && (scripts || !o.id().equals("scripts"))) {
                        ids.add(o.id());
                    }
                }
                flavorList.forEach(f -> ids.add(MarkdownOutput.id(f)));
            }
            outputList = registryOfOutputs.select(ids);
        } catch (IllegalArgumentException e) {
            problems.add("<outputs>: " + e.getMessage());
        }
        Path base = baseDir.toPath();
        Path templates = templateDirectory == null ? null : base.resolve(templateDirectory.toPath());
        Path output = base.resolve(outputDirectory.toPath());
        problems.addAll(OutputLocation.problems(base, output, catalogPath(), templates,
                allowOutsideProject));
        Map<String, Path> moved = movedOutputs(base, output, templates, outputList, problems);
        if (!problems.isEmpty()) {
            throw new MojoFailureException("fwdocs: the plugin configuration has problems:\n  "
                    + String.join("\n  ", problems));
        }
        return new GenerateRequest(base, catalogPath(), output, selected, outputList, distroList, fm,
                templates != null && Files.isDirectory(templates) ? templates : null, moved, mergeIdenticalTabs);
    }

    /**
     * The flavors written into folders of their own ({@code <mkdocsDirectory>}, ...), by output id. Each folder is
     * checked as the output folder is, and may not overlap it or another one: two manifests would claim the same
     * files.
     */
    private Map<String, Path> movedOutputs(Path base, Path output, Path templates, List<Output> selected,
            List<String> problems) {
        Map<Flavor, File> dirs = new EnumMap<>(Flavor.class);
        dirs.put(Flavor.PLAIN, plainDirectory);
        dirs.put(Flavor.HUGO, hugoDirectory);
        dirs.put(Flavor.JEKYLL, jekyllDirectory);
        dirs.put(Flavor.MKDOCS, mkdocsDirectory);
        dirs.put(Flavor.DOCUSAURUS, docusaurusDirectory);
        Map<String, Path> moved = new LinkedHashMap<>();
        Map<String, Path> taken = new LinkedHashMap<>();
        taken.put("outputDirectory", output.toAbsolutePath().normalize());
        for (Map.Entry<Flavor, File> e : dirs.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            String parameter = e.getKey().id() + "Directory";
            String id = MarkdownOutput.id(e.getKey());
            Path dir = base.resolve(e.getValue().toPath());
            if (selected.stream().noneMatch(o -> o.id().equals(id))) {
                problems.add("<" + parameter + "> " + e.getValue() + " is set, but the " + e.getKey().id()
                        + " pages are not generated: add " + e.getKey().id() + " to <flavors>, or remove it");
                continue;
            }
            problems.addAll(OutputLocation.problems(parameter, "; use a folder that only holds your site's pages, "
                    + "such as docs/firewall", base, dir, catalogPath(), templates,
                    allowOutsideProject));
            Path norm = dir.toAbsolutePath().normalize();
            taken.forEach((other, p) -> {
                if (norm.startsWith(p) || p.startsWith(norm)) {
                    problems.add("<" + parameter + "> " + e.getValue() + " overlaps <" + other + "> " + p
                            + ": each folder has a manifest of its own, and two would claim the same files");
                }
            });
            taken.put(parameter, norm);
            moved.put(id, dir);
        }
        return moved;
    }

    /** Accepts both {@code <flavor>} lists and comma-separated property values. */
    private static List<String> split(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }
}
