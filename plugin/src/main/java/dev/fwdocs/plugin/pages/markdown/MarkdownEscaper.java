package dev.fwdocs.plugin.pages.markdown;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Escapes catalog text for where it lands in a page of one flavor. Plain text (names, ids) is made literal; catalog
 * Markdown (summary, descriptions, notes) stays Markdown but cannot inject HTML, MDX expressions or JSX, Liquid tags
 * (Jekyll) or shortcodes (Hugo), and cannot break a table cell.
 */
public final class MarkdownEscaper {

    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})(.*)$");
    private static final Pattern LIQUID = Pattern.compile("\\{[{%]");
    private static final Pattern ENDRAW = Pattern.compile("end(\\s*)raw");

    private final Flavor flavor;

    public MarkdownEscaper(Flavor flavor) {
        this.flavor = flavor;
    }

    /** Plain text made literal, on one line (line breaks become spaces). */
    public String text(String s) {
        String one = oneLine(s);
        StringBuilder sb = new StringBuilder(one.length() + 8);
        for (int i = 0; i < one.length(); i++) {
            char c = one.charAt(i);
            switch (c) {
                case '\\', '`', '*', '_', '[', ']', '~' -> sb.append('\\').append(c);
                case '<' -> sb.append("&lt;");
                case '&' -> sb.append(ENTITY.matcher(one).region(i, one.length()).lookingAt() ? "&amp;" : "&");
                case '{' -> sb.append(bracesSpecial() ? "&#123;" : "{");
                case '}' -> sb.append(bracesSpecial() ? "&#125;" : "}");
                case '|' -> sb.append("\\|");
                case '#', '-', '+', '=', '>' -> sb.append(i == 0 ? "\\" + c : String.valueOf(c));
                default -> sb.append(c);
            }
        }
        String out = sb.toString();
        // "1." or "1)" at the start would begin an ordered list.
        return out.replaceFirst("^(\\d+)([.)])(?=\\s|$)", "$1\\\\$2");
    }

    /** Plain text for a table cell (the same as {@link #text}: it already escapes {@code |}). */
    public String cellText(String s) {
        return text(s);
    }

    /** Catalog Markdown kept as Markdown (several blocks allowed), made safe for this flavor. */
    public String markdown(String s) {
        String normalized = s.replace("\r\n", "\n").replace('\r', '\n').strip();
        String body = markdownBody(normalized);
        if (flavor == Flavor.JEKYLL && LIQUID.matcher(body).find()) {
            // On lines of their own, so that a closing code fence stays alone on its line.
            return "{% raw %}\n\n" + ENDRAW.matcher(body).replaceAll("end$1 raw") + "\n\n{% endraw %}";
        }
        return body;
    }

    /** Catalog Markdown as one paragraph (line breaks become spaces), for list items and sentences. */
    public String inlineMarkdown(String s) {
        String one = oneLine(s);
        return liquidRaw(spans(one), one);
    }

    /** Catalog Markdown as one table cell: one line, {@code |} escaped everywhere (GFM needs it inside code spans too). */
    public String cellMarkdown(String s) {
        String one = oneLine(s);
        return liquidRaw(spans(one).replace("|", "\\|"), one);
    }

    /** Text as an inline code span, on one line. */
    public String code(String s) {
        String one = oneLine(s);
        return liquidRaw(codeSpan(one), one);
    }

    /** Text as an inline code span inside a table cell. */
    public String cellCode(String s) {
        String one = oneLine(s);
        return liquidRaw(codeSpan(one).replace("|", "\\|"), one);
    }

    /** A fenced code block; the fence is longer than any backtick run inside, so the content cannot close it. */
    public String codeBlock(String s, String language) {
        String body = s.replace("\r\n", "\n").replace('\r', '\n');
        while (body.endsWith("\n")) {
            body = body.substring(0, body.length() - 1);
        }
        int longest = 0;
        Matcher m = Pattern.compile("`+").matcher(body);
        while (m.find()) {
            longest = Math.max(longest, m.group().length());
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        String block = fence + (language == null ? "" : language) + "\n" + body + "\n" + fence;
        if (flavor == Flavor.JEKYLL && LIQUID.matcher(body).find()) {
            return "{% raw %}\n\n" + ENDRAW.matcher(block).replaceAll("end$1 raw") + "\n\n{% endraw %}";
        }
        return block;
    }

    private boolean bracesSpecial() {
        // MDX reads { as an expression, Liquid reads {{ and {%, Hugo reads {{< and {{%.
        return flavor == Flavor.DOCUSAURUS || flavor == Flavor.JEKYLL || flavor == Flavor.HUGO;
    }

    private static String oneLine(String s) {
        return s.replace("\r\n", "\n").replace('\r', '\n').strip().replaceAll("\\s*\n\\s*", " ");
    }

    /** Liquid runs before Markdown, also inside code: wrap text that still holds {{ or {% in a raw block. */
    private String liquidRaw(String escaped, String unused) {
        if (flavor != Flavor.JEKYLL || !LIQUID.matcher(escaped).find()) {
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
        if (!para.isEmpty()) {
            out.add(spans(String.join("\n", para)));
            para.clear();
        }
    }

    /** Escapes text outside code spans; code spans are kept as they are (their content is literal in every flavor). */
    private String spans(String s) {
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
                    sb.append(markdownText(s.substring(textStart, i)));
                    sb.append(s, i, close + run);
                    i = close + run;
                    textStart = i;
                    continue;
                }
                i += run;
                continue;
            }
            i++;
        }
        sb.append(markdownText(s.substring(textStart)));
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

    /** Markdown outside code: HTML, JSX and template syntax neutralised; Markdown syntax left alone. */
    private String markdownText(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char next = s.charAt(i + 1);
                if (next == '<' || next == '{' || next == '}') {
                    continue; // the escape below makes the next character literal anyway
                }
                sb.append(c).append(next);
                i++;
                continue;
            }
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '{' -> sb.append(bracesSpecial() ? "&#123;" : "{");
                case '}' -> sb.append(bracesSpecial() ? "&#125;" : "}");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String codeSpan(String s) {
        int longest = 0;
        Matcher m = Pattern.compile("`+").matcher(s);
        while (m.find()) {
            longest = Math.max(longest, m.group().length());
        }
        String ticks = "`".repeat(longest + 1);
        boolean pad = s.startsWith("`") || s.endsWith("`") || (s.startsWith(" ") && s.endsWith(" ") && !s.isBlank());
        return ticks + (pad ? " " : "") + s + (pad ? " " : "") + ticks;
    }
}
