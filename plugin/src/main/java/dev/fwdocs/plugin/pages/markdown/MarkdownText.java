package dev.fwdocs.plugin.pages.markdown;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tidies rendered Markdown so templates can be written for readability: blank lines, trailing spaces, final newline. */
final class MarkdownText {

    private static final Pattern EMPTY_CELL = Pattern.compile("(?<!\\\\)\\|  \\|");
    private static final Pattern FENCE = Pattern.compile("^\\s*(`{3,}|~{3,})(.*)$");

    private MarkdownText() {
    }

    /**
     * Outside code blocks: strips trailing whitespace and collapses runs of blank lines into one; code blocks are left
     * exactly as they are. Leading blank lines go, and the text ends with exactly one newline.
     */
    static String normalize(String text) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        List<String> out = new ArrayList<>();
        String fence = null;
        for (String line : lines) {
            if (fence != null) {
                out.add(line);
                Matcher m = FENCE.matcher(line);
                if (mayFence(line) && m.matches() && m.group(1).charAt(0) == fence.charAt(0)
                        && m.group(1).length() >= fence.length() && m.group(2).isBlank()) {
                    fence = null;
                }
                continue;
            }
            String t = line.stripTrailing();
            if (mayFence(t)) {
                Matcher m = FENCE.matcher(t);
                if (m.matches()) {
                    fence = m.group(1);
                }
            }
            if (t.startsWith("|")) {
                t = compactEmptyCells(t);
            }
            if (t.isEmpty() && (out.isEmpty() || out.get(out.size() - 1).isEmpty())) {
                continue;
            }
            out.add(t);
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return String.join("\n", out) + "\n";
    }

    /** An empty table cell written as {@code | |}, the form markdownlint's table style rule accepts. */
    private static String compactEmptyCells(String row) {
        if (!row.contains("|  |")) {
            return row;
        }
        String before;
        String after = row;
        do {
            before = after;
            after = EMPTY_CELL.matcher(before).replaceAll("| |");
        } while (!after.equals(before));
        return after;
    }

    /** Whether {@link #FENCE} can match: its first character after the leading blanks is a backtick or a tilde. */
    private static boolean mayFence(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != 0x0b && c != '\f' && c != '\r') {
                return c == '`' || c == '~';
            }
        }
        return false;
    }
}
