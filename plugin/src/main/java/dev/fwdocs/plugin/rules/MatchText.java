package dev.fwdocs.plugin.rules;

import dev.fwdocs.catalog.Rule;
import dev.fwdocs.plugin.rules.shell.Sh;
import java.util.Objects;

/**
 * A backend's match text for one protocol of a rule ({@code -p tcp -m tcp --dport 5705}, {@code tcp dport 5705}):
 * {@code head} then {@code ports}. For a configurable rule the script reads the port from its variable
 * ({@code PORT_API}) while a page shows the catalog's default, so one plan prints both.
 */
public record MatchText(String head, String ports, String portVar) {

    public MatchText {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(ports, "ports");
    }

    /** A match with no port, or with fixed ports in its text. */
    public static MatchText fixed(String text) {
        return new MatchText(text, "", null);
    }

    /** {@code head + ports}, the port taken from the script's variable when the rule is configurable. */
    public static MatchText ports(String head, String ports, Rule rule) {
        return new MatchText(head, ports, rule.configurable() == null ? null : ShellScript.portVar(rule.id()));
    }

    /** The match as one double-quoted script word: {@code "-p tcp -m tcp --dport ${PORT_API}"}. */
    public Sh shell() {
        return portVar == null ? Sh.joined(Sh.word(head + ports)) : Sh.joined(Sh.word(head), Sh.var(portVar));
    }

    /** The match as a page shows it, with the default port. */
    public String page() {
        return head + ports;
    }
}
