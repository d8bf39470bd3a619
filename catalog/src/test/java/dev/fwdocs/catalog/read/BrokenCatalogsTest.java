package dev.fwdocs.catalog.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.catalog.CatalogException;
import dev.fwdocs.catalog.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of broken catalogs ({@code src/test/resources/broken/}): each {@code <case>.yaml} starts with a comment
 * saying what is wrong, and {@code <case>.expected} holds every diagnostic the reader must give for it, one
 * {@code line:col: message} per line, in order. Each case must fail: a catalog the reader accepts is no broken one.
 */
class BrokenCatalogsTest {

    private static final Path CORPUS = Path.of("src/test/resources/broken");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> s = Files.list(CORPUS)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length())).sorted().toList().stream();
        }
    }

    @Test
    void theCorpusHoldsAtLeastSixtyCases() throws IOException {
        assertTrue(cases().count() >= 60, "broken catalogs: " + cases().count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachBrokenCatalogIsReportedWhereItIsBroken(String name) throws IOException {
        String file = name + ".yaml";
        String text = Files.readString(CORPUS.resolve(file), StandardCharsets.UTF_8);
        List<String> expected = Files.readAllLines(CORPUS.resolve(name + ".expected"), StandardCharsets.UTF_8)
                .stream().filter(l -> !l.isBlank()).toList();
        List<Diagnostic> got;
        try {
            CatalogReader.read(file, Map.of(file, text));
            throw new AssertionError(file + " was accepted; expected:\n" + String.join("\n", expected));
        } catch (CatalogException e) {
            got = e.diagnostics();
        }
        List<String> shown = got.stream().map(d -> {
            String s = d.toString();
            assertTrue(s.startsWith(file + ":"), s);
            return s.substring(file.length() + 1);
        }).toList();
        assertEquals(expected, shown, file);
        for (String line : shown) {
            // Every place lies inside the file: a cut-off file is never reported past its end.
            String[] at = line.split(":", 3);
            int lineNo = Integer.parseInt(at[0]);
            assertTrue(lineNo >= 1 && lineNo <= text.split("\n", -1).length - (text.endsWith("\n") ? 1 : 0),
                    file + ": line " + lineNo + " is outside the file");
        }
    }
}
