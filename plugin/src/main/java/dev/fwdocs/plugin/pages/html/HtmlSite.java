package dev.fwdocs.plugin.pages.html;

import dev.fwdocs.catalog.PortRange;
import dev.fwdocs.catalog.Protocol;
import dev.fwdocs.catalog.resolve.ResolvedRule;
import dev.fwdocs.plugin.model.ProductModel;
import dev.fwdocs.plugin.model.RoleModel;
import dev.fwdocs.plugin.model.VersionModel;
import dev.fwdocs.plugin.output.FileSink;
import dev.fwdocs.plugin.output.Layout;
import dev.fwdocs.plugin.output.OutputContext;
import dev.fwdocs.plugin.output.Parts;
import dev.fwdocs.plugin.pages.FrontMatterSettings;
import dev.fwdocs.plugin.pages.PageModel.ProductPage;
import dev.fwdocs.plugin.pages.PageModel.VersionPage;
import dev.fwdocs.plugin.pages.Templates;
import dev.fwdocs.plugin.render.GeneratedFile;
import dev.fwdocs.plugin.rules.RuleBackend;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.writer.SpecializedWriter;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.Writer;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Renders the standalone HTML site from the shared page model: an index of products, per product an index of
 * versions, per version an overview and a changelog, and a {@code latest} folder holding the newest version's pages
 * byte for byte (every version folder is at the same depth, so relative links hold in the copy). Pages are Pebble
 * templates compiled once per run; catalog text is escaped where it lands, catalog Markdown goes through
 * {@link CatalogMarkdown}. Pure: same context, same bytes.
 */
public final class HtmlSite {

    /** The shipped templates and assets, below {@link Templates#ROOT}; an override folder mirrors these names. */
    public static final String TEMPLATES = "html/";

    /** The two assets every page loads: one style sheet and one script (no inline script: the CSP forbids it). */
    public static final List<String> ASSETS = List.of("fwdocs.css", "fwdocs.js");

    /** The page names of every version folder. */
    public static final String OVERVIEW = "index";
    public static final String CHANGELOG = "changelog";

    private static final String SITE_TITLE = "Firewall ports";
    /** Pebble's own HTML strategy escapes the same five characters through a library with large tables to build. */
    private static final String ESCAPING = "fwdocs-html";

    private final OutputContext context;
    private final Layout layout;
    private final PebbleEngine engine;
    private final CatalogMarkdown markdown = new CatalogMarkdown();

    private HtmlSite(OutputContext context) {
        this.context = context;
        this.layout = context.layout();
        this.engine = new PebbleEngine.Builder()
                .loader(Templates.loader(context.templateOverrides()))
                .extension(new HtmlExtension(markdown))
                .autoEscaping(true)
                .addEscapingStrategy(ESCAPING, HtmlSite::escape)
                .defaultEscapingStrategy(ESCAPING)
                .strictVariables(true)
                .newLineTrimming(true)
                .cacheActive(true)
                .build();
    }

    /** Every file of the site, with paths from the context's layout. */
    public static List<GeneratedFile> render(OutputContext context) {
        List<GeneratedFile> out = new ArrayList<>();
        try {
            new HtmlSite(Objects.requireNonNull(context, "context")).site(out::addAll);
        } catch (IOException e) {
            throw new UncheckedIOException("a list does not fail", e);
        }
        return List.copyOf(out);
    }

    /** The same files as {@link #render(OutputContext)}, in the same order, handed to {@code sink} product by product. */
    public static void render(OutputContext context, FileSink sink) throws IOException {
        new HtmlSite(Objects.requireNonNull(context, "context")).site(sink);
    }

    /**
     * A link from one page to another output file, both given as paths inside the output folder, written as
     * {@link Layout#href} writes paths.
     */
    static String relative(String fromFile, String toFile) {
        // Segment by segment without splitting: every page asks for a dozen links.
        int common = 0; // the length of the shared folders, up to and with their last '/'
        for (int i = 0; i < fromFile.length() && i < toFile.length(); i++) {
            char c = fromFile.charAt(i);
            if (c != toFile.charAt(i)) {
                break;
            }
            if (c == '/') {
                common = i + 1;
            }
        }
        StringBuilder sb = new StringBuilder(toFile.length() - common + 16);
        for (int i = common; i < fromFile.length(); i++) {
            if (fromFile.charAt(i) == '/') {
                sb.append("../");
            }
        }
        return Layout.href(sb.append(toFile, common, toFile.length()).toString());
    }

    // ---- the views the templates read ----

    /** What the frame of every page shows: title, assets, the way back up, and on version pages the switcher. */
    public record Chrome(String title, String css, String js, String home, String productName, String productHref,
            List<VersionLink> versions, String version, String latestVersion, String latestHref, String generated) {
        public Chrome {
            versions = List.copyOf(versions);
        }

        /** Whether this page is of an older version (then a banner links the same page in the latest version). */
        public boolean old() {
            return latestHref != null;
        }
    }

    /** One entry of the version switcher: the same page in that version. */
    public record VersionLink(String version, String href, boolean current, boolean latest) {
    }

    /** A file to download: what it is, its file name, the link, and its SHA-256 when the page shows it. */
    public record Download(String kind, String label, String href, String sha256) {
    }

    /** What the port table's filter and role picker read from a row: role ids, ports and protocol ids, no text. */
    public record RuleMeta(String in, String out, String ports, String protocols) {
    }

    /** A product on the site's start page. */
    public record ProductLink(String name, String summary, String latestVersion, String latestHref, String indexHref) {
    }

    /** A version on a product's index. */
    public record VersionRow(String version, boolean latest, String overviewHref, String changelogHref) {
    }

    // ---- rendering ----

    private void site(FileSink sink) throws IOException {
        List<GeneratedFile> out = new ArrayList<>();
        for (String asset : ASSETS) {
            out.add(GeneratedFile.text(layout.siteAsset(asset), Templates.raw(context.templateOverrides(),
                    TEMPLATES + asset)));
        }
        List<ProductLink> products = new ArrayList<>();
        String home = layout.siteIndex();
        // From the model, as the page model has it: the start page needs no product's pages.
        for (ProductModel product : context.model().products()) {
            products.add(new ProductLink(product.catalog().product().name(), product.catalog().product().summary(),
                    product.latest().version(), relative(home, layout.sitePage(product.id(), Layout.LATEST, OVERVIEW)),
                    relative(home, layout.siteProductIndex(product.id()))));
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("chrome", chrome(home, SITE_TITLE, null, null, null));
        vars.put("products", products);
        out.add(page(home, "site-index.peb", vars));
        sink.accept(out);
        // One product each in parallel (the engine and the Markdown caches are thread-safe), handed over in catalog
        // order; a product's page model is made for it and dropped with its files (unless Markdown outputs share it).
        Parts.render(context.model().products(), product -> product(context.page(product), product), sink);
    }

    private List<GeneratedFile> product(ProductPage product, ProductModel model) {
        List<GeneratedFile> out = new ArrayList<>();
        FrontMatterSettings settings = context.frontMatter();
        String index = layout.siteProductIndex(product.id());
        List<VersionRow> rows = new ArrayList<>();
        for (VersionPage v : product.newestFirst()) {
            rows.add(new VersionRow(v.version(), v.latest(),
                    relative(index, layout.sitePage(product.id(), v.version(), OVERVIEW)),
                    relative(index, layout.sitePage(product.id(), v.version(), CHANGELOG))));
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("chrome", chrome(index, FrontMatterSettings.expand(settings.indexTitle(), product.name(),
                product.id(), null), product, null, null));
        vars.put("product", product);
        vars.put("versions", rows);
        vars.put("latestHref", relative(index, layout.sitePage(product.id(), Layout.LATEST, OVERVIEW)));
        out.add(page(index, "product-index.peb", vars));
        if (model.versions().size() != product.versions().size()) {
            throw new IllegalStateException("the pages and the model of " + product.id() + " disagree on versions");
        }
        for (int i = 0; i < product.versions().size(); i++) {
            VersionPage v = product.versions().get(i);
            VersionModel vm = model.versions().get(i);
            if (!vm.version().equals(v.version())) {
                throw new IllegalStateException("version " + v.version() + " of " + product.id() + " has no model");
            }
            Map<String, GeneratedFile> pages = version(product, v, vm);
            out.addAll(pages.values());
            if (v.latest()) {
                // Every version folder is at the same depth, so the copy's relative links hold as they are.
                pages.forEach((name, f) -> out.add(f.withPath(layout.sitePage(product.id(), Layout.LATEST, name))));
            }
        }
        return out;
    }

    /** The pages of one version by page name, overview first. */
    private Map<String, GeneratedFile> version(ProductPage product, VersionPage v, VersionModel vm) {
        FrontMatterSettings settings = context.frontMatter();
        String overview = layout.sitePage(v.productId(), v.version(), OVERVIEW);
        String changelog = layout.sitePage(v.productId(), v.version(), CHANGELOG);

        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("chrome", chrome(overview, FrontMatterSettings.expand(settings.title(), v.productName(),
                v.productId(), v.version()), product, v, OVERVIEW));
        vars.put("v", v);
        vars.put("changelogHref", relative(overview, changelog));
        vars.put("rules", ruleMeta(vm));
        vars.put("downloads", downloads(overview, v));
        vars.put("scripts", scripts(overview, vm));
        Map<String, GeneratedFile> pages = new LinkedHashMap<>();
        pages.put(OVERVIEW, page(overview, "overview.peb", vars));

        vars = new LinkedHashMap<>();
        vars.put("chrome", chrome(changelog, FrontMatterSettings.expand(settings.changelogTitle(), v.productName(),
                v.productId(), v.version()), product, v, CHANGELOG));
        vars.put("v", v);
        vars.put("overviewHref", relative(changelog, overview));
        vars.put("previousChangelogHref", v.previousVersion() == null ? null
                : relative(changelog, layout.sitePage(v.productId(), v.previousVersion(), CHANGELOG)));
        pages.put(CHANGELOG, page(changelog, "changelog.peb", vars));
        return pages;
    }

    private Chrome chrome(String path, String title, ProductPage product, VersionPage v, String pageName) {
        String css = relative(path, layout.siteAsset(ASSETS.get(0)));
        String js = relative(path, layout.siteAsset(ASSETS.get(1)));
        String home = relative(path, layout.siteIndex());
        if (product == null) {
            return new Chrome(title, css, js, home, null, null, List.of(), null, null, null,
                    "Generated by fwdocs from the port catalog.");
        }
        String productHref = relative(path, layout.siteProductIndex(product.id()));
        if (v == null) {
            return new Chrome(title, css, js, home, product.name(), productHref, List.of(), null, null, null,
                    generated(product.source(), product.id(), "every version"));
        }
        List<VersionLink> versions = new ArrayList<>();
        for (VersionPage w : product.newestFirst()) {
            // Every version has every page, so the switcher always lands on the same page.
            versions.add(new VersionLink(w.version(), relative(path, layout.sitePage(product.id(), w.version(),
                    pageName)), w.version().equals(v.version()), w.latest()));
        }
        String latestHref = v.latest() ? null : relative(path, layout.sitePage(product.id(), Layout.LATEST, pageName));
        return new Chrome(title, css, js, home, product.name(), productHref, versions, v.version(),
                v.latestVersion(), latestHref, generated(v.source(), v.productId(), "version " + v.version()));
    }

    /** Says what the page was generated from (the catalog file as the page model names it). */
    private static String generated(String source, String productId, String what) {
        return "Generated by fwdocs from the catalog file " + source + " (product " + productId + ", " + what
                + "). Do not edit: change the catalog and generate again.";
    }

    /** Per rule id, the roles it is inbound and outbound for, its ports and protocols: the filter's data. */
    private static Map<String, RuleMeta> ruleMeta(VersionModel vm) {
        // The rule ids of each role and direction, once per version rather than once per rule.
        List<java.util.Set<String>> inbound = new ArrayList<>();
        List<java.util.Set<String>> outbound = new ArrayList<>();
        for (RoleModel role : vm.roles()) {
            inbound.add(ResolvedRule.ids(role.inbound()));
            outbound.add(ResolvedRule.ids(role.outbound()));
        }
        Map<String, RuleMeta> out = new LinkedHashMap<>();
        for (ResolvedRule r : vm.resolved().rules()) {
            StringBuilder in = new StringBuilder();
            StringBuilder outs = new StringBuilder();
            for (int i = 0; i < vm.roles().size(); i++) {
                String role = vm.roles().get(i).id();
                if (inbound.get(i).contains(r.id())) {
                    (in.isEmpty() ? in : in.append(' ')).append(role);
                }
                if (outbound.get(i).contains(r.id())) {
                    (outs.isEmpty() ? outs : outs.append(' ')).append(role);
                }
            }
            StringBuilder ports = new StringBuilder();
            if (!r.rule().portProtocols().isEmpty()) {
                for (PortRange range : r.rule().ports()) {
                    (ports.isEmpty() ? ports : ports.append(' ')).append(range);
                }
            }
            StringBuilder protocols = new StringBuilder();
            for (Protocol p : r.rule().protocols()) {
                (protocols.isEmpty() ? protocols : protocols.append(' ')).append(p.id());
            }
            out.put(r.id(), new RuleMeta(in.toString(), outs.toString(), ports.toString(), protocols.toString()));
        }
        return out;
    }

    /** The bundles and the data of a version, when this run writes them, with their SHA-256. */
    private List<Download> downloads(String page, VersionPage v) {
        List<Download> out = new ArrayList<>();
        if (context.selected("bundles")) {
            for (String path : layout.bundleFiles(v.productId(), v.version())) {
                out.add(download(page, path, "bundles", "Script bundle"));
            }
        }
        if (context.selected("data")) {
            for (String path : layout.dataFiles(v.productId(), v.version())) {
                out.add(download(page, path, "data", "Data"));
            }
        }
        return out;
    }

    private Download download(String page, String path, String output, String kind) {
        String sha256 = context.renderedSha256(path).orElseThrow(() -> new IllegalStateException("the " + output
                + " output is selected but did not write " + path + " before the html output, which links it"));
        return new Download(kind, fileName(path), relative(page, path), sha256);
    }

    /** Per role id, the file names of its scripts and their links, when this run writes them. */
    private Map<String, Map<String, String>> scripts(String page, VersionModel vm) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (RoleModel role : vm.roles()) {
            Map<String, String> links = new LinkedHashMap<>();
            for (RuleBackend b : context.selected("scripts") ? context.model().backends() : List.<RuleBackend>of()) {
                String file = layout.scriptName(b.id());
                String path = layout.roleDir(vm.productId(), vm.version(), role.id()) + "/" + file;
                if (context.renderedSha256(path).isPresent()) {
                    links.put(file, relative(page, path));
                }
            }
            out.put(role.id(), links);
        }
        return out;
    }

    private GeneratedFile page(String path, String template, Map<String, Object> vars) {
        try {
            PebbleTemplate t = engine.getTemplate(TEMPLATES + template);
            PageBuffer w = PageBuffer.take();
            try {
                t.evaluate(w, vars, Locale.ROOT);
                return GeneratedFile.text(path, w.text());
            } finally {
                w.release();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render template " + template, e);
        } catch (PebbleException e) {
            throw dev.fwdocs.plugin.pages.TemplateException.of(context.templateOverrides(), template, e);
        }
    }

    /**
     * Where Pebble writes a page: a buffer each thread reuses (pages are about 40 KB: a fresh writer per page grew
     * and copied its buffer several times), written to without locks and without an adapter per printed value.
     */
    private static final class PageBuffer extends Writer implements SpecializedWriter {

        private static final ThreadLocal<PageBuffer> BUFFERS = ThreadLocal.withInitial(PageBuffer::new);

        private final StringBuilder text = new StringBuilder(64 * 1024);
        private boolean inUse;

        /** This thread's buffer, empty; a fresh one if it is in use (a page rendered while rendering a page). */
        static PageBuffer take() {
            PageBuffer b = BUFFERS.get();
            if (b.inUse) {
                b = new PageBuffer();
            }
            b.inUse = true;
            b.text.setLength(0);
            return b;
        }

        String text() {
            return text.toString();
        }

        void release() {
            inUse = false;
            if (text.capacity() > 1024 * 1024) {
                // An unusually large page: its buffer is not kept.
                BUFFERS.remove();
            }
        }

        @Override
        public void write(char[] chars, int off, int len) {
            text.append(chars, off, len);
        }

        @Override
        public void write(String str, int off, int len) {
            text.append(str, off, off + len);
        }

        @Override
        public void write(String str) {
            text.append(str);
        }

        @Override
        public void write(int c) {
            text.append((char) c);
        }

        @Override
        public Writer append(CharSequence csq) {
            text.append(csq);
            return this;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public void writeSpecialized(int i) {
            text.append(i);
        }

        @Override
        public void writeSpecialized(long l) {
            text.append(l);
        }

        @Override
        public void writeSpecialized(double d) {
            text.append(d);
        }

        @Override
        public void writeSpecialized(float f) {
            text.append(f);
        }

        @Override
        public void writeSpecialized(short s) {
            text.append(s);
        }

        @Override
        public void writeSpecialized(byte b) {
            text.append(b);
        }

        @Override
        public void writeSpecialized(char c) {
            text.append(c);
        }

        @Override
        public void writeSpecialized(String s) {
            text.append(s);
        }
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Text for HTML content and double- or single-quoted attributes: {@code & < > " '} as references. */
    static String escape(String text) {
        // Every value a page prints comes through here: most need nothing, the rest are copied run by run.
        int i = 0;
        int n = text.length();
        while (i < n && !special(text.charAt(i))) {
            i++;
        }
        if (i == n) {
            return text;
        }
        int size = n;
        for (int j = i; j < n; j++) {
            switch (text.charAt(j)) {
                case '&', '\'' -> size += 4;
                case '<', '>' -> size += 3;
                case '"' -> size += 5;
                default -> {
                }
            }
        }
        StringBuilder sb = new StringBuilder(size).append(text, 0, i);
        int run = i;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (!special(c)) {
                continue;
            }
            sb.append(text, run, i);
            run = i + 1;
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                default -> sb.append("&#39;");
            }
        }
        return sb.append(text, run, n).toString();
    }

    private static boolean special(char c) {
        return c == '&' || c == '<' || c == '>' || c == '"' || c == '\'';
    }
}
