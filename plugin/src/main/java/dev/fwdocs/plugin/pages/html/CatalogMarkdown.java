package dev.fwdocs.plugin.pages.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Turns the catalog's Markdown fields into inert HTML: raw HTML is escaped, images become links (a page makes no
 * request of its own), a link keeps only an {@code http}, {@code https}, {@code mailto} or relative target (any other
 * becomes its text), headings start below the page's own, table header cells get a scope and alignment a class. The
 * same text is converted once per run, however many versions repeat it.
 */
final class CatalogMarkdown {

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");
    private static final List<String> SCHEMES = List.of("http", "https", "mailto");
    /** Catalog headings start at h4: the page uses h1 to h3. */
    private static final int HEADING_SHIFT = 3;

    private final Parser parser = Parser.builder().extensions(List.of(TablesExtension.create())).build();
    private final HtmlRenderer renderer = HtmlRenderer.builder()
            .extensions(List.of(TablesExtension.create()))
            .escapeHtml(true)
            .sanitizeUrls(true)
            .urlSanitizer(new DefaultUrlSanitizer(SCHEMES))
            .attributeProviderFactory(context -> (node, tag, attributes) -> {
                if (node instanceof TableCell cell) {
                    if (cell.isHeader()) {
                        attributes.put("scope", "col");
                    }
                    // HTML5 has no align attribute, and the CSP allows no style attribute: a class aligns.
                    String align = attributes.remove("align");
                    if (align != null) {
                        attributes.put("class", "fw-align-" + align);
                    }
                }
            })
            .build();
    // Concurrent: the site renders products in parallel (commonmark's parser and renderer are thread-safe).
    private final Map<String, String> blocks = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, String> inlines = new java.util.concurrent.ConcurrentHashMap<>();

    /** Block Markdown (a summary, a note) as HTML blocks; empty for null or blank text. */
    String block(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        return blocks.computeIfAbsent(markdown, md -> renderer.render(parse(md)).strip());
    }

    /**
     * One line of Markdown (a description) as inline HTML, for a table cell or a sentence; text that holds blocks
     * (a list, two paragraphs) stays blocks.
     */
    String inline(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        return inlines.computeIfAbsent(markdown, md -> {
            Node doc = parse(md);
            Node first = doc.getFirstChild();
            if (first instanceof Paragraph && first.getNext() == null) {
                StringBuilder sb = new StringBuilder();
                for (Node n = first.getFirstChild(); n != null; n = n.getNext()) {
                    sb.append(renderer.render(n));
                }
                return sb.toString().strip();
            }
            return renderer.render(doc).strip();
        });
    }

    private Node parse(String markdown) {
        Node doc = parser.parse(markdown);
        List<Node> unsafe = new ArrayList<>();
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                if (!allowed(link.getDestination())) {
                    unsafe.add(link);
                }
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                unsafe.add(image);
            }

            @Override
            public void visit(Heading heading) {
                heading.setLevel(Math.min(6, heading.getLevel() + HEADING_SHIFT));
                visitChildren(heading);
            }
        });
        for (Node n : unsafe) {
            if (n instanceof Image image) {
                Node text = new Text(altText(image));
                if (allowed(image.getDestination())) {
                    Link link = new Link(image.getDestination(), image.getTitle());
                    link.appendChild(text);
                    text = link;
                }
                image.insertBefore(text);
                image.unlink();
            } else {
                Node child = n.getFirstChild();
                while (child != null) {
                    Node next = child.getNext();
                    n.insertBefore(child);
                    child = next;
                }
                n.unlink();
            }
        }
        return doc;
    }

    /** The text of an image's description, or its target when it has none, so the reader still sees what it was. */
    private static String altText(Image image) {
        StringBuilder sb = new StringBuilder();
        image.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                sb.append(text.getLiteral());
            }
        });
        return sb.isEmpty() ? image.getDestination() : sb.toString();
    }

    /** http, https, mailto, or a relative target (no scheme); control and space characters never count as relative. */
    static boolean allowed(String destination) {
        if (destination == null) {
            return false;
        }
        String d = destination.strip();
        if (d.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return false;
        }
        var m = SCHEME.matcher(d);
        if (m.find()) {
            return SCHEMES.contains(m.group(1).toLowerCase(Locale.ROOT));
        }
        // "//host/x" is protocol-relative: another host, so not relative to the site.
        return !d.startsWith("//") && !d.startsWith("\\\\") && !d.startsWith("/\\");
    }
}
