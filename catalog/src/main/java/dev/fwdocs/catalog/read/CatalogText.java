package dev.fwdocs.catalog.read;

import dev.fwdocs.catalog.Diagnostic;
import dev.fwdocs.catalog.SourceLocation;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** A catalog file's bytes as text: strict UTF-8, and the first bad byte or character YAML cannot take located. */
final class CatalogText {

    private CatalogText() {
    }

    /**
     * The file's text without a UTF-8 byte order mark, or null after adding one located error to {@code out} when
     * the bytes are not UTF-8 (strict: a lenient decoder would turn a bad byte into a silent U+FFFD).
     */
    static String decode(String file, byte[] bytes, List<Diagnostic> out) {
        String utf16 = utf16or32(bytes);
        if (utf16 != null) {
            out.add(Diagnostic.error(new SourceLocation(file, 1, 1), "the file is saved as " + utf16 + " (it starts "
                    + "with a " + utf16 + " byte order mark); fwdocs reads UTF-8 only, so save the file as UTF-8"));
            return null;
        }
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer chars = CharBuffer.allocate(bytes.length - start); // UTF-8 never decodes to more chars than bytes
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CoderResult result = decoder.decode(in, chars, true);
        if (!result.isError()) {
            result = decoder.flush(chars);
        }
        chars.flip();
        if (result.isError()) {
            int bad = bytes[in.position()] & 0xFF;
            out.add(Diagnostic.error(locate(file, chars), "the file is not valid UTF-8: byte "
                    + String.format(Locale.ROOT, "0x%02X", bad)
                    + " cannot appear here in UTF-8 (files saved as Latin-1 or Windows-1252 fail like this); save "
                    + "the file as UTF-8"));
            return null;
        }
        return chars.toString();
    }

    /**
     * True when every character of the text is one YAML allows; else false after adding one located error to
     * {@code out}. SnakeYAML would reject the same character, but at 1:1 and as a syntax error.
     */
    static boolean check(String file, String text, List<Diagnostic> out) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (!isYamlCharacter(c)) {
                String message = c == 0
                        ? "the file holds a NUL byte (0x00), which a text file never does; it was probably saved as "
                        + "UTF-16 without a byte order mark, so save it as UTF-8"
                        : "the file holds the control character " + String.format(Locale.ROOT, "U+%04X", c)
                        + ", which YAML does not allow; delete it";
                out.add(Diagnostic.error(locate(file, text.substring(0, i)), message));
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    /** The text with CRLF and every lone CR as LF: YAML takes all three for a line break. */
    static String lf(String text) {
        return text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** The name of the UTF-16 or UTF-32 byte order mark the bytes start with, or null. */
    private static String utf16or32(byte[] b) {
        int b0 = b.length > 0 ? b[0] & 0xFF : -1;
        int b1 = b.length > 1 ? b[1] & 0xFF : -1;
        int b2 = b.length > 2 ? b[2] & 0xFF : -1;
        int b3 = b.length > 3 ? b[3] & 0xFF : -1;
        if (b0 == 0xFF && b1 == 0xFE) {
            return b2 == 0 && b3 == 0 ? "UTF-32" : "UTF-16";
        }
        if (b0 == 0xFE && b1 == 0xFF) {
            return "UTF-16";
        }
        return b0 == 0 && b1 == 0 && b2 == 0xFE && b3 == 0xFF ? "UTF-32" : null;
    }

    /** What SnakeYAML's reader accepts (its {@code StreamReader.isPrintable}); the rest it rejects at 1:1. */
    private static boolean isYamlCharacter(int c) {
        return c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c <= 0x7E || c == 0x85
                || c >= 0xA0 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF;
    }

    /**
     * Where the text that follows {@code before} starts, counted as SnakeYAML counts its marks (so the location
     * matches the other messages): code points, 1-based; LF, NEL, LS, PS and a CR not followed by LF end a line.
     */
    static SourceLocation locate(String file, CharSequence before) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < before.length(); ) {
            int c = Character.codePointAt(before, i);
            i += Character.charCount(c);
            boolean lineBreak = c == '\n' || c == 0x85 || c == 0x2028 || c == 0x2029
                    || c == '\r' && (i >= before.length() || before.charAt(i) != '\n');
            if (lineBreak) {
                line++;
                column = 1;
            } else if (c != 0xFEFF) {
                column++;
            }
        }
        return new SourceLocation(file, line, column);
    }
}
