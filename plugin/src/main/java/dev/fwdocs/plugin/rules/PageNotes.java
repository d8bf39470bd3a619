package dev.fwdocs.plugin.rules;

import dev.fwdocs.catalog.Role;
import dev.fwdocs.catalog.Rule;
import dev.fwdocs.catalog.resolve.Peer;
import dev.fwdocs.catalog.resolve.ResolvedRule;
import dev.fwdocs.plugin.model.RoleModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sentences a page shows under commands that open a role's inbound flows for any source, saying what only the
 * role's script does: narrow role sources, move configurable ports, add outbound rules; and which host names neither
 * opens.
 */
public final class PageNotes {

    private PageNotes() {
    }

    /** The notes for the commands of one role whose script is {@code script} ({@code ufw.sh}). */
    public static List<String> forScript(String script, RoleModel role) {
        return forScript(script, role, false);
    }

    /**
     * The same; {@code topJump}: the commands insert their jump at the top of the built-in input chain (iptables,
     * nftables), which the script's --position=last avoids.
     */
    public static List<String> forScript(String script, RoleModel role, boolean topJump) {
        String theScript = "the " + script + " script of role " + role.id();
        List<String> out = new ArrayList<>();
        if (topJump && !role.inbound().isEmpty()) {
            out.add("These commands put the jump to their chain at the top of the input chain, ahead of your own"
                    + " rules there: a source that your rules drop (a blocklist, fail2ban) still reaches these ports."
                    + " To keep your rules first, run " + theScript + " with --position=last (after your rules,"
                    + " before a final drop); its default, --position=first, is what these commands do.");
        }
        Map<String, Role> sourceRoles = new LinkedHashMap<>();
        for (ResolvedRule r : role.inbound()) {
            for (Peer p : r.sources()) {
                if (p instanceof Peer.RolePeer rp) {
                    sourceRoles.put(rp.role().id(), rp.role());
                }
            }
        }
        if (!sourceRoles.isEmpty()) {
            List<String> ids = List.copyOf(sourceRoles.keySet());
            List<String> options = ids.stream().map(id -> "--from-" + id + "=CIDR,...").toList();
            out.add("These commands accept the traffic of " + (ids.size() == 1 ? "role " : "roles ")
                    + and(ids) + " from any address; to accept it only from the machines of "
                    + (ids.size() == 1 ? "that role" : "those roles") + ", run " + theScript + " with "
                    + String.join(" ", options) + " instead.");
        }
        for (Rule r : role.configurable()) {
            if (role.inbound().stream().anyMatch(x -> x.rule() == r)) {
                out.add("Port " + r.ports().get(0).first() + " of " + r.name() + " is the default of "
                        + r.configurable().setting() + "; if you moved it, use your port in these commands, or run "
                        + theScript + " with --port-" + r.id() + "=N.");
            }
        }
        if (!role.outbound().isEmpty()) {
            out.add("The outbound rules of this role are not shown: they matter only where the output policy drops, "
                    + "and " + theScript + " adds them too.");
        }
        for (RoleModel.HostNameNote n : role.hostNameNotes()) {
            if (n.inbound()) {
                out.add("Neither these commands nor " + theScript + " accept rule " + n.ruleId() + " from the host names of "
                        + n.address().name() + " (" + String.join(", ", n.address().hosts()) + "): firewalls take"
                        + " addresses, not names; allow their addresses yourself if needed.");
            }
        }
        return List.copyOf(out);
    }

    private static String and(List<String> words) {
        if (words.size() == 1) {
            return words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.get(words.size() - 1);
    }
}
