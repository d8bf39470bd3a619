package dev.fwdocs.plugin.model;

import dev.fwdocs.plugin.render.GeneratedFile;
import dev.fwdocs.plugin.rules.PageCommands;
import dev.fwdocs.plugin.rules.RolePlan;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A run-wide allowance of rendered plan files kept for a second pass: the scripts output and the bundles both print
 * every role's files, and a plan whose files fit the allowance prints them once. Files beyond it are printed again
 * (the same bytes: plans are pure), so that a large catalog does not hold all its scripts between the two passes.
 */
final class KeptFiles {

    private final AtomicLong left;

    KeptFiles(long bytes) {
        this.left = new AtomicLong(bytes);
    }

    /** {@code plan}, keeping its files once printed when they fit what is left (as it is when nothing is left). */
    RolePlan keep(RolePlan plan) {
        return left.get() <= 0 ? plan : new Kept(plan);
    }

    private boolean take(long bytes) {
        long now;
        do {
            now = left.get();
            if (bytes > now) {
                return false;
            }
        } while (!left.compareAndSet(now, now - bytes));
        return true;
    }

    /** A plan whose files are printed on first use and then kept, if the allowance takes them. */
    private final class Kept implements RolePlan {

        private final RolePlan plan;
        private volatile List<GeneratedFile> files;

        Kept(RolePlan plan) {
            this.plan = plan;
        }

        @Override
        public List<GeneratedFile> files() {
            List<GeneratedFile> f = files;
            if (f == null) {
                f = List.copyOf(plan.files());
                if (take(f.stream().mapToLong(GeneratedFile::length).sum())) {
                    files = f;
                }
            }
            return f;
        }

        @Override
        public PageCommands page() {
            return plan.page();
        }
    }
}
