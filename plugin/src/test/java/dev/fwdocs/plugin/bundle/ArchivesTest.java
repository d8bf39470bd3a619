package dev.fwdocs.plugin.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.plugin.render.GeneratedFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.junit.jupiter.api.Test;

/**
 * The archives splice each file's deflate blocks into both the zip and the tar.gz: both must still read back, with
 * every check their readers make (CRC-32, sizes, the gzip trailer), for the files that stress the splicing.
 */
class ArchivesTest {

    private static final Instant TIME = Instant.parse("2024-05-06T07:08:10Z");

    /** Empty, tiny, larger than the deflate buffer, incompressible, and with names that need PAX headers. */
    private static List<GeneratedFile> awkwardFiles() {
        byte[] random = new byte[300_000];
        new Random(7).nextBytes(random);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            text.append("iptables -A INPUT -p tcp --dport ").append(i % 1000).append(" -j ACCEPT\n");
        }
        String longName = "b/" + "very-long-folder-name/".repeat(8) + "script.sh";
        return List.of(
                GeneratedFile.text("b/empty.txt", ""),
                GeneratedFile.text("b/one.txt", "x"),
                GeneratedFile.script("b/roles/web/apply.sh", text.toString()),
                new GeneratedFile("b/random.bin", random, false),
                GeneratedFile.text("b/r\u00e9sum\u00e9-\u00fcber.md", "caf\u00e9\n"),
                GeneratedFile.script(longName, "#!/bin/sh\necho long\n"));
    }

    @Test
    void bothArchivesReadBackWithEveryChecksumTheirReadersMake() throws IOException {
        List<GeneratedFile> files = awkwardFiles();
        Archives.Pair both = Archives.both(files, TIME);

        Map<String, byte[]> fromZip = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(both.zip()), StandardCharsets.UTF_8)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                // java.util.zip checks each entry's CRC-32 and sizes against its data as it reads.
                byte[] data = in.readAllBytes();
                if (!e.isDirectory()) {
                    fromZip.put(e.getName(), data);
                }
            }
        }
        Map<String, byte[]> fromTar = new LinkedHashMap<>();
        // GZIPInputStream checks the trailer: the CRC-32 and length of the whole tar.
        try (TarArchiveInputStream in = new TarArchiveInputStream(new GZIPInputStream(
                new ByteArrayInputStream(both.tarGz())), "UTF-8")) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null;) {
                if (!e.isDirectory()) {
                    fromTar.put(e.getName(), in.readAllBytes());
                }
            }
        }
        for (GeneratedFile f : files) {
            assertArrayEquals(f.content(), fromZip.get(f.path()), "zip: " + f.path());
            assertArrayEquals(f.content(), fromTar.get(f.path()), "tar.gz: " + f.path());
        }
        assertEquals(files.size(), fromZip.size());
        assertEquals(files.size(), fromTar.size());
    }

    @Test
    void theTarInsideIsTheTarCommonsCompressWritesByItself() throws IOException {
        List<GeneratedFile> files = awkwardFiles();
        byte[] tar;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(Archives.tarGz(files, TIME)))) {
            tar = in.readAllBytes();
        }
        assertArrayEquals(plainTar(files), tar, "the headers, padding and end records between the spliced files");
    }

    @Test
    void theZipAndTheTarGzCarryTheSameCompressedData() throws IOException {
        List<GeneratedFile> files = awkwardFiles();
        Archives.Pair both = Archives.both(files, TIME);
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(both.zip()))
                .get()) {
            for (GeneratedFile f : files) {
                ZipArchiveEntry e = zip.getEntry(f.path());
                assertEquals(ZipEntry.DEFLATED, e.getMethod(), f.path());
                assertFalse(e.getGeneralPurposeBit().usesDataDescriptor(),
                        f.path() + ": sizes in the local header, no data descriptor");
                byte[] raw;
                try (InputStream in = zip.getRawInputStream(e)) {
                    raw = in.readAllBytes();
                }
                // The zip entry ends with an empty final block; the blocks before it are in the tar.gz as they are.
                byte[] blocks = Arrays.copyOf(raw, raw.length - 2);
                assertArrayEquals(new byte[] {0x03, 0x00}, Arrays.copyOfRange(raw, raw.length - 2, raw.length));
                assertTrue(indexOf(both.tarGz(), blocks) >= 0, f.path() + ": its deflate blocks are in the tar.gz");
            }
        }
    }

    @Test
    void theSameFilesMakeTheSameBytes() {
        Archives.Pair first = Archives.both(awkwardFiles(), TIME);
        Archives.Pair second = Archives.both(awkwardFiles(), TIME);
        assertArrayEquals(first.zip(), second.zip());
        assertArrayEquals(first.tarGz(), second.tarGz());
        assertArrayEquals(first.zip(), Archives.zip(awkwardFiles(), TIME));
        assertArrayEquals(first.tarGz(), Archives.tarGz(awkwardFiles(), TIME));
    }

    /** Two shell texts as the scripts embed them: at line starts, alone, in runs with blank lines, twice, at the end. */
    private static final byte[] PROLOGUE = shell("fwdocs_prologue", 400);
    private static final byte[] FUNCTIONS = shell("fwdocs_functions", 900);

    private static List<GeneratedFile> scripts() {
        String p = new String(PROLOGUE, StandardCharsets.UTF_8);
        String f = new String(FUNCTIONS, StandardCharsets.UTF_8);
        return List.of(
                GeneratedFile.script("s/a.sh", "#!/bin/sh\n# role a\n" + p + "\n" + f + "apply a\n"),
                GeneratedFile.script("s/b.sh", "#!/bin/sh\n# role b, longer\n" + p + "rules b\n\n\n\n\n\n" + f),
                GeneratedFile.script("s/c.sh", p + "between\n" + p + "x " + f),
                GeneratedFile.script("s/d.sh", f),
                GeneratedFile.text("s/e.txt", p.substring(0, 2000)));
    }

    private static byte[] shell(String name, int lines) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            b.append(name).append("_").append(i % 37).append("() { printf '%s\\n' \"$").append(i % 9)
                    .append("\" >&2; }\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void filesThatHoldCommonTextsReadBackAsThemselves() throws IOException {
        List<GeneratedFile> files = new ArrayList<>(scripts());
        files.addAll(awkwardFiles());
        Archives.Pair both = Archives.both(files, TIME, List.of(PROLOGUE, FUNCTIONS, PROLOGUE.clone()));
        Map<String, byte[]> fromZip = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(both.zip()), StandardCharsets.UTF_8)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                fromZip.put(e.getName(), in.readAllBytes());
            }
        }
        byte[] tar;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(both.tarGz()))) {
            tar = in.readAllBytes();
        }
        assertArrayEquals(plainTar(files), tar);
        for (GeneratedFile f : files) {
            assertArrayEquals(f.content(), fromZip.get(f.path()), "zip: " + f.path());
        }
        assertArrayEquals(both.zip(), Archives.both(files, TIME, List.of(FUNCTIONS, PROLOGUE)).zip(),
                "the same texts in another order make the same bytes");
    }

    @Test
    void aCommonTextIsDeflatedOnceAndItsBlocksAreInEveryFileThatHoldsIt() throws IOException {
        Archives.Pair both = Archives.both(scripts(), TIME, List.of(PROLOGUE, FUNCTIONS));
        byte[] functions = alone(FUNCTIONS);
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(both.zip()))
                .get()) {
            for (String path : List.of("s/a.sh", "s/b.sh", "s/c.sh", "s/d.sh")) {
                byte[] raw;
                try (InputStream in = zip.getRawInputStream(zip.getEntry(path))) {
                    raw = in.readAllBytes();
                }
                // a.sh holds the prologue and the functions one blank line apart: one run, deflated together;
                // in c.sh the functions are not at the start of a line (not reused), the prologue is, twice.
                byte[] expected = switch (path) {
                    case "s/a.sh" -> alone(concat(PROLOGUE, "\n".getBytes(StandardCharsets.UTF_8), FUNCTIONS));
                    case "s/c.sh" -> alone(PROLOGUE);
                    default -> functions;
                };
                assertTrue(indexOf(raw, expected) >= 0, path + ": the common blocks, as they are");
            }
        }
    }

    /** The blocks of a text deflated alone: raw, level 6, a sync flush at the end. */
    private static byte[] alone(byte[] text) {
        java.util.zip.Deflater d = new java.util.zip.Deflater(6, true);
        try {
            d.setInput(text);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            for (int n; (n = d.deflate(buf, 0, buf.length, java.util.zip.Deflater.SYNC_FLUSH)) > 0 || !d.needsInput();) {
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** The tar as commons-compress writes it in one go, with the entries Archives makes. */
    private static byte[] plainTar(List<GeneratedFile> files) throws IOException {
        Map<String, GeneratedFile> byName = new LinkedHashMap<>();
        files.forEach(f -> byName.put(f.path(), f));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, "UTF-8")) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (String name : Archives.names(files)) {
                GeneratedFile f = byName.get(name);
                TarArchiveEntry e = new TarArchiveEntry(name, true);
                e.setModTime(FileTime.from(TIME.getEpochSecond(), TimeUnit.SECONDS));
                e.setUserId(0);
                e.setGroupId(0);
                e.setUserName("root");
                e.setGroupName("root");
                e.setMode(f == null ? 040755 : f.executable() ? 0100755 : 0100644);
                if (f != null) {
                    e.setSize(f.length());
                }
                tar.putArchiveEntry(e);
                if (f != null) {
                    f.writeTo(tar);
                }
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
