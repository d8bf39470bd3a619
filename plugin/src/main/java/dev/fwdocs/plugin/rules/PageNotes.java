package dev.fwdocs.plugin.rules;

import dev.fwdocs.catalog.Role;
import dev.fwdocs.catalog.resolve.ResolvedRule;
import dev.fwdocs.plugin.model.RoleModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The sentences a page shows under a backend's commands for what only the backend's script does, worded the same for
 * every backend: the page opens the ports for any source, the script narrows them to the addresses it is given. Plain
 * text (the page flavors escape it), naming the script by its file name, never by a path in the build output.
 */
public final class PageNotes {

    private PageNotes() {
    }

    /**
     * The commands open the rules from {@code roles} to any address; {@code how} says, as a relative clause, what the
     * script does instead ({@code "which puts them on ipsets of those addresses"}), or is empty.
     */
    public static String narrowed(String script, List<Role> roles, String how) {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("no roles");
        }
        List<String> names = roles.stream().map(Role::name).toList();
        StringBuilder options = new StringBuilder();
        for (Role r : roles) {
            options.append(options.length() == 0 ? "" : " ").append("--from-").append(r.id()).append("=CIDR,...");
        }
        return "These commands open the rules from " + (roles.size() == 1 ? "role " : "roles ") + and(names)
                + " to any address. To allow only the machines of " + (roles.size() == 1 ? "that role" : "those roles")
                + ", run " + script + " " + options + " instead" + (how.isEmpty() ? "" : ", " + how) + ".";
    }

    /** One sentence per configurable rule among {@code inbound}: the commands use its default port. */
    public static List<String> configurable(String script, List<ResolvedRule> inbound) {
        List<String> out = new ArrayList<>();
        for (ResolvedRule r : inbound) {
            var c = r.rule().configurable();
            if (c == null || out.stream().anyMatch(s -> s.contains("--port-" + r.id() + "="))) {
                continue;
            }
            out.add("The port of " + r.rule().name() + " is configurable (" + c.setting() + " in " + c.where()
                    + "); these commands use its default, " + r.rule().ports().get(0).first()
                    + ". If you moved it, put your port in its command, or run " + script + " --port-" + r.id()
                    + "=N.");
        }
        return out;
    }

    /** One sentence per inbound source given only by host names, which no command can open. */
    public static List<String> hostNames(RoleModel role) {
        List<String> out = new ArrayList<>();
        for (RoleModel.HostNameNote n : role.hostNameNotes()) {
            if (n.inbound()) {
                out.add("The host names of " + n.address().name() + " (" + String.join(", ", n.address().hosts())
                        + ", rule " + n.ruleId() + ") are not opened: firewalls match addresses, so allow the networks"
                        + " those names resolve to yourself.");
            }
        }
        return out;
    }

    /** The script also allows the role's outgoing flows, which the page commands leave alone. */
    public static String outbound(String script) {
        return script + " also allows the outgoing flows of this role, which matter only where outgoing traffic"
                + " is filtered.";
    }

    private static String and(List<String> words) {
        if (words.size() == 1) {
            return words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.get(words.size() - 1);
    }
}
