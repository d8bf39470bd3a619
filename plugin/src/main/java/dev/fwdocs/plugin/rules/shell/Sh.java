package dev.fwdocs.plugin.rules.shell;

import java.util.List;
import java.util.Objects;
import java.util.Set;
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

    /** A double-quoted positional parameter of a function: {@code "$1"}. */
    static Sh arg(int n) {
        return new Arg(n);
    }

    /**
     * An unquoted expansion that is split into several words on purpose: {@code $NAME}, for lists the script built
     * from validated words (the script runs with globbing off).
     */
    static Sh words(String name) {
        return new Var(name, true);
    }

    /**
     * One double-quoted word of literal text and expansions of variables the script set, for text that holds a
     * value only known when the script runs: {@code "-p tcp -m tcp --dport ${PORT_API}"}. The parts are
     * {@link #word} literals and {@link #var} variables.
     */
    static Sh joined(Sh... parts) {
        return new Joined(List.of(parts));
    }

    /**
     * {@code "${NAME:-fallback}"}: the variable, or {@code fallback} when it is unset or empty (for reading the
     * environment under {@code set -u}); {@code fallback} is plain characters or empty.
     */
    static Sh orElse(String name, String fallback) {
        return new Param(name, ":-", fallback);
    }

    /** {@code "${NAME+value}"}: {@code value} when the variable is set (even to the empty string), else nothing. */
    static Sh ifSet(String name, String value) {
        return new Param(name, "+", value);
    }

    /** A single-quoted shell word that stands for exactly {@code s} (a {@code '} becomes {@code '\''}). */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /**
     * The reserved words that close a construct of sh: only a command's first word is read as one, but shellcheck
     * takes {@code f do} for a missing {@code ;} (SC1010), and a role may be named {@code do}. The others
     * ({@code in}, {@code if}, ...) are words the scripts pass as they are, and shellcheck does not flag them.
     */
    Set<String> RESERVED = Set.of("then", "fi", "do", "done", "esac");

    /** A literal word, quoted only when it needs to be (and when shellcheck would read it as a reserved word). */
    record Word(String value) implements Sh {
        public Word {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String text() {
            return plain(value) && !RESERVED.contains(value) ? value : quote(value);
        }
    }

    /** A variable expansion; the name is checked so that nothing but a name can get in. */
    record Var(String name, boolean split) implements Sh {
        public Var {
            checkName(name);
        }

        @Override
        public String text() {
            return split ? "$" + name : "\"$" + name + "\"";
        }
    }

    /** A positional parameter, 1 to 9, double-quoted. */
    record Arg(int n) implements Sh {
        public Arg {
            if (n < 1 || n > 9) {
                throw new IllegalArgumentException("positional parameters 1 to 9: " + n);
            }
        }

        @Override
        public String text() {
            return "\"$" + n + "\"";
        }
    }

    /** A double-quoted word of literals and variables; inside the quotes {@code \ " $ `} of a literal are escaped. */
    record Joined(List<Sh> parts) implements Sh {
        public Joined {
            parts = List.copyOf(parts);
            for (Sh p : parts) {
                if (!(p instanceof Word) && !(p instanceof Var v && !v.split())) {
                    throw new IllegalArgumentException("a joined word holds literals and quoted variables: " + p);
                }
            }
        }

        @Override
        public String text() {
            StringBuilder b = new StringBuilder("\"");
            for (Sh p : parts) {
                if (p instanceof Word w) {
                    b.append(w.value().replaceAll("([\\\\\"$`])", "\\\\$1"));
                } else {
                    b.append("${").append(((Var) p).name()).append('}');
                }
            }
            return b.append('"').toString();
        }
    }

    /** A parameter expansion with an operator ({@code :-} or {@code +}) and a plain word, double-quoted. */
    record Param(String name, String operator, String value) implements Sh {
        public Param {
            checkName(name);
            if (!operator.equals(":-") && !operator.equals("+")) {
                throw new IllegalArgumentException("operator must be :- or +: " + operator);
            }
            if (!value.isEmpty() && !plain(value)) {
                throw new IllegalArgumentException("not a plain word: " + value);
            }
        }

        @Override
        public String text() {
            return "\"${" + name + operator + value + "}\"";
        }
    }

    private static void checkName(String name) {
        if (!isName(name)) {
            throw new IllegalArgumentException("not a shell variable name: " + name);
        }
    }

    /** A shell variable name. */
    Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * Whether {@code s} matches {@link #PLAIN}: asked for every word of every generated command, so checked
     * character by character rather than by a matcher.
     */
    static boolean plain(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "_./:=,@%+-".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s} matches {@link #NAME}, character by character. */
    static boolean isName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
            if (!letter && (i == 0 || c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }
}
