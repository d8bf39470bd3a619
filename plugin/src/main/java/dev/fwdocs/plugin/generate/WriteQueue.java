package dev.fwdocs.plugin.generate;

import dev.fwdocs.plugin.render.GeneratedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The writer's own thread: the files of each part, as the outputs hand them over, go to their batches there in the
 * order handed over, while the rendering of the next parts goes on (spooling is file creation, system time a
 * rendering thread would otherwise wait for). At most {@link #BOUND_KB} KiB of content wait at once, so that a fast
 * renderer cannot pile up a large catalog's files in memory ahead of the writer.
 */
final class WriteQueue implements AutoCloseable {

    /** Content waiting for the writer, at most: about two groups of a large catalog's pages or bundles. */
    static final int BOUND_KB = 16 * 1024;

    /** One part's writes: adding its files to their batches. */
    @FunctionalInterface
    interface Write {
        void run() throws IOException;
    }

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fwdocs-writer");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore room = new Semaphore(BOUND_KB);
    /** The first failure of a write; the writes after it are skipped and the run fails with it. */
    private volatile Throwable failure;

    /** Queues a part's writes (files of {@code files}' size); throws what an earlier write threw. */
    void submit(List<GeneratedFile> files, Write write) throws IOException {
        rethrow();
        long bytes = 0;
        for (GeneratedFile f : files) {
            bytes += f.length();
        }
        int kb = (int) Math.max(1, Math.min(BOUND_KB, bytes / 1024));
        acquire(kb);
        thread.execute(() -> {
            try {
                if (failure == null) {
                    write.run();
                }
            } catch (Throwable e) {
                failure = e;
            } finally {
                room.release(kb);
            }
        });
    }

    /** Waits until every queued write is done; throws what one of them threw. */
    void finish() throws IOException {
        acquire(BOUND_KB);
        room.release(BOUND_KB);
        rethrow();
    }

    private void acquire(int kb) throws IOException {
        try {
            room.acquire(kb);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the writer", e);
        }
    }

    private void rethrow() throws IOException {
        Throwable e = failure;
        if (e instanceof IOException io) {
            throw io;
        }
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        if (e != null) {
            throw new UncheckedIOException(new IOException(e));
        }
    }

    /** Stops the thread once the queued writes are done (or skipped after a failure). */
    @Override
    public void close() {
        thread.shutdown();
        try {
            while (!thread.awaitTermination(1, TimeUnit.MINUTES)) {
                // A write in progress (a large file on a slow disk) ends by itself.
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
