package dev.fwdocs.plugin.pages.markdown;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Escapes catalog text for where it lands in a page of one flavor. Plain text (names, ids) is made literal; catalog
 * Markdown (summary, descriptions, notes) stays Markdown but cannot inject HTML, MDX expressions or JSX, Liquid tags
 * (Jekyll), attribute lists (kramdown, MkDocs attr_list) or shortcodes (Hugo, also in code), cannot link or embed
 * anything but {@code http}, {@code https}, {@code mailto} and relative targets, and cannot break a table cell.
 */
public final class MarkdownEscaper {

    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})(.*)$");
    private static final Pattern ENDRAW = Pattern.compile("end(\\s*)raw");
    /** C0 (but tab and line feed), DEL, C1, and the bidi overrides and isolates that reorder what a reader sees. */
    private static final Pattern CONTROL = Pattern.compile(
            "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069]");
    /** The first brace of a Hugo shortcode's opening ({@code {{<}, {@code {{%}), which Hugo reads even in code. */
    private static final Pattern SHORTCODE = Pattern.compile("\\{(?=\\{[<%])");
    /** The shortcode fwdocs ships that writes one {@code {} as a character reference, in code too. */
    static final String HUGO_BRACE = "{{< fwdocs-lbrace >}}";
    /** A line MDX reads as JavaScript ({@code import}/{@code export} at its start), run in every reader's browser. */
    private static final Pattern ESM = Pattern.compile("(?m)^([ \\t]*)([ie])(mport|xport)(?=\\s|$)");
    private static final List<String> LINK_SCHEMES = List.of("http", "https", "mailto");
    /** A CommonMark autolink of a web or mail address: {@code <https://example.com/a_b>}. */
    private static final Pattern AUTOLINK = Pattern.compile("<((?:https?|mailto):[^\\s<>\\p{Cntrl}]+)>",
            Pattern.CASE_INSENSITIVE);
    /** A CommonMark email autolink: {@code <ops@example.com>}. */
    private static final Pattern EMAIL = Pattern.compile("<([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9]"
            + "(?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>");
    /** The delimiter row of a GFM table: {@code | --- | :-: |}. */
    private static final Pattern TABLE_DELIMITER = Pattern.compile(
            "^ {0,3}\\|?\\s*:?-+:?\\s*(\\|\\s*:?-+:?\\s*)*\\|?\\s*$");

    // Compiled once, not per call as String.replaceAll and replaceFirst do: the escaper runs for every cell of every
    // page, and a cold build spent its time compiling the same few regexes (and the JIT the regex compiler).
    /** "1." or "1)" at the start of a text, which would begin an ordered list. */
    private static final Pattern ORDERED_LIST_START = Pattern.compile("^(\\d+)([.)])(?=\\s|$)");
    /** A line break and the blanks around it, one space on one line. */
    private static final Pattern LINE_BREAK = Pattern.compile("\\s*\n\\s*");
    /** What a parser or browser drops from a link target: spaces, controls and {@code <}. */
    private static final Pattern NOT_IN_URL = Pattern.compile("[\\x00-\\x20\\x7f-\\x9f<]");

    private final Flavor flavor;

    public MarkdownEscaper(Flavor flavor) {
        this.flavor = flavor;
    }

    /** Plain text made literal, on one line (line breaks become spaces). */
    public String text(String s) {
        // Most cells (ports, protocols, names) have nothing to escape: they are returned without a copy or a regex,
        // which also keeps the escaping below cold enough that a short run does not JIT-compile all of it.
        return isLiteral(s) ? s : escapedText(s);
    }

    /**
     * Whether {@link #escapedText} would return {@code s} as it is: printable ASCII without the characters it escapes
     * or the controls and line breaks it replaces, no blank at either end, and no start that it escapes (a block
     * marker, a digit that could begin an ordered list, or in MDX an {@code import} or {@code export}).
     */
    boolean isLiteral(String s) {
        int n = s.length();
        if (n == 0) {
            return true;
        }
        char first = s.charAt(0);
        if (first == ' ' || s.charAt(n - 1) == ' ' || (first >= '0' && first <= '9') || "#-+=>".indexOf(first) >= 0
                || (flavor == Flavor.DOCUSAURUS && (first == 'i' || first == 'e'))) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < ' ' || c > '~' || "\\`*_[]~<&{}|".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** {@link #text} of text that may need escaping. */
    String escapedText(String s) {
        String one = oneLine(s);
        StringBuilder sb = new StringBuilder(one.length() + 8);
        for (int i = 0; i < one.length(); i++) {
            char c = one.charAt(i);
            switch (c) {
                case '\\', '`', '*', '_', '[', ']' -> sb.append('\\').append(c);
                // Python-Markdown cannot escape a tilde: the backslash would show
                case '~' -> sb.append(flavor == Flavor.MKDOCS ? "&#126;" : "\\~");
                case '<' -> sb.append("&lt;");
                case '&' -> sb.append(ENTITY.matcher(one).region(i, one.length()).lookingAt() ? "&amp;" : "&");
                case '{' -> sb.append(bracesSpecial() ? "&#123;" : "{");
                case '}' -> sb.append(bracesSpecial() ? "&#125;" : "}");
                case '|' -> sb.append("\\|");
                case '#', '-', '+', '=', '>' -> sb.append(i == 0 ? "\\" + c : String.valueOf(c));
                default -> sb.append(c);
            }
        }
        String out = esm(sb.toString());
        // "1." or "1)" at the start would begin an ordered list.
        return ORDERED_LIST_START.matcher(out).replaceFirst("$1\\\\$2");
    }

    /**
     * Plain text in a list item of the MkDocs navigation ({@code SUMMARY.md}): as {@link #text}, but a {@code |}
     * stays as it is, since no table can start there and Python-Markdown without the tables extension would show
     * the backslash. A {@code "} is written {@code &quot;}: Material puts the title into an attribute unescaped.
     */
    public String navText(String s) {
        String t = text(s).replace("\"", "&quot;");
        StringBuilder sb = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\\' && i + 1 < t.length()) {
                char next = t.charAt(i + 1);
                if (next != '|') {
                    sb.append(c);
                }
                sb.append(next);
                i++;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Plain text for a table cell (the same as {@link #text}: it already escapes {@code |}). */
    public String cellText(String s) {
        return text(s);
    }

    /** Catalog Markdown kept as Markdown (several blocks allowed), made safe for this flavor. */
    public String markdown(String s) {
        String normalized = controls(s.replace("\r\n", "\n").replace('\r', '\n').strip());
        String body = markdownBody(normalized);
        if (flavor == Flavor.JEKYLL && hasLiquid(body)) {
            // On lines of their own, so that a closing code fence stays alone on its line.
            return "{% raw %}\n\n" + ENDRAW.matcher(body).replaceAll("end$1 raw") + "\n\n{% endraw %}";
        }
        return shortcodes(body);
    }

    /** Catalog Markdown as one paragraph (line breaks become spaces), for list items and sentences. */
    public String inlineMarkdown(String s) {
        String one = oneLine(s);
        return shortcodes(liquidRaw(spans(one, proseRowsArePipes(), false), one));
    }

    /**
     * Catalog Markdown as one table cell: one line, {@code |} escaped outside code spans, and in a code span as
     * {@link #cellCode} writes it.
     */
    public String cellMarkdown(String s) {
        String one = oneLine(s);
        return shortcodes(liquidRaw(spans(one, true, true), one));
    }

    /** Text as an inline code span, on one line. */
    public String code(String s) {
        String one = oneLine(s);
        return shortcodes(liquidRaw(codeSpan(one), one));
    }

    /** Text as an inline code span inside a table cell. */
    public String cellCode(String s) {
        String one = oneLine(s);
        return shortcodes(liquidRaw(cellSpan(codeSpan(one)), one));
    }

    /**
     * A code span in a table cell. GFM (GitHub, Hugo's Goldmark, Docusaurus' remark-gfm) splits cells at a
     * {@code |} inside it unless it is written {@code \\|}; kramdown (Jekyll) and Python-Markdown (MkDocs) show that
     * backslash, and markdownlint reads their tables as GFM: for them a span with a {@code |} becomes a
     * {@code <code>} element whose punctuation is written as character references, which no parser splits or
     * reads as Markdown.
     */
    private String cellSpan(String span) {
        if (!span.contains("|")) {
            return span;
        }
        if (codePipesSplitCells()) {
            return span.replace("|", "\\|");
        }
        int ticks = runLength(span, 0);
        String inner = span.substring(ticks, span.length() - ticks);
        if (inner.length() >= 2 && inner.startsWith(" ") && inner.endsWith(" ") && !inner.isBlank()) {
            inner = inner.substring(1, inner.length() - 1);
        }
        StringBuilder sb = new StringBuilder("<code>");
        inner.codePoints().forEach(cp -> {
            if (cp < 0x80 && !Character.isLetterOrDigit(cp) && cp != ' ') {
                sb.append("&#").append(cp).append(';');
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.append("</code>").toString();
    }

    /** A fenced code block; the fence is longer than any backtick run inside, so the content cannot close it. */
    public String codeBlock(String s, String language) {
        String body = controls(s.replace("\r\n", "\n").replace('\r', '\n'));
        while (body.endsWith("\n")) {
            body = body.substring(0, body.length() - 1);
        }
        String fence = "`".repeat(Math.max(3, longestBacktickRun(body) + 1));
        String block = fence + (language == null ? "" : language) + "\n" + body + "\n" + fence;
        if (flavor == Flavor.JEKYLL && hasLiquid(body)) {
            return "{% raw %}\n\n" + ENDRAW.matcher(block).replaceAll("end$1 raw") + "\n\n{% endraw %}";
        }
        return shortcodes(block);
    }

    /** Whether the flavor's table parser splits cells at a {@code |} inside a code span (GFM does). */
    private boolean codePipesSplitCells() {
        return flavor == Flavor.PLAIN || flavor == Flavor.HUGO || flavor == Flavor.DOCUSAURUS;
    }

    /** Whether a {@code |} in a paragraph makes a table row: kramdown (Jekyll) reads any such line as one. */
    private boolean proseRowsArePipes() {
        return flavor == Flavor.JEKYLL;
    }

    private boolean bracesSpecial() {
        // MDX reads { as an expression, Liquid reads {{ and {%, Hugo reads {{< and {{%, kramdown and MkDocs'
        // attr_list read {: ...} and { ... } as attributes of the element before.
        return flavor != Flavor.PLAIN;
    }

    /**
     * Hugo reads shortcodes before Markdown, inside code spans and code blocks too, where no character reference
     * works: there the first brace of each {@code {{<} or {@code {{%} becomes fwdocs' {@code fwdocs-lbrace}
     * shortcode, whose output (a character reference) Hugo puts back after rendering, also inside code.
     */
    private String shortcodes(String s) {
        if (flavor != Flavor.HUGO || !s.contains("{{")) {
            return s;
        }
        return SHORTCODE.matcher(s).replaceAll(Matcher.quoteReplacement(HUGO_BRACE));
    }

    private static String oneLine(String s) {
        String t = s.replace("\r\n", "\n").replace('\r', '\n').strip();
        return controls(t.indexOf('\n') < 0 ? t : LINE_BREAK.matcher(t).replaceAll(" "));
    }

    /**
     * Control characters other than line feed and tab shown as U+FFFD: HTML does not allow them (Docusaurus'
     * minifier reports them), and a terminal would act on one pasted from a code block.
     */
    private static String controls(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (isControl(s.charAt(i))) {
                return CONTROL.matcher(s).replaceAll("\uFFFD");
            }
        }
        return s;
    }

    /** {@link #CONTROL}'s characters (all in the BMP and none a surrogate, so one char is one code point). */
    private static boolean isControl(char c) {
        return c <= 0x08 || c == 0x0b || c == 0x0c || (c >= 0x0e && c <= 0x1f) || (c >= 0x7f && c <= 0x9f)
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }

    /** Liquid runs before Markdown, also inside code: wrap text that still holds {{ or {% in a raw block. */
    private String liquidRaw(String escaped, String unused) {
        if (flavor != Flavor.JEKYLL || !hasLiquid(escaped)) {
            return escaped;
        }
        return "{% raw %}" + ENDRAW.matcher(escaped).replaceAll("end$1 raw") + "{% endraw %}";
    }

    private String markdownBody(String s) {
        List<String> out = new ArrayList<>();
        List<String> para = new ArrayList<>();
        String[] lines = s.split("\n", -1);
        String fenceChar = null;
        int fenceLen = 0;
        for (String line : lines) {
            if (fenceChar != null) {
                out.add(line);
                Matcher m = FENCE.matcher(line);
                if (m.matches() && m.group(1).startsWith(fenceChar) && m.group(1).length() >= fenceLen
                        && m.group(2).isBlank()) {
                    fenceChar = null;
                }
                continue;
            }
            Matcher m = FENCE.matcher(line);
            if (m.matches() && !(m.group(1).startsWith("`") && m.group(2).contains("`"))) {
                flush(para, out);
                fenceChar = m.group(1).substring(0, 1);
                fenceLen = m.group(1).length();
                out.add(line);
                continue;
            }
            para.add(line);
        }
        flush(para, out);
        if (fenceChar != null) {
            out.add(fenceChar.repeat(fenceLen)); // an unclosed fence would swallow the rest of the page
        }
        return String.join("\n", out);
    }

    private void flush(List<String> para, List<String> out) {
        if (para.isEmpty()) {
            return;
        }
        // Blocks between blank lines: a GFM table in the catalog text keeps its pipes, prose escapes them where
        // the flavor would read a line with a pipe as a table row.
        List<String> block = new ArrayList<>();
        for (String line : para) {
            if (line.isBlank()) {
                flushBlock(block, out);
                out.add(line);
            } else {
                block.add(line);
            }
        }
        flushBlock(block, out);
        para.clear();
    }

    private void flushBlock(List<String> block, List<String> out) {
        if (block.isEmpty()) {
            return;
        }
        boolean table = block.size() >= 2 && block.get(0).contains("|")
                && TABLE_DELIMITER.matcher(block.get(1)).matches();
        out.add(spans(String.join("\n", block), proseRowsArePipes() && !table, false));
        block.clear();
    }

    /**
     * Escapes text outside code spans ({@code |} too when {@code textPipes}); code spans are kept as they are (their
     * content is literal in every flavor), but in a table {@code cell} as {@link #cellSpan} writes them.
     */
    private String spans(String s, boolean textPipes, boolean cell) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        int textStart = 0;
        while (i < s.length()) {
            if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                i += 2; // an escaped character (possibly a backtick) stays escaped
                continue;
            }
            if (s.charAt(i) == '`') {
                int run = runLength(s, i);
                int close = findClosingRun(s, i + run, run);
                if (close >= 0) {
                    sb.append(markdownText(s.substring(textStart, i), textPipes));
                    String span = s.substring(i, close + run);
                    sb.append(cell ? cellSpan(span) : span);
                    i = close + run;
                    textStart = i;
                    continue;
                }
                i += run;
                continue;
            }
            i++;
        }
        sb.append(markdownText(s.substring(textStart), textPipes));
        return sb.toString();
    }

    private static int runLength(String s, int at) {
        int j = at;
        while (j < s.length() && s.charAt(j) == '`') {
            j++;
        }
        return j - at;
    }

    private static int findClosingRun(String s, int from, int len) {
        int j = from;
        while (j < s.length()) {
            if (s.charAt(j) == '`') {
                int run = runLength(s, j);
                if (run == len) {
                    return j;
                }
                j += run;
            } else {
                j++;
            }
        }
        return -1;
    }

    /**
     * Markdown outside code: HTML, JSX and template syntax neutralised ({@code |} too when {@code pipes}), autolinks
     * of web and mail addresses written as links (MDX has no autolinks, and {@code <} is escaped everywhere else);
     * other Markdown syntax left alone.
     */
    private String markdownText(String s, boolean pipes) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '<') {
                Matcher web = AUTOLINK.matcher(s).region(i, s.length());
                Matcher mail = EMAIL.matcher(s).region(i, s.length());
                if (web.lookingAt()) {
                    sb.append(link(web.group(1), web.group(1)));
                    i = web.end() - 1;
                    continue;
                }
                if (mail.lookingAt()) {
                    sb.append(link(mail.group(1), "mailto:" + mail.group(1)));
                    i = mail.end() - 1;
                    continue;
                }
            }
            if (c == '|' && pipes) {
                sb.append("\\|");
                continue;
            }
            if (c == '\\' && i + 1 < s.length()) {
                char next = s.charAt(i + 1);
                if (next == '<' || next == '{' || next == '}') {
                    continue; // the escape below makes the next character literal anyway
                }
                sb.append(c).append(next);
                i++;
                continue;
            }
            if (c == ']' && i + 1 < s.length() && (s.charAt(i + 1) == '(' || s.charAt(i + 1) == ':')
                    && !allowedTarget(s, i + 2)) {
                // Not a link or a link reference definition any more; the reference shows the same character.
                sb.append(s.charAt(i + 1) == '(' ? "]&#40;" : "]&#58;");
                i++;
                continue;
            }
            if (c == '!' && i + 1 < s.length() && s.charAt(i + 1) == '[') {
                sb.append("\\!"); // an image would make the page load the catalog's URL: a link at most
                continue;
            }
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '{' -> sb.append(bracesSpecial() ? "&#123;" : "{");
                case '}' -> sb.append(bracesSpecial() ? "&#125;" : "}");
                default -> sb.append(c);
            }
        }
        return esm(sb.toString());
    }

    /** In MDX, the first letter of {@code import} or {@code export} at a line's start as a character reference. */
    private String esm(String s) {
        if (flavor != Flavor.DOCUSAURUS || !(s.contains("mport") || s.contains("xport"))) {
            return s;
        }
        return ESM.matcher(s).replaceAll(m -> m.group(1) + "&#" + (int) m.group(2).charAt(0) + ";" + m.group(3));
    }

    /**
     * Whether the link target that starts at {@code from} (after {@code ](} or {@code ]:}) is http, https, mailto or
     * relative, read as strictly as any parser or browser would: spaces, controls and {@code <} dropped (browsers
     * drop tabs and line breaks inside a URL), and a character reference or backslash before the first {@code /},
     * {@code ?} or {@code #} never counts as relative (a parser may decode {@code javascript&colon;}).
     */
    static boolean allowedTarget(String s, int from) {
        int end = from;
        while (end < s.length() && "/?#)>\"'(`".indexOf(s.charAt(end)) < 0
                && !(s.charAt(end) == '\n' && end + 1 < s.length() && s.charAt(end + 1) == '\n')) {
            end++;
        }
        String target = NOT_IN_URL.matcher(s.substring(from, end)).replaceAll("");
        if (target.indexOf('&') >= 0 || target.indexOf('\\') >= 0) {
            return false;
        }
        int colon = target.indexOf(':');
        return colon < 0 || LINK_SCHEMES.contains(target.substring(0, colon).toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * A Markdown link whose text is {@code text} made literal and whose destination is {@code url} with the
     * characters that could end it or reach a template engine percent-encoded.
     */
    private String link(String text, String url) {
        StringBuilder dest = new StringBuilder(url.length());
        for (char ch : url.toCharArray()) {
            switch (ch) {
                case '(', ')', '\\', '{', '}', '|', '`', '"' ->
                        dest.append('%').append(String.format("%02X", (int) ch));
                default -> dest.append(ch);
            }
        }
        return "[" + text(text) + "](" + dest + ")";
    }

    private static String codeSpan(String s) {
        String ticks = "`".repeat(longestBacktickRun(s) + 1);
        boolean pad = s.startsWith("`") || s.endsWith("`") || (s.startsWith(" ") && s.endsWith(" ") && !s.isBlank());
        return ticks + (pad ? " " : "") + s + (pad ? " " : "") + ticks;
    }

    private static int longestBacktickRun(String s) {
        int longest = 0;
        for (int i = s.indexOf('`'); i >= 0; i = s.indexOf('`', i)) {
            int run = runLength(s, i);
            longest = Math.max(longest, run);
            i += run;
        }
        return longest;
    }

    /** Whether Liquid would read a tag or an output in {@code s}: {@code {{} or {@code {%}. */
    private static boolean hasLiquid(String s) {
        return s.contains("{{") || s.contains("{%");
    }
}
