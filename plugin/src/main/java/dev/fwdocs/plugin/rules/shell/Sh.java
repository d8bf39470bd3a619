package dev.fwdocs.plugin.rules.shell;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One word of a generated shell command, made safe for POSIX sh by construction: a fixed word, a quoted piece of
 * data, or the expansion of a variable the script set itself. Java code never builds shell text from strings.
 */
public sealed interface Sh {

    /** The word as it appears in the script. */
    String text();

    /** Characters that mean nothing to sh, so a word of only these needs no quotes. */
    Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,@%+-]+");

    /** A word that stands for exactly {@code s}: as it is when only plain characters, else single-quoted. */
    static Sh word(String s) {
        return new Word(s);
    }

    /** A double-quoted expansion of a variable the script set: {@code "$NAME"}. */
    static Sh var(String name) {
        return new Var(name, false);
    }

    /**
     * An unquoted expansion that is split into several words on purpose: {@code $NAME}, for lists the script built
     * from validated words (the script runs with globbing off).
     */
    static Sh words(String name) {
        return new Var(name, true);
    }

    /** A single-quoted shell word that stands for exactly {@code s} (a {@code '} becomes {@code '\''}). */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** A literal word, quoted only when it needs to be. */
    record Word(String value) implements Sh {
        public Word {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String text() {
            return PLAIN.matcher(value).matches() ? value : quote(value);
        }
    }

    /** A variable expansion; the name is checked so that nothing but a name can get in. */
    record Var(String name, boolean split) implements Sh {
        private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

        public Var {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("not a shell variable name: " + name);
            }
        }

        @Override
        public String text() {
            return split ? "$" + name : "\"$" + name + "\"";
        }
    }
}
