package dev.fwdocs.plugin.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

/**
 * A finding of an external checker (shellcheck, markdownlint) that is known and not yet fixed: a pattern of the
 * checker's line and why it is there. It must still occur, so that its entry is removed once the output is fixed.
 */
public record KnownFinding(String pattern, String reason) {

    /** The findings that are not known; fails when a known finding no longer occurs. */
    public static List<String> unknown(List<String> findings, List<KnownFinding> known) {
        List<String> rest = new ArrayList<>(findings);
        for (KnownFinding k : known) {
            assertTrue(rest.removeIf(l -> l.matches(k.pattern())), "no longer found, so remove it from the known"
                    + " findings: " + k.reason());
        }
        return rest;
    }
}
