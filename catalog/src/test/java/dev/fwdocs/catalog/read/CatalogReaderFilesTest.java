package dev.fwdocs.catalog.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fwdocs.catalog.Catalog;
import dev.fwdocs.catalog.CatalogException;
import dev.fwdocs.catalog.Diagnostic;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reading from the file system: folders, file names in locations, empty and missing catalogs, encodings. */
class CatalogReaderFilesTest {

    @TempDir
    Path dir;

    @Test
    void emptyFolder() throws Exception {
        Files.createDirectories(dir.resolve("catalog"));
        CatalogException e = assertThrows(CatalogException.class, () -> new CatalogReader(dir).read(Path.of("catalog")));
        assertEquals("catalog: the catalog is empty: it holds no .yaml or .yml file; add one file per product, "
                + "starting with 'fwdocs: 1'", e.diagnostics().get(0).toString());
        assertEquals(1, e.errors().size());
    }

    @Test
    void missingCatalog() {
        CatalogException e = assertThrows(CatalogException.class, () -> new CatalogReader(dir).read(Path.of("nope")));
        assertEquals("nope: the catalog does not exist; create it or point fwdocs.catalog at an existing file or "
                + "folder", e.diagnostics().get(0).toString());
    }

    @Test
    void folderOfProductsInPathOrderWithRelativeNames() throws Exception {
        Path cat = Files.createDirectories(dir.resolve("src/catalog/sub"));
        Files.writeString(cat.resolve("b.yaml"), Yaml.HEAD.replace("id: demo", "id: bbb"));
        Files.writeString(dir.resolve("src/catalog/a.yml"), Yaml.HEAD.replace("id: demo", "id: aaa"));
        Files.writeString(dir.resolve("src/catalog/notes.txt"), "not a catalog");
        Catalog c = new CatalogReader(dir).read(Path.of("src/catalog"));
        assertEquals(List.of("aaa", "bbb"), c.products().stream().map(p -> p.product().id()).toList());
        assertEquals("src/catalog/sub/b.yaml", c.products().get(1).source());
        assertEquals("src/catalog/sub/b.yaml:18:5", c.products().get(1).rules().get(1).location().toString());
    }

    @Test
    void crlfAndCrFilesAndEscapedCarriageReturnsReadAsLineFeeds() throws Exception {
        String lf = Yaml.HEAD.replace("  name: Demo\n", "  name: Demo\n  summary: |\n    One\n\n    two\n")
                .replace("  - id: client\n", "  - id: client\n    description: \"a\\nb\"\n");
        Catalog expected = Yaml.read(lf);
        assertEquals("One\n\ntwo\n", expected.products().get(0).product().summary());
        // CRLF (Windows, git's autocrlf), lone CR (old Mac editors), and "\r\n" or "\r" escapes in quoted text.
        for (String text : List.of(lf.replace("\n", "\r\n"), lf.replace("\n", "\r"),
                lf.replace("\"a\\nb\"", "\"a\\r\\nb\""), lf.replace("\"a\\nb\"", "\"a\\rb\""))) {
            Catalog c = Yaml.read(text);
            assertEquals(expected.products().get(0).toString(), c.products().get(0).toString(), text);
            assertEquals("a\nb", c.products().get(0).roles().get(1).description());
        }
        // Locations count a CR as SnakeYAML does: one line each.
        assertEquals(Yaml.diagnostics(Yaml.withRules("  - id: x\n    protocol: tcpp\n")),
                Yaml.diagnostics(Yaml.withRules("  - id: x\n    protocol: tcpp\n").replace("\n", "\r")));
    }

    @Test
    void fileAboveTheSizeLimitIsAnErrorThatSaysItsSize() throws Exception {
        // Checked before anything else reads the text, so that the test stays fast.
        String huge = Yaml.HEAD + "\n# " + "x".repeat(CatalogReader.MAX_FILE_CHARS) + "\n";
        Files.writeString(dir.resolve("big.yaml"), huge);
        CatalogException e = assertThrows(CatalogException.class, () -> new CatalogReader(dir).read(Path.of("big.yaml")));
        assertEquals(String.format(java.util.Locale.ROOT, "big.yaml: the file has %,d characters, more than the "
                + "16,777,216 fwdocs reads from one catalog file; move long notes out of it or split what can be split "
                + "(one product per file)", huge.length()), e.diagnostics().get(0).toString());
    }

    @Test
    void emptyFileInAFolderIsAnError() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), Yaml.HEAD);
        Files.writeString(dir.resolve("b.yaml"), "");
        CatalogException e = assertThrows(CatalogException.class, () -> new CatalogReader(dir).read(dir));
        assertEquals("b.yaml:1:1: the file is empty; a catalog file starts with 'fwdocs: 1' followed by the "
                + "'product', its 'roles' and its 'rules'", e.errors().get(0).toString());
        assertEquals(1, e.errors().size());
    }

    @Test
    void exceptionMessageListsEveryProblemThenTheCount() {
        CatalogException e = assertThrows(CatalogException.class, () -> CatalogReader.read("c",
                java.util.Map.of("p.yaml", Yaml.HEAD.replace("ports: 443", "ports: 0").replace("ports: 8080",
                        "ports: 99999"))));
        assertEquals("""
                p.yaml:15:12: port 0 cannot be opened; use a port from 1 to 65535
                p.yaml:20:12: port 99999 is above 65535, the highest port; use a port from 1 to 65535
                2 errors in the catalog""", e.getMessage());
    }

    /** Errors of reading {@code dir}, as {@code file:line:col: message} lines. */
    private List<String> errors() {
        CatalogException e = assertThrows(CatalogException.class, () -> new CatalogReader(dir).read(dir));
        return e.errors().stream().map(Diagnostic::toString).toList();
    }

    private static byte[] bytes(String text, byte[]... more) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        for (byte[] b : more) {
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    private static byte[] of(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static final String NOT_UTF8 = " cannot appear here in UTF-8 (files saved as Latin-1 or Windows-1252 fail like "
            + "this); save the file as UTF-8";

    @Nested
    class Encoding {
        @Test
        void latin1ByteIsReportedWhereItIs() throws Exception {
            Files.write(dir.resolve("p.yaml"), Yaml.HEAD.replace("name: Demo", "name: Démo")
                    .getBytes(StandardCharsets.ISO_8859_1));
            assertEquals(List.of("p.yaml:4:10: the file is not valid UTF-8: byte 0xE9" + NOT_UTF8), errors());
        }

        @Test
        void columnCountsCharactersNotBytesAndCrLfIsOneLineBreak() throws Exception {
            // 'Ünï😀 ' is 5 characters (9 bytes) after 'name: ' on line 2; CR LF ends line 1.
            Files.write(dir.resolve("p.yaml"), bytes("fwdocs: 1\r\nname: Ünï😀 ", of(0x80, 'x', '\n')));
            assertEquals(List.of("p.yaml:2:12: the file is not valid UTF-8: byte 0x80" + NOT_UTF8), errors());
        }

        @Test
        void truncatedCharacterAtTheEndOfTheFile() throws Exception {
            Files.write(dir.resolve("p.yaml"), bytes(Yaml.HEAD, of(0xC3)));
            assertEquals(List.of("p.yaml:23:1: the file is not valid UTF-8: byte 0xC3" + NOT_UTF8), errors());
        }

        @Test
        void encodedSurrogateIsNotUtf8() throws Exception {
            Files.write(dir.resolve("p.yaml"), bytes("fwdocs: 1\n# ", of(0xED, 0xA0, 0x80), bytes("\n")));
            assertEquals(List.of("p.yaml:2:3: the file is not valid UTF-8: byte 0xED" + NOT_UTF8), errors());
        }

        @Test
        void utf8ByteOrderMarkIsAcceptedAndNotCounted() throws Exception {
            Files.write(dir.resolve("ok.yaml"), bytes("\uFEFF" + Yaml.HEAD.replace("id: demo", "id: ok")));
            Files.write(dir.resolve("p.yaml"), bytes("\uFEFF" + Yaml.HEAD.replace("ports: 8080", "ports: 0")));
            assertEquals(List.of("p.yaml:20:12: port 0 cannot be opened; use a port from 1 to 65535"), errors());
            Files.delete(dir.resolve("p.yaml"));
            assertEquals("ok", new CatalogReader(dir).read(dir).products().get(0).product().id());
        }

        @Test
        void utf8ByteOrderMarkDoesNotShiftTheColumnOfABadByte() throws Exception {
            Files.write(dir.resolve("p.yaml"), bytes("\uFEFFa", of(0xFF)));
            assertEquals(List.of("p.yaml:1:2: the file is not valid UTF-8: byte 0xFF" + NOT_UTF8), errors());
        }

        @Test
        void utf16AndUtf32WithAByteOrderMarkSayWhatTheFileIs() throws Exception {
            Files.write(dir.resolve("be.yaml"), Yaml.HEAD.getBytes(StandardCharsets.UTF_16)); // big endian + mark
            Files.write(dir.resolve("le.yaml"), bytes("", of(0xFF, 0xFE),
                    Yaml.HEAD.getBytes(StandardCharsets.UTF_16LE)));
            Files.write(dir.resolve("u32.yaml"), bytes("", of(0xFF, 0xFE, 0, 0), of('f', 0, 0, 0)));
            assertEquals(List.of(
                    "be.yaml:1:1: the file is saved as UTF-16 (it starts with a UTF-16 byte order mark); fwdocs reads "
                            + "UTF-8 only, so save the file as UTF-8",
                    "le.yaml:1:1: the file is saved as UTF-16 (it starts with a UTF-16 byte order mark); fwdocs reads "
                            + "UTF-8 only, so save the file as UTF-8",
                    "u32.yaml:1:1: the file is saved as UTF-32 (it starts with a UTF-32 byte order mark); fwdocs "
                            + "reads UTF-8 only, so save the file as UTF-8"), errors());
        }

        @Test
        void utf16WithoutAByteOrderMarkShowsAsANulByte() throws Exception {
            Files.write(dir.resolve("p.yaml"), Yaml.HEAD.getBytes(StandardCharsets.UTF_16LE));
            assertEquals(List.of("p.yaml:1:2: the file holds a NUL byte (0x00), which a text file never does; it was "
                    + "probably saved as UTF-16 without a byte order mark, so save it as UTF-8"), errors());
        }

        @Test
        void theOtherFilesOfAFolderAreStillValidated() throws Exception {
            Files.writeString(dir.resolve("a.yaml"), Yaml.HEAD.replace("id: demo", "id: aaa"));
            Files.write(dir.resolve("b.yaml"), Yaml.HEAD.replace("id: demo", "id: bbb").replace("name: Demo",
                    "name: Café").getBytes(StandardCharsets.ISO_8859_1));
            Files.writeString(dir.resolve("c.yaml"), Yaml.HEAD.replace("id: demo", "id: ccc")
                    .replace("[\"1.0\", \"1.1\", \"2.0\"]", "[\"1.0\", latest]"));
            assertEquals(List.of(
                    "b.yaml:4:12: the file is not valid UTF-8: byte 0xE9" + NOT_UTF8,
                    "c.yaml:5:21: version 'latest' is reserved: fwdocs already publishes the last version "
                            + "listed under 'latest'; list the version's real name (such as '2.0') instead"), errors());
        }

        @Test
        void aFolderWhoseOnlyFileIsNotUtf8IsNotCalledEmpty() throws Exception {
            Files.write(dir.resolve("p.yaml"), of('a', ':', ' ', 0xE9, '\n'));
            assertEquals(List.of("p.yaml:1:4: the file is not valid UTF-8: byte 0xE9" + NOT_UTF8), errors());
        }

        @Test
        void controlCharacterIsLocatedInsteadOfASyntaxErrorAt1x1() {
            Yaml.assertErrors(Yaml.HEAD.replace("name: Demo", "name: De\u0007mo"),
                    "p.yaml:4:11: the file holds the control character U+0007, which YAML does not allow; delete it");
        }

        /** The reader's own positions are SnakeYAML's marks: the decoder's must be the same for the same text. */
        @Test
        void locationsCountAsSnakeYamlCounts() {
            String before = "a: \"😀é\"\r\nb: x\rc: [y\u2028, \u0085 ü, ";
            Node root = new org.yaml.snakeyaml.Yaml().compose(new StringReader(before + "target]\n"));
            Node items = ((MappingNode) root).getValue().get(2).getValueNode();
            List<Node> list = ((SequenceNode) items).getValue();
            Node target = list.get(list.size() - 1);
            assertEquals("target", ((org.yaml.snakeyaml.nodes.ScalarNode) target).getValue());
            assertEquals("p.yaml:5:5", CatalogText.locate("p.yaml", before).toString());
            assertEquals("p.yaml:" + (target.getStartMark().getLine() + 1) + ":"
                    + (target.getStartMark().getColumn() + 1), CatalogText.locate("p.yaml", before).toString());
        }
    }
}
