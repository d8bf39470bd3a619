package dev.fwdocs.plugin.output;

import dev.fwdocs.plugin.render.GeneratedFile;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;

/**
 * Renders items (products, versions) in parallel and hands their files to a sink in item order, a few dozen items
 * at a time: every core works, the sink sees the same sequence whatever the number of threads, and a run holds the
 * files of one group of items, not of the whole output.
 */
public final class Parts {

    /**
     * Items rendered between two hand-overs. Large enough that the cores rarely wait for the slowest item of a
     * group, small enough that a group's files (a dozen products' pages or scripts) are a few megabytes: they are
     * live at every young collection while they wait, and copying them lengthens the pauses by which G1 decides to
     * grow the heap (32 held twice as much; the writer's own thread now takes them while the next group renders).
     */
    static final int GROUP = 16;

    private Parts() {
    }

    /**
     * Renders each item with {@code render} (in parallel, on the pool of the calling thread: the common pool, or the
     * {@link java.util.concurrent.ForkJoinPool} a caller runs in) and hands each item's files to {@code sink} in
     * the items' order, from the calling thread.
     */
    public static <T> void render(List<T> items, Function<T, List<GeneratedFile>> render, FileSink sink)
            throws IOException {
        for (int from = 0; from < items.size(); from += GROUP) {
            // Each file's SHA-256 is made here, in parallel with the rendering: every sink asks for it (the output
            // context, the writer), and the file keeps it, so the hand-over in item order does not hash.
            List<List<GeneratedFile>> done = items.subList(from, Math.min(items.size(), from + GROUP))
                    .parallelStream().map(item -> hashed(render.apply(item))).toList();
            for (List<GeneratedFile> files : done) {
                sink.accept(files);
            }
        }
    }

    private static List<GeneratedFile> hashed(List<GeneratedFile> files) {
        files.forEach(GeneratedFile::sha256);
        return files;
    }
}
