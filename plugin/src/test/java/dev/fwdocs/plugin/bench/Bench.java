package dev.fwdocs.plugin.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The fwdocs benchmark (not a test: {@code mvn -o -Pbench test -pl plugin -am -DskipTests -Dinvoker.skip}). For
 * each size it writes a {@link SyntheticCatalog}, forks {@link BenchRun} in fresh JVMs with default settings (as
 * {@code mvn} runs without {@code MAVEN_OPTS}) and measures whole processes with {@code /usr/bin/time}: the phases
 * of a default run (cold, warm, unchanged output), fwdocs writing its HTML site against Hugo turning fwdocs' Hugo
 * pages into HTML, and {@code mvn fwdocs:generate} against {@code mvn validate} on {@code site-example/}. Prints a
 * Markdown report and writes it to {@code target/bench/report.md}.
 *
 * <p>Properties: {@code fwdocs.bench.products} (comma separated product counts; default {@code 53,526}, about 1,000
 * and 10,000 pages), {@code fwdocs.bench.warm} (warm runs, default 3), {@code fwdocs.bench.repeat} (whole-process
 * repeats, median reported; default 3), {@code fwdocs.bench.hugo} (the hugo binary, default {@code hugo}; empty
 * skips), {@code fwdocs.bench.siteExample} ({@code false} skips the Maven comparison),
 * {@code fwdocs.bench.phaseOutputs} (the outputs of the phase runs, comma separated; default {@code default}),
 * {@code fwdocs.bench.phases} and {@code fwdocs.bench.reading} ({@code false} skips those sections).
 */
public final class Bench {

    private static final Path WORK = Path.of("target/bench").toAbsolutePath();
    private static final Pattern KV = Pattern.compile("([a-z0-9_-]+)=(\\S+)");

    private final StringBuilder report = new StringBuilder();
    private final int repeat = Integer.getInteger("fwdocs.bench.repeat", 3);

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        new Bench().run();
    }

    private void run() throws Exception {
        Files.createDirectories(WORK);
        // For running BenchRun by hand (under a profiler, say): java -cp "$(cat target/bench/classpath.txt)" ...
        Files.writeString(WORK.resolve("classpath.txt"), System.getProperty("java.class.path"));
        String hugo = System.getProperty("fwdocs.bench.hugo", "hugo");
        int warm = Integer.getInteger("fwdocs.bench.warm", 3);
        line("# fwdocs benchmark");
        line("");
        line("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + memTotal() + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java "
                + System.getProperty("java.version") + "; whole processes measured with /usr/bin/time (wall time, "
                + "peak RSS), medians of " + repeat + " runs; JVMs with default settings.");
        for (String n : System.getProperty("fwdocs.bench.products", "53,526").split(",")) {
            size(SyntheticCatalog.standard(Integer.parseInt(n.trim())), warm, hugo);
        }
        if (!"false".equals(System.getProperty("fwdocs.bench.reading"))) {
            reading();
        }
        if (!"false".equals(System.getProperty("fwdocs.bench.siteExample"))) {
            siteExample();
        }
        Files.writeString(WORK.resolve("report.md"), report, StandardCharsets.UTF_8);
        System.out.println("report: " + WORK.resolve("report.md"));
    }

    private void size(SyntheticCatalog shape, int warm, String hugo) throws Exception {
        Path dir = WORK.resolve("p" + shape.products());
        Path catalog = dir.resolve("catalog");
        BenchRun.delete(dir);
        shape.write(catalog);
        line("");
        line("## " + shape.products() + " products x " + shape.versions() + " versions x " + shape.roles()
                + " roles x " + shape.rules() + " rules (" + shape.totalRules() + " rules, seed " + shape.seed()
                + ", " + kib(folderBytes(catalog)) + " of YAML)");
        line("");

        if (!"false".equals(System.getProperty("fwdocs.bench.phases"))) {
            phases(shape, catalog, dir, warm);
        }
        if (!"false".equals(System.getProperty("fwdocs.bench.maven")) && shape.products() <= 100) {
            mavenProject(shape, catalog, dir);
        }
        // HTML site: fwdocs (one plain run in a fresh JVM) against Hugo on fwdocs' own Hugo pages.
        Path site = dir.resolve("hugo-site");
        copyTree(Path.of("src/test/resources/bench/hugo-site"), site);
        child("generate", catalog, dir.resolve("out-hugo"), "markdown-hugo", "0", "markdown-hugo=" + site);
        List<Measured> fw = new ArrayList<>();
        List<Measured> hu = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            Path out = dir.resolve("out-html");
            BenchRun.delete(out);
            fw.add(child("generate", catalog, out, "html", "0"));
            if (!hugo.isEmpty()) {
                Path pub = dir.resolve("hugo-public");
                BenchRun.delete(pub);
                hu.add(timed(List.of(hugo, "--quiet", "--source", site.toString(), "--destination", pub.toString(),
                        "--cacheDir", dir.resolve("hugo-cache").toString()), site));
            }
        }
        Measured f = median(fw);
        long fwPages = countHtml(dir.resolve("out-html"));
        line("| HTML site, whole process | pages | wall | peak RSS |");
        line("|---|---:|---:|---:|");
        line("| fwdocs, output html (fresh JVM) | " + String.format(Locale.ROOT, "%,d", fwPages) + " | "
                + secs(f.ms()) + " | " + mib(f.rssKb() * 1024) + " |");
        if (!hu.isEmpty()) {
            Measured h = median(hu);
            line("| hugo " + hugoVersion(hugo) + " on fwdocs' Hugo pages (minimal layout, no highlighting) | "
                    + String.format(Locale.ROOT, "%,d", countHtml(dir.resolve("hugo-public"))) + " | " + secs(h.ms())
                    + " | " + mib(h.rssKb() * 1024) + " |");
            line("");
            line(String.format(Locale.ROOT, "fwdocs / Hugo: **%.2f** wall time, **%.2f** peak RSS (target <= 0.5).",
                    f.ms() / (double) h.ms(), f.rssKb() / (double) h.rssKb()));
        }
        // The peak RSS of one run is G1's heap sizing as much as the data: the spread says how far a median holds.
        line("");
        line("Single runs: fwdocs " + range(fw) + (hu.isEmpty() ? "" : "; Hugo " + range(hu)) + ".");
        line("");
        System.out.println(report);
    }

    /** Read + validate alone, for catalogs of growing size: linear means a constant time per 1,000 rules. */
    private void reading() throws Exception {
        line("");
        line("## Reading and validating (one JVM per catalog, the third of three reads)");
        line("");
        line("| catalog | rules | read + validate | per 1,000 rules |");
        line("|---|---:|---:|---:|");
        for (SyntheticCatalog shape : List.of(new SyntheticCatalog(1, 8, 4, 1000, 42),
                new SyntheticCatalog(1, 8, 4, 8000, 42), new SyntheticCatalog(100, 8, 4, 30, 42),
                new SyntheticCatalog(1000, 8, 4, 30, 42))) {
            Path dir = WORK.resolve("read-" + shape.products() + "x" + shape.rules());
            BenchRun.delete(dir);
            shape.write(dir.resolve("catalog"));
            Map<String, String> last = child("read", dir.resolve("catalog"), dir, "-", "0").lines().get(2);
            long ms = Long.parseLong(last.get("ms"));
            line(String.format(Locale.ROOT, "| %d product(s) x %d rules | %,d | %s | %.0f ms |", shape.products(),
                    shape.rules(), shape.totalRules(), secs(ms), ms * 1000.0 / shape.totalRules()));
            BenchRun.delete(dir);
        }
        System.out.println(report);
    }

        // The phases of a default run: cold in a fresh JVM, then warm, then over unchanged output.
    private void phases(SyntheticCatalog shape, Path catalog, Path dir, int warm) throws Exception {
        String phaseOutputs = System.getProperty("fwdocs.bench.phaseOutputs", "default");
        Measured phases = child("phases", catalog, dir.resolve("out-default"), phaseOutputs, String.valueOf(warm));
        List<Map<String, String>> runs = phases.lines();
        Map<String, String> cold = runs.get(0);
        List<String> outputs = new ArrayList<>();
        for (String k : cold.keySet()) {
            if (k.endsWith("_ms") && !List.of("read_ms", "model_ms", "plan_ms", "pagemodel_ms", "write_ms",
                    "total_ms").contains(k)) {
                outputs.add(k.substring(0, k.length() - 3));
            }
        }
        line((phaseOutputs.equals("default") ? "Default outputs (" : "Outputs (") + String.join(", ", outputs) + "), phases in ms; one JVM: a cold run, " + warm
                + " warm runs into an empty folder, one run over its own unchanged output:");
        line("");
        StringBuilder head = new StringBuilder("| run | read+validate | model | plans | page model |");
        StringBuilder rule = new StringBuilder("|---|---:|---:|---:|---:|");
        for (String o : outputs) {
            head.append(' ').append(o).append(" |");
            rule.append("---:|");
        }
        line(head + " write | total | peak heap |");
        line(rule + "---:|---:|---:|");
        for (Map<String, String> r : runs) {
            if (!r.containsKey("total_ms")) {
                continue;
            }
            StringBuilder row = new StringBuilder("| " + r.get("run") + " | " + r.get("read_ms") + " | "
                    + r.get("model_ms") + " | " + r.get("plan_ms") + " | " + r.getOrDefault("pagemodel_ms", "-")
                    + " |");
            for (String o : outputs) {
                row.append(' ').append(r.get(o + "_ms")).append(" |");
            }
            line(row + " " + r.get("write_ms") + " | " + r.get("total_ms") + " | " + r.get("peak_heap_mb")
                    + " MB |");
        }
        line("");
        Map<String, String> lastWarm = runs.get(warm);
        long totalMs = Long.parseLong(lastWarm.get("total_ms"));
        long files = Long.parseLong(cold.get("files"));
        long scripts = Long.parseLong(cold.get("scripts"));
        long scriptBytes = Long.parseLong(cold.get("script_bytes"));
        long pages = Long.parseLong(cold.getOrDefault("html_pages", "0"));
        line(String.format(Locale.ROOT, "%,d files, %,d HTML pages, %,d scripts; warm: %,.0f pages/s (HTML "
                + "output), %,.0f scripts/s (scripts output), %,.0f files/s overall. Bytes per script %,d (%s of "
                + "scripts in all), per HTML page %,d. Whole process of cold + %d warm + unchanged: %s, peak RSS %s.",
                files, pages, scripts, perSecond(pages, lastWarm.get("html_ms")),
                perSecond(scripts, lastWarm.get("scripts_ms")), files * 1000.0 / Math.max(1, totalMs),
                scriptBytes / Math.max(1, scripts), mib(scriptBytes),
                Long.parseLong(cold.getOrDefault("html_bytes", "0")) / Math.max(1, pages), warm,
                secs(phases.ms()), mib(phases.rssKb() * 1024)));
        line("");

    }

    private void siteExample() throws Exception {
        Path example = Path.of("../site-example").toAbsolutePath().normalize();
        Path copy = WORK.resolve("site-example");
        BenchRun.delete(copy);
        copyTree(example.resolve("src"), copy.resolve("src"));
        Files.copy(example.resolve("pom.xml"), copy.resolve("pom.xml"));
        mavenRuns("site-example/ with the fwdocs plugin installed in ~/.m2 (mvn -o -q)", copy);
    }

    /**
     * {@code mvn fwdocs:generate} with the default outputs (scripts, data, bundles, HTML site) on a project holding
     * a synthetic catalog and a pom that only declares the plugin: a full run and a run with nothing changed,
     * against {@code mvn validate}.
     */
    private void mavenProject(SyntheticCatalog shape, Path catalog, Path dir) throws Exception {
        Path project = dir.resolve("maven-project");
        BenchRun.delete(project);
        copyTree(catalog, project.resolve("src/fwdocs/catalog"));
        Files.writeString(project.resolve("pom.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>bench</groupId>
                  <artifactId>synthetic</artifactId>
                  <version>1</version>
                  <packaging>pom</packaging>
                  <properties>
                    <project.build.outputTimestamp>2026-11-01T00:00:00Z</project.build.outputTimestamp>
                  </properties>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>dev.fwdocs</groupId>
                        <artifactId>fwdocs-maven-plugin</artifactId>
                        <version>0.1.0-SNAPSHOT</version>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """, StandardCharsets.UTF_8);
        mavenRuns("mvn on a project with this catalog, default outputs, plugin from ~/.m2 (mvn -o -q)", project);
    }

    private void mavenRuns(String heading, Path copy) throws Exception {
        line("");
        line("## " + heading);
        line("");
        line("| command | wall | peak RSS | single runs |");
        line("|---|---:|---:|---:|");
        List<Measured> validate = new ArrayList<>();
        List<Measured> full = new ArrayList<>();
        List<Measured> noop = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            validate.add(timed(List.of("mvn", "-o", "-q", "validate"), copy));
            BenchRun.delete(copy.resolve("target"));
            full.add(timed(List.of("mvn", "-o", "-q", "fwdocs:generate"), copy));
            noop.add(timed(List.of("mvn", "-o", "-q", "fwdocs:generate"), copy));
        }
        Measured v = median(validate);
        Measured g = median(full);
        Measured n = median(noop);
        line("| mvn validate | " + secs(v.ms()) + " | " + mib(v.rssKb() * 1024) + " | " + range(validate) + " |");
        line("| mvn fwdocs:generate, empty target/ | " + secs(g.ms()) + " | " + mib(g.rssKb() * 1024) + " | "
                + range(full) + " |");
        line("| mvn fwdocs:generate, unchanged output | " + secs(n.ms()) + " | " + mib(n.rssKb() * 1024) + " | "
                + range(noop) + " |");
        line("");
        line(String.format(Locale.ROOT, "fwdocs:generate beyond validate: %+.2f s full, %+.2f s unchanged (%.1f %% of "
                + "the full run's own time; targets: site-example within 1 s, unchanged <= 5 %%).",
                (g.ms() - v.ms()) / 1000.0, (n.ms() - v.ms()) / 1000.0,
                100.0 * (n.ms() - v.ms()) / Math.max(1, g.ms() - v.ms())));
        System.out.println(report);
    }

    /** A whole process: wall time, peak RSS and its stdout. */
    record Measured(long ms, long rssKb, String out) {

        List<Map<String, String>> lines() {
            List<Map<String, String>> rows = new ArrayList<>();
            for (String l : out.split("\n")) {
                if (l.startsWith("run=")) {
                    Map<String, String> m = new LinkedHashMap<>();
                    Matcher kv = KV.matcher(l);
                    while (kv.find()) {
                        m.put(kv.group(1), kv.group(2));
                    }
                    rows.add(m);
                }
            }
            return rows;
        }
    }

    private Measured child(String mode, Path catalog, Path out, String outputs, String warm, String... moved)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BenchRun.class.getName(), mode, catalog.toString(),
                out.toString(), outputs, warm));
        cmd.addAll(List.of(moved));
        return timed(cmd, WORK);
    }

    private static Measured timed(List<String> command, Path dir) throws Exception {
        Path times = Files.createTempFile(WORK, "time", ".txt");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-o", times.toString(), "-f", "%e %M"));
        cmd.addAll(command);
        Path log = Files.createTempFile(WORK, "out", ".txt");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        String out = Files.readString(log);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("failed (" + p.exitValue() + "): "
                    + command.subList(Math.max(0, command.size() - 6), command.size()) + "\n" + out);
        }
        String[] t = Files.readString(times).trim().split("\\s+");
        Files.delete(times);
        Files.delete(log);
        return new Measured(Math.round(Double.parseDouble(t[t.length - 2]) * 1000), Long.parseLong(t[t.length - 1]),
                out);
    }

    private static Measured median(List<Measured> runs) {
        List<Measured> byTime = new ArrayList<>(runs);
        byTime.sort((a, b) -> Long.compare(a.ms(), b.ms()));
        List<Measured> byRss = new ArrayList<>(runs);
        byRss.sort((a, b) -> Long.compare(a.rssKb(), b.rssKb()));
        return new Measured(byTime.get(runs.size() / 2).ms(), byRss.get(runs.size() / 2).rssKb(), "");
    }

    /** The lowest and highest wall time and peak RSS of some runs: {@code 2.41-2.52 s, 455-470 MiB}. */
    private static String range(List<Measured> runs) {
        LongSummaryStatistics ms = runs.stream().mapToLong(Measured::ms).summaryStatistics();
        LongSummaryStatistics kb = runs.stream().mapToLong(Measured::rssKb).summaryStatistics();
        return String.format(Locale.ROOT, "%.2f-%.2f s, %,d-%,d MiB", ms.getMin() / 1000.0, ms.getMax() / 1000.0,
                kb.getMin() / 1024, kb.getMax() / 1024);
    }

    private static double perSecond(long n, String ms) {
        return ms == null ? 0 : n * 1000.0 / Math.max(1, Long.parseLong(ms));
    }

    private static String hugoVersion(String hugo) {
        try {
            Process p = new ProcessBuilder(hugo, "version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("v([0-9.]+)").matcher(v);
            return m.find() ? m.group(1) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static long countHtml(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".html")).count();
        }
    }

    private static long folderBytes(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static String memTotal() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (l.startsWith("MemTotal:")) {
                return mib(Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024) + " RAM";
            }
        }
        return "";
    }

    private static String secs(long ms) {
        return String.format(Locale.ROOT, "%.2f s", ms / 1000.0);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,d MiB", bytes / (1024 * 1024));
    }

    private static String kib(long bytes) {
        return String.format(Locale.ROOT, "%,d KiB", bytes / 1024);
    }

    private void line(String s) {
        report.append(s).append('\n');
    }
}
