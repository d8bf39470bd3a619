package dev.fwdocs.catalog.read;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.catalog.CatalogException;
import dev.fwdocs.catalog.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Mutation fuzzing of the reader and validator, seeded from the broken corpus and the valid catalogs: every input
 * ends in a catalog or in {@link CatalogException} whose diagnostics lie inside the file, never in another exception.
 * A short run (3 s) belongs to every build; {@code -Dfwdocs.fuzz.seconds=N} runs longer, {@code -Dfwdocs.fuzz.seed=S}
 * repeats a run. A failing input is written to {@code target/fuzz-failure.yaml}.
 */
class ReaderFuzzTest {

    /** Pieces of YAML and catalog syntax that mutations insert: the places parsers and validators break. */
    private static final String[] TOKENS = {"\"", "'", "[", "]", "{", "}", ": ", "- ", "\n", "\n  ", "\t", "&a ", "*a",
        "<<: *a", "!!binary ", "!x ", "---\n", "...\n", "#", "|\n", ">-\n", "? ", "%YAML 1.1\n", "\\u0000", "\\e",
        "0443", "1.00", "::ffff:1.2.3.4", "0.0.0.0/0", "con", "е", "\u202e", "\uFEFF", "\r", "~", "null", "1e9",
        "99999999999999999999", "-1", "icmp", "tcp", "any", "since: \"9\"", "ports: ", "from: ", "to: "};

    @Test
    void anyMutationEndsInACatalogOrInLocatedDiagnostics() throws IOException {
        long seconds = Long.getLong("fwdocs.fuzz.seconds", 3);
        long seed = Long.getLong("fwdocs.fuzz.seed", System.nanoTime());
        Random random = new Random(seed);
        List<String> seeds = seeds();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        int runs = 0;
        while (System.nanoTime() < end) {
            String text = mutate(seeds.get(random.nextInt(seeds.size())), random);
            try {
                check(text);
            } catch (RuntimeException | AssertionError | StackOverflowError e) {
                Path failure = Path.of("target/fuzz-failure.yaml");
                Files.createDirectories(failure.getParent());
                Files.writeString(failure, text, StandardCharsets.UTF_8);
                throw new AssertionError("seed " + seed + ", run " + runs + ": " + e + "; input in " + failure, e);
            }
            runs++;
        }
        System.out.printf("ReaderFuzzTest: %d inputs in %d s (seed %d)%n", runs, seconds, seed);
        assertTrue(runs > 100, "only " + runs + " inputs");
    }

    private static void check(String text) {
        List<Diagnostic> diagnostics;
        try {
            diagnostics = CatalogReader.read("f.yaml", Map.of("f.yaml", text)).warnings();
        } catch (CatalogException e) {
            diagnostics = e.diagnostics();
            assertTrue(!e.errors().isEmpty() || diagnostics.stream().noneMatch(Diagnostic::isError), "no error");
        }
        // lines as YAML counts them (CatalogText.locate): NEL, LS and PS end a line too
        int lines = text.split("\r\n|[\r\n\u0085\u2028\u2029]", -1).length;
        for (Diagnostic d : diagnostics) {
            assertTrue(d.location().line() >= 1 && d.location().line() <= Math.max(1, lines), d::toString);
            assertTrue(d.message().chars().noneMatch(c -> Character.getType(c) == Character.CONTROL), d::toString);
        }
    }

    private static String mutate(String text, Random random) {
        StringBuilder sb = new StringBuilder(text);
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n && sb.length() > 0; i++) {
            int at = random.nextInt(sb.length() + 1);
            switch (random.nextInt(5)) {
                case 0 -> sb.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
                case 1 -> sb.delete(at, Math.min(sb.length(), at + 1 + random.nextInt(8)));
                case 2 -> sb.setLength(at); // a file cut off
                case 3 -> {
                    int from = random.nextInt(sb.length());
                    int to = Math.min(sb.length(), from + random.nextInt(40));
                    sb.insert(at, sb.substring(from, to)); // a duplicated piece: keys twice, lines out of step
                }
                default -> sb.insert(at, (char) random.nextInt(0x3000));
            }
        }
        return sb.toString();
    }

    private static List<String> seeds() throws IOException {
        List<String> out = new ArrayList<>();
        for (Path dir : List.of(Path.of("src/test/resources/broken"), Path.of("src/test/resources/catalogs"),
                Path.of("../site-example/src/fwdocs/catalog"))) {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                    out.add(Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }
}
