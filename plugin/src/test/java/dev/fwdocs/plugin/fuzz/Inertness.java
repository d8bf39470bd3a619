package dev.fwdocs.plugin.fuzz;

import dev.fwdocs.plugin.pages.markdown.Flavor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Document;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * What makes a generated page or script inert, checked on the text fwdocs wrote, whatever the catalog said. The page
 * checks follow {@code MarkdownEscaper}: outside code, every {@code <} of catalog text is {@code &lt;} and every
 * brace a character reference (Hugo, Jekyll, MkDocs, Docusaurus), so the only HTML (JSX) and braces left are the
 * templates' own; a link goes to http, https, mailto or a relative target; Hugo's shortcodes and Liquid, which run
 * before Markdown and inside code, appear only as the templates write them; no page holds a control or bidi
 * character. Pages are read with commonmark-java (GFM tables) and its source positions, to tell code from text.
 */
final class Inertness {

    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();
    /** A table cell's text read on its own (see {@code visit(CustomNode)}). */
    private static final Parser CELL_PARSER = Parser.builder()
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();

    /** C0 but tab and line feed, DEL, C1, bidi embeddings, overrides and isolates. */
    private static final Pattern CONTROL = Pattern.compile(
            "[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069]");
    /** The templates' own HTML: collapsible command blocks, code in table cells, Docusaurus' tabs. */
    private static final Pattern OWN_TAG = Pattern.compile("</?(details|summary|code)>|<details markdown=\"1\">"
            + "|</Tabs>|</TabItem>"
            + "|<Tabs groupId=\"[a-z0-9-]+\">|<TabItem value=\"[a-z0-9-]+\" label=\"[^\"<>{}&]*\">");
    /** The templates' own Hugo shortcodes; the catalog's are broken by {@code fwdocs-lbrace}. */
    private static final Set<String> OWN_SHORTCODES = Set.of("fwdocs-tabs", "fwdocs-tab", "relref", "fwdocs-lbrace");
    private static final Pattern SHORTCODE = Pattern.compile("\\{\\{[<%]\\s*/?\\s*([^\\s>%]*)");
    private static final Pattern OWN_SHORTCODE = Pattern.compile(
            "\\{\\{< /?(fwdocs-tabs|fwdocs-tab|relref|fwdocs-lbrace)"
            + "( [a-z]+=\"[^\"{}<>]*\"| \"[^\"{}<>]*\")* >\\}\\}");
    private static final Pattern LIQUID = Pattern.compile("\\{[{%]");
    private static final Pattern RAW = Pattern.compile("\\{%\\s*raw\\s*%\\}");
    private static final Pattern ENDRAW = Pattern.compile("\\{%-?\\s*endraw\\s*-?%\\}");
    private static final Pattern SCHEME = Pattern.compile("^([a-z][a-z0-9+.-]*):");
    private static final Set<String> LINK_SCHEMES = Set.of("http", "https", "mailto");
    private static final Set<String> OWN_IMPORTS = Set.of("import Tabs from '@theme/Tabs';",
            "import TabItem from '@theme/TabItem';");

    /** A here-document's start: its word quoted (data) or not (expanded, so code). */
    private static final Pattern HEREDOC = Pattern.compile("<<-?\\s*(?:'([A-Za-z_][A-Za-z0-9_]*)'"
            + "|\"([A-Za-z_][A-Za-z0-9_]*)\""
            + "|\\\\([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))");

    private Inertness() {
    }

    /** Every finding on one Markdown page of {@code flavor} ({@code path} names it in the findings). */
    static List<String> markdownPage(Flavor flavor, String path, String page) {
        List<String> found = new ArrayList<>();
        Matcher control = CONTROL.matcher(page);
        if (control.find()) {
            found.add(path + ": U+" + String.format(Locale.ROOT, "%04X", (int) control.group().charAt(0)));
        }
        String body = withoutFrontMatter(flavor, page);
        if (flavor == Flavor.HUGO) {
            Matcher m = SHORTCODE.matcher(body);
            while (m.find()) {
                if (!OWN_SHORTCODES.contains(m.group(1))) {
                    found.add(path + ": Hugo shortcode " + excerpt(body, m.start()));
                }
            }
        }
        if (flavor == Flavor.JEKYLL) {
            liquid(path, body, found);
        }
        Node doc = PARSER.parse(body);
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(HtmlInline h) {
                if (!OWN_TAG.matcher(h.getLiteral()).matches()) {
                    found.add(path + ": HTML " + h.getLiteral());
                }
            }

            @Override
            public void visit(HtmlBlock h) {
                // the templates' tags around text (a summary's title), which Markdown leaves alone in an HTML block
                String rest = OWN_TAG.matcher(h.getLiteral()).replaceAll("");
                String literal = h.getLiteral().strip();
                boolean header = h.getPrevious() == null && literal.startsWith("<!--")
                        && literal.indexOf("-->") == literal.length() - 3;
                if ((rest.contains("<") || (flavor != Flavor.PLAIN && (rest.contains("{") || rest.contains("}"))))
                        && !header) {
                    found.add(path + ": HTML block " + excerpt(h.getLiteral(), 0));
                }
            }

            @Override
            public void visit(Link l) {
                target(path, "link", l.getDestination(), found);
                visitChildren(l);
            }

            @Override
            public void visit(Image i) {
                found.add(path + ": image " + i.getDestination());
                visitChildren(i);
            }

            @Override
            public void visit(LinkReferenceDefinition d) {
                target(path, "link reference", d.getDestination(), found);
            }

            @Override
            public void visit(Paragraph p) {
                if (flavor == Flavor.DOCUSAURUS && p.getParent() instanceof Document) {
                    for (String line : source(body, p).split("\n")) {
                        if (line.matches("(import|export)\\s.*") && !OWN_IMPORTS.contains(line)) {
                            found.add(path + ": MDX " + excerpt(line, 0));
                        }
                    }
                }
                visitChildren(p);
            }

            /** Inside a table cell, where the cell's own reading below checks the text. */
            private int cells;

            @Override
            public void visit(CustomNode n) {
                if (n instanceof TableCell) {
                    // commonmark-java (0.24 and 0.32 alike) places a cell's inline nodes as if each \| in it were
                    // one character, so every position after one is off: the cell's source is read again on its
                    // own, where no pipe is unescaped, after a letter that keeps it from starting a block (a cell
                    // holds inlines only). Code spans begin and end at the same places in both readings; they
                    // differ only in a \| inside code, kept there as two characters
                    String cell = "x" + source(body, n).strip();
                    CELL_PARSER.parse(cell).accept(new AbstractVisitor() {
                        @Override
                        public void visit(Text t) {
                            braces(flavor, path, source(cell, t), found);
                        }
                    });
                    cells++;
                    visitChildren(n);
                    cells--;
                    return;
                }
                visitChildren(n);
            }

            @Override
            public void visit(Text t) {
                if (cells == 0) {
                    braces(flavor, path, source(body, t), found);
                }
            }
        });
        return found;
    }

    /** A brace in the source of text (not code) is a finding, but in the templates' own shortcodes and raw tags. */
    private static void braces(Flavor flavor, String path, String source, List<String> found) {
        if (flavor == Flavor.PLAIN) {
            return;
        }
        String s = source;
        if (flavor == Flavor.HUGO) {
            s = OWN_SHORTCODE.matcher(s).replaceAll("");
        } else if (flavor == Flavor.JEKYLL) {
            s = ENDRAW.matcher(RAW.matcher(s).replaceAll("")).replaceAll("");
        }
        // a backslash escape is fine too: every flavor reads it as the character
        String bare = s.replace("\\{", "").replace("\\}", "");
        int brace = Math.max(bare.indexOf('{'), bare.indexOf('}'));
        if (brace >= 0) {
            found.add(path + ": brace in text " + excerpt(bare, Math.max(0, brace - 20)));
        }
    }

    /**
     * Liquid outside {@code raw} blocks only as the {@code raw} tags themselves; a raw block ends at the first
     * {@code endraw} Liquid sees, whatever wrote it.
     */
    private static void liquid(String path, String body, List<String> found) {
        int i = 0;
        Matcher tag = LIQUID.matcher(body);
        while (tag.find(i)) {
            Matcher raw = RAW.matcher(body).region(tag.start(), body.length());
            if (!raw.lookingAt() || !raw.group().equals("{% raw %}")) {
                found.add(path + ": Liquid " + excerpt(body, tag.start()));
                i = tag.end();
                continue;
            }
            Matcher end = ENDRAW.matcher(body);
            if (!end.find(raw.end())) {
                found.add(path + ": a raw block that never ends");
                return;
            }
            i = end.end();
        }
    }

    private static void target(String path, String what, String destination, List<String> found) {
        String d = destination.replaceAll("[\\x00-\\x20]", "").toLowerCase(Locale.ROOT);
        Matcher m = SCHEME.matcher(d);
        if (m.find() && !LINK_SCHEMES.contains(m.group(1))) {
            found.add(path + ": " + what + " to " + destination);
        }
    }

    private static String withoutFrontMatter(Flavor flavor, String page) {
        if (flavor.hasFrontMatter() && page.startsWith("---\n")) {
            int end = page.indexOf("\n---\n", 3);
            if (end >= 0) {
                // blank lines keep the line numbers; the YAML is not Markdown
                return "\n".repeat((int) page.substring(0, end + 5).chars().filter(c -> c == '\n').count())
                        + page.substring(end + 5);
            }
        }
        return page;
    }

    /** The exact source text of a node (its spans joined by line breaks). */
    private static String source(String body, Node n) {
        StringBuilder sb = new StringBuilder();
        for (SourceSpan s : n.getSourceSpans()) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            sb.append(body, s.getInputIndex(), s.getInputIndex() + s.getLength());
        }
        return sb.toString();
    }

    private static String excerpt(String s, int at) {
        String e = s.substring(at, Math.min(s.length(), at + 60));
        return "'" + e.replace("\n", "\\n") + "'";
    }

    /**
     * A script's structure: comments dropped, every single-quoted string and every quoted here-document's body
     * (where the shell takes catalog text as data) written as {@code Q}. Everything else is the script's own code,
     * which no catalog text may change.
     */
    static String scriptStructure(String sh) {
        StringBuilder out = new StringBuilder(sh.length());
        List<String[]> pending = new ArrayList<>(); // here-documents opened on the current line: word, quoted
        boolean dbl = false;
        int i = 0;
        while (i < sh.length()) {
            char c = sh.charAt(i);
            if (c == '\n') {
                out.append(c);
                i++;
                for (String[] h : pending) {
                    int end = i;
                    while (end < sh.length()) {
                        int eol = sh.indexOf('\n', end);
                        String line = sh.substring(end, eol < 0 ? sh.length() : eol);
                        end = eol < 0 ? sh.length() : eol + 1;
                        if (line.strip().equals(h[0])) {
                            break;
                        }
                    }
                    out.append(h[1].equals("quoted") ? "Q\n" + h[0] + "\n" : sh.substring(i, end));
                    i = end;
                }
                pending.clear();
                continue;
            }
            if (c == '\\' && i + 1 < sh.length()) {
                out.append(c).append(sh.charAt(i + 1));
                i += 2;
            } else if (c == '"') {
                dbl = !dbl;
                out.append(c);
                i++;
            } else if (c == '\'' && !dbl) {
                int close = sh.indexOf('\'', i + 1);
                out.append("'Q'");
                i = close < 0 ? sh.length() : close + 1;
            } else if (c == '#' && !dbl && (i == 0 || " \t\n;".indexOf(sh.charAt(i - 1)) >= 0)) {
                int eol = sh.indexOf('\n', i);
                i = eol < 0 ? sh.length() : eol;
                while (!out.isEmpty() && " \t".indexOf(out.charAt(out.length() - 1)) >= 0) {
                    out.setLength(out.length() - 1);
                }
            } else if (c == '<' && !dbl && sh.startsWith("<<", i) && !sh.startsWith("<<<", i)) {
                Matcher h = HEREDOC.matcher(sh).region(i, sh.length());
                if (h.lookingAt()) {
                    String word = h.group(1) != null ? h.group(1) : h.group(2) != null ? h.group(2)
                            : h.group(3) != null ? h.group(3) : h.group(4);
                    pending.add(new String[] {word, h.group(4) != null ? "open" : "quoted"});
                    out.append(h.group());
                    i = h.end();
                } else {
                    out.append(c);
                    i++;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        String s = out.toString();
        String before;
        do {
            before = s;
            s = s.replace("'Q'\\''Q'", "'Q'").replace("'Q'\"'\"'Q'", "'Q'");
        } while (!s.equals(before));
        return s;
    }
}
