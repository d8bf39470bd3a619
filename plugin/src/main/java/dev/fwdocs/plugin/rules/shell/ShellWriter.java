package dev.fwdocs.plugin.rules.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes the generated parts of a script: commands of {@link Sh} words, {@code #} comments and assignments of catalog
 * data, here-documents, blocks, and shell resources verbatim. The only place where Java produces shell text, so that
 * quoting has one implementation. Lines are indented with tabs, the generated scripts' style.
 */
public final class ShellWriter {

    private final StringBuilder out = new StringBuilder();
    private int depth;

    /** A command line: the command name and its words. */
    public ShellWriter command(String name, Sh... words) {
        return command(name, List.of(words));
    }

    /** A command line: the command name and its words. */
    public ShellWriter command(String name, List<Sh> words) {
        if (!Sh.plain(name) && !isFunction(name)) {
            throw new IllegalArgumentException("not a command name: " + name);
        }
        // Straight into the script: a command's words hold no line break (quoted catalog text is one line).
        int start = out.length();
        indent();
        out.append(name);
        for (Sh w : words) {
            out.append(' ').append(w.text());
        }
        if (out.indexOf("\n", start) >= 0) {
            String line = out.substring(start + depth);
            out.setLength(start);
            throw new IllegalArgumentException("one line at a time: " + line);
        }
        out.append('\n');
        return this;
    }

    /** {@code NAME='value'}: a variable holding exactly {@code value}. */
    public ShellWriter assign(String name, String value) {
        return assign(name, Sh.word(value));
    }

    /** {@code NAME=word}. */
    public ShellWriter assign(String name, Sh value) {
        checkName(name);
        return raw(name + "=" + value.text());
    }

    /** A {@code #} comment; catalog text is made one line without shell meaning first. */
    public ShellWriter comment(String text) {
        return raw("# " + ShellText.line(text, 400));
    }

    /** An empty line. */
    public ShellWriter blank() {
        out.append('\n');
        return this;
    }

    /** {@code name() {}, the body written by {@code body}. */
    public ShellWriter function(String name, Runnable body) {
        if (!isFunction(name)) {
            throw new IllegalArgumentException("not a function name: " + name);
        }
        raw(name + "() {");
        depth++;
        int before = out.length();
        body.run();
        if (out.length() == before) {
            raw(":");
        }
        depth--;
        return raw("}");
    }

    /** {@code for VAR in $LIST; do ... done}: loops over a list the script built from validated words. */
    public ShellWriter forEach(String var, String list, Runnable body) {
        checkName(var);
        raw("for " + var + " in " + Sh.words(list).text() + "; do");
        depth++;
        body.run();
        depth--;
        return raw("done");
    }

    /** {@code for VAR in WORD...; do ... done}: loops over fixed words (the script runs with globbing off). */
    public ShellWriter forEach(String var, List<Sh> words, Runnable body) {
        checkName(var);
        StringBuilder line = new StringBuilder("for " + var + " in");
        words.forEach(w -> line.append(' ').append(w.text()));
        raw(line.append("; do").toString());
        depth++;
        body.run();
        depth--;
        return raw("done");
    }

    /** {@code case WORD in ... esac}, the branches written by {@code branches} with {@link #branch} and {@link #otherwise}. */
    public ShellWriter cases(Sh word, Runnable branches) {
        raw("case " + word.text() + " in");
        branches.run();
        return raw("esac");
    }

    /** A branch of {@link #cases} for exactly {@code literal}; a body of one line goes on the pattern's line. */
    public ShellWriter branch(String literal, Runnable body) {
        return branchOf(Sh.word(literal).text(), body);
    }

    /** The branch of {@link #cases} for anything else ({@code *}). */
    public ShellWriter otherwise(Runnable body) {
        return branchOf("*", body);
    }

    private ShellWriter branchOf(String pattern, Runnable body) {
        int start = out.length();
        depth++;
        body.run();
        depth--;
        String lines = out.substring(start);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a branch needs a body: " + pattern);
        }
        if (lines.indexOf('\n') == lines.length() - 1) {
            out.setLength(start);
            return raw(pattern + ") " + lines.strip() + " ;;");
        }
        out.insert(start, "\t".repeat(depth) + pattern + ")\n");
        depth++;
        raw(";;");
        depth--;
        return this;
    }

    /**
     * {@code command <<'END'} followed by {@code lines} and the terminator: the lines are data, never expanded by the
     * shell. Throws when a line would end the document early.
     */
    public ShellWriter hereDocument(String command, String end, List<String> lines) {
        if (!Sh.isName(end)) {
            throw new IllegalArgumentException("bad here-document terminator " + end);
        }
        raw(command + " <<'" + end + "'");
        for (String l : lines) {
            if (l.strip().equals(end) || l.contains("\n")) {
                throw new IllegalStateException("here-document line would end the document or span lines: " + l);
            }
            out.append(l).append('\n');
        }
        out.append(end).append('\n');
        return this;
    }

    /** Shell code shipped as a resource (functions that take data as arguments), appended as it is. */
    public ShellWriter resource(String code) {
        Objects.requireNonNull(code, "code");
        out.append(code);
        if (!code.isEmpty() && !code.endsWith("\n")) {
            out.append('\n');
        }
        return this;
    }

    /** A fixed line of shell written by fwdocs itself (never catalog data), at the current indentation. */
    public ShellWriter raw(String line) {
        if (line.contains("\n")) {
            throw new IllegalArgumentException("one line at a time: " + line);
        }
        indent();
        out.append(line).append('\n');
        return this;
    }

    private void indent() {
        for (int i = 0; i < depth; i++) {
            out.append('\t');
        }
    }

    /** Whether {@code name} is a function name, {@code [a-z_][a-z0-9_]*}, checked character by character. */
    private static boolean isFunction(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c == '_' || i > 0 && c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    /** Everything written so far. */
    public String text() {
        return out.toString();
    }

    private static void checkName(String name) {
        if (!Sh.isName(name)) {
            throw new IllegalArgumentException("not a shell variable name: " + name);
        }
    }

    /** The words of a list of literals, for {@link #command(String, List)}. */
    public static List<Sh> words(List<String> values) {
        List<Sh> out = new ArrayList<>();
        values.forEach(v -> out.add(Sh.word(v)));
        return out;
    }
}
