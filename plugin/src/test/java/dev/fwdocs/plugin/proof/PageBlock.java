package dev.fwdocs.plugin.proof;

import dev.fwdocs.plugin.pages.Distro;
import dev.fwdocs.plugin.rules.RuleBackend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

/**
 * A backend's command block for one role, copied out of a generated Markdown page (the plain flavor, where distro
 * tabs are headings) the way a reader finds it: the heading with the role's name, below it the heading of a distro
 * tab that shows the backend, below that the line "With BACKEND:" and the fenced code block after it. Headings are
 * matched by their text, at whatever level the page puts them; when the block is not there, the exception says what
 * the page has instead.
 */
final class PageBlock {

    private PageBlock() {
    }

    /** The block of {@code backend} in the section of the role named {@code roleName}, found through its distro tabs. */
    static String extract(String markdown, String roleName, RuleBackend backend, List<Distro> distros) {
        List<String> tabs = distros.stream().filter(d -> d.backends().contains(backend.id())).map(Distro::label)
                .toList();
        if (tabs.isEmpty()) {
            throw new IllegalArgumentException("no distro tab lists backend " + backend.id() + ": " + distros);
        }
        return extract(markdown, roleName, tabs, backend.displayName());
    }

    /**
     * The block under "With {@code backendName}:" in every tab headed by one of {@code tabLabels} in the section
     * headed {@code roleName}; every such tab must show the same block (the proof runs one of them).
     */
    static String extract(String markdown, String roleName, List<String> tabLabels, String backendName) {
        List<Node> blocks = new ArrayList<>();
        for (Node n = Parser.builder().build().parse(markdown).getFirstChild(); n != null; n = n.getNext()) {
            blocks.add(n);
        }
        String intro = "With " + backendName + ":";
        List<Integer> roles = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i) instanceof Heading h && text(h).equals(roleName)) {
                roles.add(i);
            }
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("the page has no heading '" + roleName + "'; its headings are "
                    + headings(blocks, 0, blocks.size()));
        }
        Map<Integer, Map<String, String>> found = new LinkedHashMap<>();
        List<String> seen = new ArrayList<>();
        for (int role : roles) {
            int roleEnd = sectionEnd(blocks, role);
            int roleLevel = ((Heading) blocks.get(role)).getLevel();
            for (int i = role + 1; i < roleEnd; i++) {
                if (!(blocks.get(i) instanceof Heading tab) || tab.getLevel() <= roleLevel
                        || !isTab(text(tab), tabLabels)) {
                    continue;
                }
                int tabEnd = Math.min(sectionEnd(blocks, i), roleEnd);
                for (int j = i + 1; j < tabEnd; j++) {
                    if (blocks.get(j) instanceof Paragraph p) {
                        String line = text(p);
                        seen.add("'" + text(tab) + "': '" + line + "'");
                        if (line.equals(intro) && j + 1 < tabEnd && blocks.get(j + 1) instanceof FencedCodeBlock code) {
                            found.computeIfAbsent(role, k -> new LinkedHashMap<>()).put(text(tab), code.getLiteral());
                        }
                    }
                }
            }
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no code block after '" + intro + "' below a heading " + tabLabels
                    + " in the section '" + roleName + "'; the section's headings are "
                    + roles.stream().map(r -> headings(blocks, r, sectionEnd(blocks, r))).toList()
                    + " and the lines in those tabs are " + seen);
        }
        if (found.size() > 1) {
            throw new IllegalArgumentException(found.size() + " sections headed '" + roleName + "' show " + backendName
                    + " commands; a reader cannot tell which one is the role's");
        }
        Map<String, String> byTab = found.values().iterator().next();
        Set<String> distinct = new LinkedHashSet<>(byTab.values());
        if (distinct.size() > 1) {
            throw new IllegalArgumentException("the tabs " + byTab.keySet() + " of '" + roleName + "' show different "
                    + backendName + " commands; the proof runs only one of them");
        }
        return distinct.iterator().next();
    }

    /**
     * Whether a heading is the tab of one of {@code labels}: the label itself, or several of them joined by " / ",
     * as the pages label one tab for distros whose commands are the same ("RHEL / ... / Fedora / SUSE").
     */
    static boolean isTab(String heading, List<String> labels) {
        String rest = heading;
        boolean any = false;
        while (!rest.isEmpty()) {
            String next = null;
            for (String l : labels) {
                if ((rest.equals(l) || rest.startsWith(l + " / ")) && (next == null || l.length() > next.length())) {
                    next = l;
                }
            }
            if (next == null) {
                return false;
            }
            any = true;
            rest = rest.length() == next.length() ? "" : rest.substring(next.length() + 3);
        }
        return any;
    }

    /** The index of the first block after {@code heading} that is a heading of its level or higher, or the end. */
    private static int sectionEnd(List<Node> blocks, int heading) {
        int level = ((Heading) blocks.get(heading)).getLevel();
        for (int i = heading + 1; i < blocks.size(); i++) {
            if (blocks.get(i) instanceof Heading h && h.getLevel() <= level) {
                return i;
            }
        }
        return blocks.size();
    }

    private static List<String> headings(List<Node> blocks, int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (blocks.get(i) instanceof Heading h) {
                out.add("#".repeat(h.getLevel()) + " " + text(h));
            }
        }
        return out;
    }

    /** The text a reader sees in a heading or paragraph: escapes and entities resolved, code spans as their text. */
    private static String text(Node node) {
        StringBuilder sb = new StringBuilder();
        for (Node n = node.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Text t) {
                sb.append(t.getLiteral());
            } else if (n instanceof Code c) {
                sb.append(c.getLiteral());
            } else if (n instanceof SoftLineBreak || n instanceof HardLineBreak) {
                sb.append(' ');
            } else {
                sb.append(text(n));
            }
        }
        return sb.toString().strip();
    }
}
