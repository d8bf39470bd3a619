package dev.fwdocs.catalog.read;

import java.io.StringReader;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.tokens.ScalarToken;
import org.yaml.snakeyaml.tokens.Token;

/**
 * Where a YAML problem really is and what it is, in a doc writer's words: the limits a catalog file is read within
 * (size, nesting, aliases), each reported as a limit with its number at the place it is crossed; a quote left open
 * that YAML closes lines later; a file that ends in the middle of a list; tags and control characters in values.
 */
final class YamlProblems {

    /** The most characters (code points) one catalog file may hold. */
    static final int MAX_CODE_POINTS = CatalogReader.MAX_FILE_CHARS;
    /** The deepest nesting of lists and mappings in a catalog file (a catalog needs six). */
    static final int MAX_NESTING = 50;
    /** The most aliases ({@code *name}) of lists or mappings in one file: a guard against "billion laughs". */
    static final int MAX_ALIASES = 50;

    /** The tags of the YAML core schema: the only values a catalog holds (merge keys get a message of their own). */
    private static final Set<String> CORE_TAGS = Set.of("str", "int", "float", "bool", "null", "seq", "map", "merge")
            .stream().map(t -> "tag:yaml.org,2002:" + t).collect(java.util.stream.Collectors.toSet());
    /** A continuation line of a quoted text that looks like a key: the quote before it was probably never closed. */
    private static final Pattern KEY_LINE = Pattern.compile("\\n[ \\t]*(- )?[A-Za-z_][A-Za-z0-9_-]*:([ \\t]|\\n|$)");

    /** One located problem: 1-based line and column, and the message. */
    record Located(int line, int column, String message) {
    }

    private YamlProblems() {
    }

    static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        // Repeated keys are reported by the reader together with everything else.
        options.setAllowDuplicateKeys(true);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit(MAX_CODE_POINTS);
        return options;
    }

    /** A limit crossed (SnakeYAML reports these without a place), or null when {@code e} is no limit. */
    static Located limit(String text, YAMLException e) {
        String p = String.valueOf(e instanceof MarkedYAMLException m ? m.getProblem() : e.getMessage());
        if (p.contains("Number of aliases")) {
            Mark at = nthAlias(text);
            return located(text, at, "the file uses more than " + MAX_ALIASES + " aliases (*name) of lists or "
                    + "mappings, the most fwdocs reads (a guard against alias bombs); write the values out");
        }
        if (p.contains("Nesting Depth")) {
            int[] at = deepest(text);
            return new Located(at[0], at[1], "lists and mappings are nested more than " + MAX_NESTING + " levels "
                    + "deep here, the most fwdocs reads (a catalog needs six); flatten the value");
        }
        if (p.contains("exceeds the limit") && p.contains("code points")) {
            int[] at = position(text, text.offsetByCodePoints(0, Math.min(MAX_CODE_POINTS,
                    text.codePointCount(0, text.length()))));
            return new Located(at[0], at[1], "the file is longer than " + String.format("%,d", MAX_CODE_POINTS)
                    + " characters, the most fwdocs reads from one catalog file; split the catalog into one file "
                    + "per product or shorten its texts");
        }
        return null;
    }

    /**
     * A syntax error that SnakeYAML places after its cause: a quoted text that runs over lines that look like keys
     * (its quote was never closed, and YAML closed it at the next quote), or a list or mapping still open where the
     * file ends. Null when the error is where SnakeYAML says.
     */
    static Located misplaced(String text, MarkedYAMLException e) {
        Mark problem = e.getProblemMark();
        if (problem == null) {
            return null;
        }
        String p = String.valueOf(e.getProblem());
        if (p.contains("<stream end>") || p.contains("'<stream end>'")) {
            Mark open = e.getContextMark();
            if (open != null && open.getIndex() < problem.getIndex() && (p.contains("']'") || p.contains("'}'"))) {
                boolean list = p.contains("']'");
                return located(text, open, "YAML syntax error: the " + (list ? "list" : "mapping") + " that opens "
                        + "here with '" + (list ? "[" : "{") + "' is never closed: the file ends before its '"
                        + (list ? "]" : "}") + "'; add it, or check whether the file was cut off");
            }
            int[] last = lastCharacter(text);
            return new Located(last[0], last[1], "YAML syntax error: the file ends in the middle of a value; "
                    + "complete it, or check whether the file was cut off");
        }
        Mark quote = openQuoteBefore(text, problem);
        if (quote != null) {
            return located(text, quote, "YAML syntax error: the quote that opens here is not closed on its line, "
                    + "so YAML reads the lines after it as text; add the closing quote");
        }
        return null;
    }

    /**
     * A problem SnakeYAML does not report as YAML (an escape such as {@code "\\u"} without its hex digits throws a
     * NumberFormatException): located where its scanner stops.
     */
    static Located unreadable(String text, RuntimeException e) {
        org.yaml.snakeyaml.reader.StreamReader reader = new org.yaml.snakeyaml.reader.StreamReader(
                new StringReader(text));
        Mark at = null;
        try {
            org.yaml.snakeyaml.scanner.Scanner scanner = new org.yaml.snakeyaml.scanner.ScannerImpl(reader, options());
            while (scanner.checkToken()) {
                scanner.getToken();
            }
        } catch (RuntimeException again) {
            at = reader.getMark();
        }
        String message = e instanceof NumberFormatException
                ? "YAML syntax error: an escape sequence in double quotes lacks its hex digits; write \\xXX, \\uXXXX or "
                        + "\\UXXXXXXXX in full, or put the text in single quotes"
                : "YAML syntax error: the text here cannot be read (" + e.getClass().getSimpleName() + "); check "
                        + "the quoting and escapes on this line";
        return located(text, at, message);
    }

    /** The first node with a tag other than the core schema's, or null. */
    static Node foreignTag(Node root) {
        return foreignTag(root, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    }

    private static Node foreignTag(Node n, Set<Node> seen) {
        if (!seen.add(n)) {
            return null; // an alias, possibly of a node that holds itself
        }
        if (!CORE_TAGS.contains(n.getTag().getValue())) {
            return n;
        }
        if (n instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                Node k = foreignTag(t.getKeyNode(), seen);
                if (k != null) {
                    return k;
                }
                Node v = foreignTag(t.getValueNode(), seen);
                if (v != null) {
                    return v;
                }
            }
        } else if (n instanceof SequenceNode s) {
            for (Node item : s.getValue()) {
                Node found = foreignTag(item, seen);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The first control character in {@code s} other than tab, line feed and carriage return, or -1. */
    static int control(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r') {
                return c;
            }
        }
        return -1;
    }

    private static Mark openQuoteBefore(String text, Mark error) {
        Mark found = null;
        try {
            org.yaml.snakeyaml.scanner.Scanner scanner = new org.yaml.snakeyaml.scanner.ScannerImpl(
                    new org.yaml.snakeyaml.reader.StreamReader(new StringReader(text)), options());
            while (scanner.checkToken()) {
                Token t = scanner.getToken();
                if (t.getStartMark().getIndex() >= error.getIndex()) {
                    break;
                }
                if (t instanceof ScalarToken s && !s.getPlain()
                        && t.getStartMark().getLine() < t.getEndMark().getLine()) {
                    int from = text.offsetByCodePoints(0, t.getStartMark().getIndex());
                    int to = text.offsetByCodePoints(0, t.getEndMark().getIndex());
                    if (KEY_LINE.matcher(text.substring(from, to)).find()) {
                        found = t.getStartMark();
                    }
                }
            }
        } catch (YAMLException | IndexOutOfBoundsException e) {
            // the tokens up to the error are all that matter
        }
        return found;
    }

    /** The alias that crosses {@link #MAX_ALIASES}: events are read without expanding any alias. */
    private static Mark nthAlias(String text) {
        Set<String> collections = new HashSet<>();
        int count = 0;
        try {
            for (Event ev : new Yaml(options()).parse(new StringReader(text))) {
                if (ev instanceof CollectionStartEvent c && c.getAnchor() != null) {
                    collections.add(c.getAnchor());
                } else if (ev instanceof AliasEvent a && collections.contains(a.getAnchor()) && ++count > MAX_ALIASES) {
                    return a.getStartMark();
                }
            }
        } catch (YAMLException e) {
            // fall back to the start of the file
        }
        return null;
    }

    /** Line and column where flow brackets and block indentation first go deeper than {@link #MAX_NESTING}. */
    private static int[] deepest(String text) {
        java.util.ArrayDeque<Integer> indents = new java.util.ArrayDeque<>();
        int line = 1;
        int col = 1;
        int flow = 0;
        boolean lineStart = true;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                col = 1;
                lineStart = true;
                continue;
            }
            if (lineStart && c != ' ' && c != '#') {
                while (!indents.isEmpty() && indents.peek() >= col) {
                    indents.pop();
                }
                indents.push(col);
                lineStart = false;
            } else if (lineStart && c == '#') {
                lineStart = false;
            }
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '[' || c == '{') {
                flow++;
            } else if (c == ']' || c == '}') {
                flow--;
            } else if (c == '-' && i + 1 < text.length() && text.charAt(i + 1) == ' ' && flow == 0) {
                indents.push(col + 1); // a list item opens a level inside the line
            }
            if (flow + indents.size() > MAX_NESTING) {
                return new int[] {line, col};
            }
            col++;
        }
        return new int[] {1, 1};
    }

    private static int[] lastCharacter(String text) {
        int end = text.length();
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return position(text, Math.max(0, end - 1));
    }

    /** 1-based line and column of char index {@code at}. */
    private static int[] position(String text, int at) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, text.codePointCount(lineStart, Math.min(at, text.length())) + 1};
    }

    private static Located located(String text, Mark m, String message) {
        return m == null ? new Located(1, 1, message) : new Located(m.getLine() + 1, m.getColumn() + 1, message);
    }
}
