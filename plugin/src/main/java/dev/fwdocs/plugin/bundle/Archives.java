package dev.fwdocs.plugin.bundle;

import dev.fwdocs.plugin.render.GeneratedFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Zip and tar.gz of a list of files, byte-identical for the same files and time whatever the clock, time zone or
 * thread: entries sorted by name (each folder before its files), every entry at the one given time, owner and group
 * 0 named root, mode 0755 for scripts and folders and 0644 for the rest, and no file name or time in the gzip header.
 */
public final class Archives {

    private static final int FILE = 0100000;
    private static final int DIR = 040000;

    /** Zip stores local date and time from 1980 on, two-second steps. */
    private static final Instant ZIP_MIN = Instant.parse("1980-01-01T00:00:00Z");

    /**
     * zlib's default level, as gzip and zip use: on these scripts level 9 made archives 0.6 % smaller and took half
     * again as long, the largest share of a small site's generate run.
     */
    private static final int LEVEL = 6;

    private Archives() {
    }

    /** A zip of the files (paths relative, '/' separated), all dated {@code time}. */
    public static byte[] zip(List<GeneratedFile> files, Instant time) {
        // A seekable target: sizes and checksums go into the local headers, no data descriptors.
        SeekableInMemoryByteChannel bytes = new SeekableInMemoryByteChannel();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            zip.setLevel(LEVEL);
            zip.setEncoding("UTF-8");
            Map<String, GeneratedFile> byName = byName(files);
            for (String name : names(files)) {
                ZipArchiveEntry e = new ZipArchiveEntry(name);
                // Zip keeps a local date and time, which commons-compress computes in the JVM's time zone: give it
                // the instant whose local time there reads as the UTC time, so every zone writes the same fields.
                e.setTime(zipLocal(time));
                GeneratedFile f = byName.get(name);
                e.setUnixMode(f == null ? DIR | 0755 : FILE | (f.executable() ? 0755 : 0644));
                zip.putArchiveEntry(e);
                if (f != null) {
                    f.writeTo(zip);
                }
                zip.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory zip failed", e);
        }
        return java.util.Arrays.copyOf(bytes.array(), (int) bytes.size());
    }

    /** A gzip-compressed POSIX tar of the files, all dated {@code time}. */
    public static byte[] tarGz(List<GeneratedFile> files, Instant time) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GzipParameters gzip = new GzipParameters();
        gzip.setCompressionLevel(LEVEL);
        gzip.setModificationTime(0);
        gzip.setOperatingSystem(3);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes, gzip),
                "UTF-8")) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            Map<String, GeneratedFile> byName = byName(files);
            for (String name : names(files)) {
                GeneratedFile f = byName.get(name);
                TarArchiveEntry e = new TarArchiveEntry(name, true);
                e.setModTime(FileTime.from(time.getEpochSecond(), java.util.concurrent.TimeUnit.SECONDS));
                e.setUserId(0);
                e.setGroupId(0);
                e.setUserName("root");
                e.setGroupName("root");
                if (f == null) {
                    e.setMode(DIR | 0755);
                } else {
                    e.setMode(FILE | (f.executable() ? 0755 : 0644));
                    e.setSize(f.length());
                }
                tar.putArchiveEntry(e);
                if (f != null) {
                    f.writeTo(tar);
                }
                tar.closeArchiveEntry();
            }
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory tar.gz failed", e);
        }
        return bytes.toByteArray();
    }

    /** Every file and every folder above one (folders end in '/'), sorted so that a folder comes before its files. */
    static List<String> names(List<GeneratedFile> files) {
        TreeSet<String> names = new TreeSet<>(Comparator.comparing((String n) -> n.replace('/', '\u0000')));
        for (GeneratedFile f : files) {
            if (!names.add(f.path())) {
                throw new IllegalArgumentException("two archive entries named " + f.path());
            }
            for (int i = f.path().indexOf('/'); i >= 0; i = f.path().indexOf('/', i + 1)) {
                names.add(f.path().substring(0, i + 1));
            }
        }
        return List.copyOf(names);
    }

    /** The files by path (a folder's name, ending in '/', is in no file's path). */
    private static Map<String, GeneratedFile> byName(List<GeneratedFile> files) {
        Map<String, GeneratedFile> out = new HashMap<>();
        files.forEach(f -> out.put(f.path(), f));
        return out;
    }

    private static long zipLocal(Instant time) {
        Instant t = time.isBefore(ZIP_MIN) ? ZIP_MIN : time;
        LocalDateTime utc = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
        return utc.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
    }
}
