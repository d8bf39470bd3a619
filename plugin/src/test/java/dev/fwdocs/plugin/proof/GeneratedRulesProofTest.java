package dev.fwdocs.plugin.proof;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.fwdocs.catalog.Catalog;
import dev.fwdocs.catalog.Diagnostic;
import dev.fwdocs.catalog.ProductCatalog;
import dev.fwdocs.catalog.read.CatalogReader;
import dev.fwdocs.catalog.resolve.ResolvedVersion;
import dev.fwdocs.catalog.resolve.Resolver;
import dev.fwdocs.catalog.resolve.RoleView;
import dev.fwdocs.plugin.output.Layout;
import dev.fwdocs.plugin.pages.markdown.Flavor;
import dev.fwdocs.plugin.pages.markdown.MarkdownPages;
import dev.fwdocs.plugin.pages.markdown.PageRequest;
import dev.fwdocs.plugin.render.GeneratedFile;
import dev.fwdocs.plugin.rules.BackendRegistry;
import dev.fwdocs.plugin.rules.Plans;
import dev.fwdocs.plugin.rules.RuleBackend;
import dev.fwdocs.plugin.testing.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The behaviour proof of the generated scripts and pages: for every seed catalog (site-example/src/fwdocs/catalog)
 * and the harness's own feature catalog, the latest version, every role with rules and every firewall variant
 * (iptables-nft, iptables-legacy, nftables, ufw, firewalld; firewalld with the interface in no zone on the feature
 * catalog, see {@link #provenOn}), the role's real generated script is applied in a
 * server namespace with an inbound and outbound drop baseline and probed from a client namespace (inbound flows) and
 * from the server to a listener in the client namespace (outbound flows); then, for a role with inbound rules, its
 * command block, copied out of the version's generated Markdown page, is run on the same baseline and probed the same
 * way (one test each, "... on VARIANT" and "... on VARIANT: page commands"); see {@link ProofSession}.
 */
@Tag("firewall")
@Execution(ExecutionMode.CONCURRENT)
class GeneratedRulesProofTest {

    /** The seed catalogs; {@code -Dfwdocs.proof.catalogs=DIR} points elsewhere. */
    static Path seedCatalogs() {
        String dir = System.getProperty("fwdocs.proof.catalogs");
        if (dir != null) {
            return Path.of(dir);
        }
        // surefire runs in the plugin module; the doc repository is its sibling
        return Path.of("").toAbsolutePath().resolveSibling("site-example").resolve("src/fwdocs/catalog");
    }

    /**
     * One session to run: a role of the latest version of a catalog, on one variant, with the version's plain
     * Markdown page ({@code page}) or the reason there is none ({@code pageProblem}).
     */
    private record Case(String title, ResolvedVersion version, RoleView role, Variant variant, String page,
            String pageProblem) {
    }

    /** The plain Markdown overview of a product version, rendered by the real page path with every standard backend. */
    static String plainPage(ProductCatalog pc, String version) {
        String path = Layout.standard().productPages(Flavor.PLAIN, pc.product().id()) + "/" + version + "/"
                + Flavor.PLAIN.indexFile();
        return MarkdownPages.render(PageRequest.of(List.of(pc), Flavor.PLAIN, BackendRegistry.standard().all()))
                .stream().filter(f -> f.path().equals(path)).findFirst().map(GeneratedFile::text)
                .orElseThrow(() -> new IllegalStateException("the pages of " + pc.product().id() + " have no " + path));
    }

    static List<ProductCatalog> catalogs() throws Exception {
        List<ProductCatalog> out = new ArrayList<>();
        Path seeds = seedCatalogs();
        assertTrue(Files.isDirectory(seeds), "no seed catalogs at " + seeds);
        Catalog c = new CatalogReader(seeds).read(seeds);
        assertFalse(c.products().isEmpty(), "no seed catalogs at " + seeds);
        out.addAll(c.products());
        Path self = Prober.resource("selftest");
        out.addAll(new CatalogReader(self).read(Path.of("selftest.yaml")).products());
        return out;
    }

    /** The variants to prove: all, or those named in {@code -Dfwdocs.proof.variants=ufw,firewalld}. */
    static List<Variant> variants() {
        String only = System.getProperty("fwdocs.proof.variants", "").strip();
        if (only.isEmpty()) {
            return List.of(Variant.values());
        }
        List<String> names = List.of(only.split("\\s*,\\s*"));
        List<Variant> out = Stream.of(Variant.values()).filter(v -> names.contains(v.label())).toList();
        if (out.size() != names.size()) {
            throw new IllegalArgumentException("fwdocs.proof.variants=" + only + " names an unknown variant; known: "
                    + Stream.of(Variant.values()).map(Variant::label).toList());
        }
        return out;
    }

    /**
     * Whether the catalog's roles are proven on this variant. firewalld with the interface in no zone runs on the
     * feature catalog only: its script bytes are those of the bound variant, which every catalog runs; what the
     * unbound variant adds is that the rules the script puts in the default zone catch an interface in no zone, and the
     * feature catalog has one rule of each kind the script puts there (ports, ranges, TCP and UDP, ICMP, address and
     * role sources, a moved port, narrowed sources, outbound flows to roles and addresses). The seeds on it repeated
     * that, at about a minute a role.
     */
    static boolean provenOn(ProductCatalog pc, Variant v) {
        return v != Variant.FIREWALLD_UNBOUND || pc.product().id().equals(FEATURES);
    }

    /** The harness's own feature catalog ({@code proof/selftest/selftest.yaml}): one rule of each kind. */
    static final String FEATURES = "selftest";

    @TestFactory
    Stream<DynamicTest> generatedScriptsBehaveOnRealFirewalls() throws Exception {
        Environment.requireFirewallLab(ProofSession.TOOLS);
        List<Case> cases = new ArrayList<>();
        for (ProductCatalog pc : catalogs()) {
            ResolvedVersion latest = Resolver.resolve(pc, pc.product().latestVersion());
            String page = null;
            String pageProblem = null;
            try {
                page = plainPage(pc, latest.version());
            } catch (RuntimeException e) {
                pageProblem = "the Markdown pages of " + pc.product().id() + " cannot be rendered: " + e;
            }
            for (RoleView role : latest.roles()) {
                if (role.inbound().isEmpty() && role.outbound().isEmpty()) {
                    continue;
                }
                for (Variant v : variants()) {
                    if (!provenOn(pc, v)) {
                        continue;
                    }
                    cases.add(new Case(pc.product().id() + " " + latest.version() + " role " + role.role().id()
                            + " on " + v, latest, role, v, page, pageProblem));
                }
            }
        }
        // the slow variants (one python process per firewall-cmd / ufw call) start first, so they are not the tail
        List<Case> byCost = new ArrayList<>(cases);
        byCost.sort(java.util.Comparator.comparingInt(c -> -c.variant().cost()));
        cases = byCost;
        List<DynamicTest> tests = new ArrayList<>();
        List<Future<ProofSession.Report>> futures = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> pageProblems = new ArrayList<>();
        for (Case c : cases) {
            String problem = null;
            String pageProblem = c.pageProblem();
            ProofSession session = null;
            Optional<RuleBackend> backend = BackendRegistry.standard().find(c.variant().backendId());
            if (backend.isEmpty()) {
                problem = "backend '" + c.variant().backendId() + "' is not in BackendRegistry.standard()";
            } else {
                List<Diagnostic> unsupported = Plans.unsupported(backend.get(), c.version()).stream()
                        .filter(Diagnostic::isError).toList();
                if (!unsupported.isEmpty()) {
                    problem = "backend " + c.variant().backendId() + " reports it cannot express this catalog: "
                            + unsupported;
                } else {
                    String name = c.variant().backendId() + ".sh";
                    Optional<GeneratedFile> script = Plans.files(backend.get(), c.version(), c.role()).stream()
                            .filter(f -> f.path().equals(name)).findFirst();
                    if (script.isEmpty()) {
                        problem = "backend " + c.variant().backendId() + " rendered no " + name;
                    } else {
                        String block = null;
                        // a role without inbound rules has no command block on its page (it opens incoming ports only)
                        if (c.page() != null && !c.role().inbound().isEmpty()) {
                            try {
                                block = PageBlock.extract(c.page(), c.role().role().name(), backend.get(),
                                        BackendRegistry.defaultDistros(BackendRegistry.standard().all()));
                            } catch (IllegalArgumentException e) {
                                pageProblem = "the " + c.variant().backendId() + " commands of role "
                                        + c.role().role().id() + " are not on its page as a reader looks for them: "
                                        + e.getMessage();
                            }
                        }
                        // the narrowed-sources check once per variant: on the feature catalog, which has it all
                        boolean sources = c.version().catalog().product().id().equals(FEATURES);
                        session = new ProofSession(c.title(), c.variant(), c.role(), script.get().text(), sources,
                                block);
                    }
                }
            }
            futures.add(session == null ? null : Sessions.submit(session));
            problems.add(problem);
            pageProblems.add(problem != null ? problem : pageProblem);
        }
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            Future<ProofSession.Report> f = futures.get(i);
            String problem = problems.get(i);
            String pageProblem = pageProblems.get(i);
            tests.add(DynamicTest.dynamicTest(c.title(), () -> {
                if (problem != null) {
                    fail(problem);
                }
                ProofSession.Report r = f.get();
                System.out.println(r.describe());
                assertTrue(r.scriptFailures().isEmpty(), r::describe);
            }));
            if (c.role().inbound().isEmpty()) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(c.title() + ": page commands", () -> {
                if (pageProblem != null) {
                    fail(pageProblem);
                }
                ProofSession.Report r = f.get();
                assertTrue(r.pageProven(), r::describe);
            }));
        }
        return tests.stream();
    }
}
