package dev.fwdocs.plugin.rules.firewalld;

/** XML escaping the way firewalld writes its own files, so that generated XML and firewalld's output agree. */
final class Xml {

    private Xml() {
    }

    /** Character data: {@code & < >} escaped; callers pass sanitized one-line text (no control characters). */
    static String text(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                default -> {
                    if (c < 0x20 && c != '\t') {
                        throw new IllegalArgumentException("control character in XML text");
                    }
                    b.append(c);
                }
            }
        }
        return b.toString();
    }

    /** An attribute value inside double quotes: also {@code "} escaped. */
    static String attr(String s) {
        return text(s).replace("\"", "&quot;");
    }
}
