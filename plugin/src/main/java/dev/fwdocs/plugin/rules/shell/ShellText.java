package dev.fwdocs.plugin.rules.shell;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Catalog text made safe for generated scripts and rule files: comments within each backend's byte limit, one-line
 * help text, deterministic names within length limits, and ids as variable-name words.
 */
public final class ShellText {

    /** iptables rejects comments of 256 bytes or more. */
    public static final int IPTABLES_COMMENT_BYTES = 255;
    /** nftables accepts comments of at most 128 bytes. */
    public static final int NFT_COMMENT_BYTES = 128;
    /** iptables chain names hold at most 28 characters. */
    public static final int IPTABLES_CHAIN_CHARS = 28;

    private ShellText() {
    }

    /**
     * Catalog text made safe for a quoted comment in any backend: control characters, line breaks and invisible
     * format characters become spaces, the characters that mean something in shells or rule files
     * ({@code " ' ` $ \}) are dropped, runs of spaces collapse, and the result is cut on a character boundary to at
     * most {@code maxBytes} UTF-8 bytes. Never returns an empty string (iptables rejects empty comments): an empty
     * result becomes {@code fallback}, sanitized the same way.
     */
    public static String comment(String text, int maxBytes, String fallback) {
        String s = clean(text, maxBytes, COMMENT_DROPS);
        if (s.isEmpty()) {
            s = clean(fallback, maxBytes, COMMENT_DROPS);
        }
        return s.isEmpty() ? "-" : s;
    }

    /** What comments and one-line help text leave out: the characters with a meaning in shells or rule files. */
    private static final String COMMENT_DROPS = "\"'`$\\";
    /** What help paragraphs leave out: they sit in a quoted here-document, where quotes mean nothing. */
    private static final String HELP_DROPS = "`$\\";

    /**
     * A paragraph of help text as lines of at most {@code width} columns (a longer word stands alone): the first
     * line starts with {@code first}, the others with {@code indent}. Line breaks and control characters become
     * spaces and {@code ` $ \} are dropped, but quotes and apostrophes stay (the help is a quoted here-document);
     * nothing is cut.
     */
    public static List<String> wrap(String text, int width, String first, String indent) {
        // Most help text is the same in every script of a backend (the options): wrapped once, not per script.
        String key = width + "\u0000" + first + "\u0000" + indent + "\u0000" + text;
        List<String> known = WRAPPED.get(key);
        if (known == null) {
            known = wrapped(text, width, first, indent);
            if (WRAPPED.size() < WRAPPED_MAX) {
                WRAPPED.putIfAbsent(key, known);
            }
        }
        return known;
    }

    /** Paragraphs wrapped so far, by width, prefixes and text; a pure function's results, so shared by threads. */
    private static final Map<String, List<String>> WRAPPED = new ConcurrentHashMap<>();
    /** How many wrapped paragraphs are kept at most: the constant ones come first, in the first scripts. */
    private static final int WRAPPED_MAX = 4096;

    private static List<String> wrapped(String text, int width, String first, String indent) {
        String s = clean(text, Integer.MAX_VALUE, HELP_DROPS);
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder(first);
        int columns = columns(first);
        boolean empty = true;
        for (int start = 0, end; start < s.length(); start = end + 1) {
            end = s.indexOf(' ', start);
            if (end < 0) {
                end = s.length();
            }
            String word = s.substring(start, end);
            if (word.isEmpty()) {
                continue;
            }
            int wordColumns = columns(word);
            if (!empty && columns + 1 + wordColumns > width) {
                out.add(line.toString());
                line = new StringBuilder(indent);
                columns = columns(indent);
                empty = true;
            }
            if (!empty) {
                line.append(' ');
                columns++;
            }
            line.append(word);
            columns += wordColumns;
            empty = false;
        }
        out.add(line.toString().stripTrailing());
        return List.copyOf(out);
    }

    private static int columns(CharSequence s) {
        return Character.codePointCount(s, 0, s.length());
    }

    /** {@link #comment(String, int, String)} with {@code -} as the fallback. */
    public static String comment(String text, int maxBytes) {
        return comment(text, maxBytes, "-");
    }

    static String clean(String text, int maxBytes, String drops) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        if (plain(text, drops)) {
            // What cleanFully would make of it, without the copies.
            return text.length() <= maxBytes ? text : text.substring(0, maxBytes).strip();
        }
        return cleanFully(text, maxBytes, drops);
    }

    /** {@link #clean} character by character, for any text. */
    static String cleanFully(String text, int maxBytes, String drops) {
        StringBuilder sb = new StringBuilder(text.length());
        boolean space = true; // drops leading spaces
        boolean ascii = true;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) {
                // ASCII, most of any catalog, without the Unicode tables: blank are the controls and the space.
                if (drops.indexOf(cp) >= 0) {
                    continue;
                }
                if (cp <= ' ' || cp == 0x7f) {
                    if (!space) {
                        sb.append(' ');
                        space = true;
                    }
                } else {
                    sb.append((char) cp);
                    space = false;
                }
                continue;
            }
            ascii = false;
            int type = Character.getType(cp);
            boolean blank = Character.isWhitespace(cp) || Character.isSpaceChar(cp) || type == Character.CONTROL
                    || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.PRIVATE_USE
                    || type == Character.SURROGATE || type == Character.UNASSIGNED;
            if (blank) {
                if (!space) {
                    sb.append(' ');
                    space = true;
                }
                continue;
            }
            sb.appendCodePoint(cp);
            space = false;
        }
        String s = sb.toString().strip();
        if (ascii) {
            // One byte per character.
            return s.length() <= maxBytes ? s : s.substring(0, maxBytes).strip();
        }
        return truncateUtf8(s, maxBytes).strip();
    }

    /**
     * Whether {@code text} is printable ASCII without {@code drops}, with single spaces between words and none at
     * either end: text {@link #clean} leaves as it is, found by a loop small enough to compile at once (most catalog
     * text is such, and the full loop, with the Unicode tables it inlines, was one of the run's costliest methods
     * for the JIT).
     */
    private static boolean plain(String text, String drops) {
        int n = text.length();
        if (n > 0 && (text.charAt(0) == ' ' || text.charAt(n - 1) == ' ')) {
            return false;
        }
        char previous = 'x';
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < ' ' || c > '~' || c == ' ' && previous == ' ' || drops.indexOf(c) >= 0) {
                return false;
            }
            previous = c;
        }
        return true;
    }

    /** The longest prefix of {@code s} whose UTF-8 encoding has at most {@code maxBytes} bytes, cut between code points. */
    public static String truncateUtf8(String s, int maxBytes) {
        if (s.length() <= maxBytes / 3) {
            return s; // no UTF-16 unit takes more than 3 bytes in UTF-8
        }
        int bytes = 0;
        int end = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + n > maxBytes) {
                break;
            }
            bytes += n;
            i += Character.charCount(cp);
            end = i;
        }
        return s.substring(0, end);
    }

    /** Catalog text made safe for a {@code #} line or help line of a script: one line, no shell meaning, bounded. */
    public static String line(String text, int maxBytes) {
        return comment(text, maxBytes);
    }

    /**
     * A deterministic name of at most {@code maxChars} characters: {@code prefix + parts joined by '-' + suffix}; when
     * that is too long, the joined parts are cut and a 6-hex-digit hash of the full parts is put before the suffix so
     * that different products and roles still get different names. Example:
     * {@code shortName("FWD-", List.of("storageos", "node"), "-IN", 28)} is {@code FWD-storageos-node-IN}.
     */
    public static String shortName(String prefix, List<String> parts, String suffix, int maxChars) {
        String joined = String.join("-", parts);
        String full = prefix + joined + suffix;
        if (full.length() <= maxChars) {
            return full;
        }
        String hash = sha256Hex(String.join("/", parts)).substring(0, 6);
        int room = maxChars - prefix.length() - suffix.length() - hash.length() - 1;
        if (room < 1) {
            throw new IllegalArgumentException("no room for a name within " + maxChars + " characters");
        }
        String cut = joined.substring(0, room);
        while (cut.endsWith("-")) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return prefix + cut + "-" + hash + suffix;
    }

    private static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** An id as it appears in variable names: upper case, {@code -} becomes {@code _} ({@code control-plane} -> {@code CONTROL_PLANE}). */
    public static String idWord(String id) {
        return id.toUpperCase(Locale.ROOT).replace('-', '_');
    }

}
