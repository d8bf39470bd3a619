package dev.fwdocs.plugin.bench;

import dev.fwdocs.catalog.Catalog;
import dev.fwdocs.catalog.Diagnostic;
import dev.fwdocs.catalog.read.CatalogReader;
import dev.fwdocs.plugin.generate.GenerateRequest;
import dev.fwdocs.plugin.generate.Generator;
import dev.fwdocs.plugin.generate.OutputWriter;
import dev.fwdocs.plugin.model.CatalogLint;
import dev.fwdocs.plugin.model.Model;
import dev.fwdocs.plugin.output.Layout;
import dev.fwdocs.plugin.output.Output;
import dev.fwdocs.plugin.output.OutputContext;
import dev.fwdocs.plugin.output.Outputs;
import dev.fwdocs.plugin.pages.FrontMatterSettings;
import dev.fwdocs.plugin.render.GeneratedFile;
import dev.fwdocs.plugin.rules.BackendRegistry;
import dev.fwdocs.plugin.rules.RuleBackend;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The benchmark's child process, forked by {@link Bench} in a fresh JVM with default settings. Mode {@code phases}
 * times each phase of a run (read + validate, model and plans, each output, write) for a cold first run and then
 * warm runs in the same JVM, then one run over unchanged output; mode {@code generate} is one plain
 * {@link Generator#generate} run, for whole-process figures. Results go to stdout as {@code key=value} lines.
 */
public final class BenchRun {

    private BenchRun() {
    }

    /** {@code phases|generate <catalog dir> <output dir> <output ids, comma separated> [warm runs] [moved-id=dir]}. */
    public static void main(String[] args) throws Exception {
        Path catalog = Path.of(args[1]).toAbsolutePath();
        if (args[0].equals("read")) {
            // Reading alone, three times in one JVM: the last is warm.
            for (int i = 0; i < 3; i++) {
                long t = System.nanoTime();
                Catalog c = new CatalogReader(catalog.getParent()).read(catalog);
                System.out.println("run=read" + i + " ms=" + ms(t) + " rules="
                        + c.products().stream().mapToInt(p -> p.rules().size()).sum());
            }
            return;
        }
        Path out = Path.of(args[2]).toAbsolutePath();
        List<String> ids = List.of(args[3].split(","));
        List<Output> outputs = ids.equals(List.of("default"))
                ? Outputs.standard().all().stream().filter(Output::byDefault).toList()
                : Outputs.standard().select(ids);
        List<RuleBackend> backends = BackendRegistry.standard().all();
        Map<String, Path> moved = new LinkedHashMap<>();
        for (int i = 5; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            moved.put(kv[0], Path.of(kv[1]).toAbsolutePath());
        }
        GenerateRequest request = new GenerateRequest(catalog.getParent(), catalog, out, backends, outputs,
                BackendRegistry.defaultDistros(backends), FrontMatterSettings.defaults(), null, moved, true);
        if (args[0].equals("generate")) {
            long t = System.nanoTime();
            Generator.Outcome o = Generator.generate(request);
            System.out.println("run=generate ms=" + ms(t) + " files=" + o.files().size() + " written="
                    + o.written().written() + " " + memory());
        } else {
            int warm = Integer.parseInt(args[4]);
            for (int i = 0; i <= warm; i++) {
                delete(out);
                phases(i == 0 ? "cold" : "warm" + i, request);
            }
            phases("unchanged", request);
            long t = System.nanoTime();
            Generator.generate(request);
            System.out.println("run=generate-unchanged ms=" + ms(t) + " " + memory());
        }
        System.out.println("vmhwm_kb=" + vmHwmKb());
    }

    /**
     * One run, phase by phase, as {@link Generator#generate} does it (without the moved outputs); write is the time
     * spent in the writer, while taking each output's files and when committing.
     */
    private static void phases(String run, GenerateRequest request) throws Exception {
        resetPeaks();
        StringBuilder line = new StringBuilder("run=" + run);
        long start = System.nanoTime();
        long t = start;
        Catalog catalog = new CatalogReader(request.baseDir()).read(request.catalog());
        line.append(" read_ms=").append(ms(t));
        t = System.nanoTime();
        Model facts = Model.facts(catalog);
        TreeSet<Diagnostic> problems = new TreeSet<>(CatalogLint.warnings(facts));
        problems.addAll(BackendRegistry.unsupported(request.backends(), facts));
        line.append(" model_ms=").append(ms(t));
        t = System.nanoTime();
        // As Generator: each version's plans are made when an output first reads them (so their time is in the
        // outputs' figures) and dropped after the last pass that reads them.
        Model planned = facts.planned(request.backends(),
                request.outputs().stream().anyMatch(Output::needsFlowSets), Outputs.planPasses(request.outputs()));
        OutputContext context = new OutputContext(planned, Layout.standard(), request.distros(),
                request.frontMatter(), null, request.outputs().stream().map(Output::id).toList(), true);
        for (Output o : request.outputs()) {
            problems.addAll(o.unsupported(context));
        }
        if (problems.stream().anyMatch(Diagnostic::isError)) {
            throw new IllegalStateException("synthetic catalog has errors: " + problems);
        }
        line.append(" plan_ms=").append(ms(t));
        // The Markdown flavors share one page model of every product (built first); the site makes each product's
        // as it renders it, so its time is in the html figure then.
        if (request.outputs().stream().anyMatch(o -> o.id().startsWith("markdown-"))) {
            t = System.nanoTime();
            context.pages();
            line.append(" pagemodel_ms=").append(ms(t));
        }
        // As Generator.generate: each output's files go to the writer at once and are dropped.
        long writeNs = 0;
        int files = 0;
        OutputWriter.Batch batch = new OutputWriter(request.outputDir()).begin();
        int scripts = 0;
        long scriptBytes = 0;
        for (Output o : request.outputs()) {
            long[] counts = new long[6]; // files, bytes, pages, scripts, script bytes, ns in the writer
            t = System.nanoTime();
            o.render(context, part -> {
                context.rendered(part);
                for (GeneratedFile f : part) {
                    long n = f.length();
                    counts[0]++;
                    counts[1] += n;
                    if (f.executable()) {
                        counts[3]++;
                        counts[4] += n;
                    }
                    if (f.path().endsWith(".md") || f.path().endsWith(".mdx") || f.path().endsWith(".html")) {
                        counts[2]++;
                    }
                }
                long w = System.nanoTime();
                batch.add(part);
                counts[5] += System.nanoTime() - w;
            });
            // The output's own time: rendering, without the writer's share (spooling while it hands over parts).
            long outputMs = (System.nanoTime() - t - counts[5]) / 1_000_000;
            line.append(' ').append(o.id()).append("_ms=").append(outputMs).append(' ').append(o.id())
                    .append("_files=").append(counts[0]).append(' ').append(o.id()).append("_pages=")
                    .append(counts[2]).append(' ').append(o.id()).append("_bytes=").append(counts[1]);
            files += (int) counts[0];
            scripts += (int) counts[3];
            scriptBytes += counts[4];
            writeNs += counts[5];
        }
        t = System.nanoTime();
        OutputWriter.Result written = batch.commit();
        batch.close();
        writeNs += System.nanoTime() - t;
        line.append(" write_ms=").append(writeNs / 1_000_000).append(" written=").append(written.written())
                .append(" unchanged=").append(written.unchanged());
        line.append(" total_ms=").append(ms(start)).append(" files=").append(files).append(" scripts=")
                .append(scripts).append(" script_bytes=").append(scriptBytes).append(' ').append(memory());
        System.out.println(line);
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** The sum of the heap pools' peaks since the last reset (an upper bound of the peak heap in use). */
    private static String memory() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return "peak_heap_mb=" + peak / (1024 * 1024) + " vmhwm_now_kb=" + vmHwmKb() + " allocated_mb="
                + allocatedBytes() / (1024 * 1024);
    }

    /**
     * Heap allocated so far by the threads still alive (main, the common pool's workers; not a thread that has
     * ended): what drives the number of young collections, and so how far G1 grows the heap.
     */
    private static long allocatedBytes() {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads)) {
            return -1;
        }
        long sum = 0;
        for (long b : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            sum += Math.max(0, b);
        }
        return sum;
    }

    /** The peak resident set of this process so far, from {@code /proc/self/status}. */
    static long vmHwmKb() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmHWM:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            // Not Linux: no figure.
        }
        return -1;
    }

    static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
