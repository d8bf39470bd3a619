package dev.fwdocs.catalog.resolve;

import dev.fwdocs.catalog.Rule;
import java.util.List;

/** What changed between two versions of a product: rules added, removed, and changed (matched by id). */
public record VersionDiff(String fromVersion, String toVersion, List<ResolvedRule> added, List<ResolvedRule> removed,
        List<Change> changed) {

    public VersionDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }

    /**
     * One rule whose content differs between the versions; {@code fields} lists each difference as
     * {@code field: before -> after} (for example {@code ports: 5701 -> 5701-5702}).
     */
    public record Change(ResolvedRule before, ResolvedRule after, List<Field> fields) {
        public Change {
            fields = List.copyOf(fields);
        }

        public Rule rule() {
            return after.rule();
        }
    }

    /** One changed field of a rule, in display form. */
    public record Field(String name, String before, String after) {
        @Override
        public String toString() {
            return name + ": " + before + " -> " + after;
        }
    }
}
