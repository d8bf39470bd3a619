package dev.fwdocs.plugin.rules;

import dev.fwdocs.plugin.rules.shell.ShellText;
import dev.fwdocs.plugin.rules.shell.Sh;
import dev.fwdocs.catalog.Address;
import dev.fwdocs.catalog.Cidr;
import dev.fwdocs.catalog.Diagnostic;
import dev.fwdocs.catalog.PortRange;
import dev.fwdocs.catalog.Role;
import dev.fwdocs.catalog.Rule;
import dev.fwdocs.catalog.resolve.Peer;
import dev.fwdocs.catalog.resolve.ResolvedRule;
import dev.fwdocs.catalog.resolve.ResolvedVersion;
import dev.fwdocs.catalog.resolve.RoleView;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Shared, pure text helpers for the generated firewall scripts: quoting, comment sanitizing, names within backend
 * limits, and the common POSIX sh prologue (options, environment, validation, root check, {@code fwdocs_run}) so that a
 * backend only writes its own body.
 *
 * <p>The body a backend supplies must define three shell functions: {@code fwdocs_check_backend} (exit 4 via
 * {@code fwdocs_fail 4 ...} when the tool is missing or not active), {@code fwdocs_apply} and {@code fwdocs_undo}. It
 * can use, after the prologue has validated everything:
 * <ul>
 * <li>{@code fwdocs_run CMD ARGS...}: prints the command, runs it unless dry-run;</li>
 * <li>{@code fwdocs_run_input TEXT CMD ARGS...}: the same with TEXT on the command's standard input;</li>
 * <li>{@code fwdocs_say TEXT} and {@code fwdocs_note TEXT}: progress and notes on standard output;</li>
 * <li>{@code fwdocs_dry_run} (0/1);</li>
 * <li>for each role in {@link #addressRoles(RoleView)}: {@code FROM_<ROLE>_V4} and {@code FROM_<ROLE>_V6}
 * ({@link #sourcesVar}): the word {@code any} when no addresses were given for the role, otherwise the validated
 * CIDRs of that family separated by spaces, possibly none (then no rule of that family must be made);</li>
 * <li>for each rule in {@link #configurableRules(RoleView)}: {@code PORT_<RULE>} ({@link #portVar}), a validated port.</li>
 * </ul>
 */
public final class ShellScript {

    private static final String USAGE_END = "FWDOCS_USAGE_END";

    private ShellScript() {
    }

    /** What a backend says about its script: ids and names for the header and help, and its own help paragraph. */
    public record Spec(String backendId, String backendName, ResolvedVersion version, RoleView role,
            List<String> about, List<Option> options) {
        public Spec {
            Objects.requireNonNull(backendId, "backendId");
            Objects.requireNonNull(backendName, "backendName");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(role, "role");
            about = List.copyOf(about);
            options = List.copyOf(options);
        }

        /** A spec for a script with only the common options. */
        public Spec(String backendId, String backendName, ResolvedVersion version, RoleView role, List<String> about) {
            this(backendId, backendName, version, role, about, List.of());
        }
    }

    /**
     * A backend-specific option {@code --<name>=<metavar>} with the environment variable {@code FWDOCS_<NAME>}; the
     * prologue stores its value, unchecked and possibly empty, in {@code FWDOCS_OPT_<NAME>} (the body validates it).
     */
    public record Option(String name, String metavar, String help) {
        public Option {
            if (!name.matches("[a-z][a-z0-9-]*") || name.startsWith("from-") || name.startsWith("port-")
                    || List.of("dry-run", "undo", "help").contains(name)) {
                throw new IllegalArgumentException("bad option name " + name);
            }
            if (!metavar.matches("[A-Z]+")) {
                throw new IllegalArgumentException("bad metavar " + metavar);
            }
            Objects.requireNonNull(help, "help");
        }

        /** The shell variable holding the value: {@code FWDOCS_OPT_ZONE}. */
        public String var() {
            return "FWDOCS_OPT_" + ShellText.idWord(name);
        }
    }

    /** The shell variable holding a role's addresses of one family (4 or 6): {@code FROM_NODE_V4}. */
    public static String sourcesVar(String roleId, int family) {
        if (family != 4 && family != 6) {
            throw new IllegalArgumentException("family must be 4 or 6");
        }
        return "FROM_" + ShellText.idWord(roleId) + "_V" + family;
    }

    /** The shell variable holding a configurable rule's port: {@code PORT_GRPC}. */
    public static String portVar(String ruleId) {
        return "PORT_" + ShellText.idWord(ruleId);
    }

    /**
     * A port or range as shell text: the literal ({@code 5701}, or the range with {@code separator}) or, for a
     * configurable rule, the expansion {@code ${PORT_RULE}} (its one port is a single port).
     */
    public static String portText(Rule rule, PortRange range, String separator) {
        if (rule.configurable() != null) {
            return "${" + portVar(rule.id()) + "}";
        }
        return range.format(separator);
    }

    // ---------------------------------------------------------------- what a role's script takes

    /**
     * The roles whose addresses the script takes as {@code --from-<role>}: the roles in the {@code from} of the role's
     * inbound rules (they become sources) and in the {@code to} of its outbound rules (they become destinations), in
     * catalog order.
     */
    public static List<Role> addressRoles(ResolvedVersion version, RoleView role) {
        Map<String, Role> seen = new LinkedHashMap<>();
        for (ResolvedRule r : role.inbound()) {
            for (Peer p : r.sources()) {
                if (p instanceof Peer.RolePeer rp) {
                    seen.put(rp.role().id(), rp.role());
                }
            }
        }
        for (ResolvedRule r : role.outbound()) {
            for (Peer p : r.to()) {
                if (p instanceof Peer.RolePeer rp) {
                    seen.put(rp.role().id(), rp.role());
                }
            }
        }
        return version.catalog().roles().stream().filter(r -> seen.containsKey(r.id())).toList();
    }

    /** The configurable rules among the role's inbound and outbound rules, in catalog order, each once. */
    public static List<Rule> configurableRules(ResolvedVersion version, RoleView role) {
        Map<String, Rule> seen = new LinkedHashMap<>();
        for (ResolvedRule r : version.rules()) {
            if (r.rule().configurable() != null && (role.inbound().contains(r) || role.outbound().contains(r))) {
                seen.put(r.id(), r.rule());
            }
        }
        return List.copyOf(seen.values());
    }

    /**
     * Notes about addresses the script cannot enforce because they are host names (scripts do not resolve names at
     * apply time, so a name never becomes a rule, and never "any"). One entry per rule and address, in rule order.
     */
    public static List<String> hostNameNotes(RoleView role) {
        List<String> out = new ArrayList<>();
        for (ResolvedRule r : role.inbound()) {
            for (Peer p : r.sources()) {
                if (p instanceof Peer.AddressPeer ap && !ap.address().hosts().isEmpty()) {
                    out.add("inbound rule " + r.id() + ": host names of " + ap.address().id() + " are not resolved: "
                            + String.join(", ", ap.address().hosts()) + "; allow them yourself if needed");
                }
            }
        }
        for (ResolvedRule r : role.outbound()) {
            for (Peer p : r.to()) {
                if (p instanceof Peer.AddressPeer ap && !ap.address().hosts().isEmpty()) {
                    out.add("outbound rule " + r.id() + ": host names of " + ap.address().id() + " are not resolved: "
                            + String.join(", ", ap.address().hosts()) + "; if your output policy drops, allow them yourself");
                }
            }
        }
        return out.stream().map(s -> ShellText.line(s, 400)).toList();
    }

    /**
     * The words a generated {@code for} loop iterates over to get the addresses of a peer in one family: {@code any}
     * for {@link Peer.Any}, {@code $FROM_<ROLE>_V4} for a role (which the prologue sets to {@code any} or to a
     * possibly empty list), or the address's CIDRs of that family; empty when the address has none of that family,
     * in which case no rule must be made (never "any").
     */
    public static Optional<String> addressWords(Peer peer, int family) {
        if (peer instanceof Peer.Any) {
            return Optional.of("any");
        }
        if (peer instanceof Peer.RolePeer rp) {
            return Optional.of("$" + sourcesVar(rp.role().id(), family));
        }
        List<Cidr> list = cidrs(((Peer.AddressPeer) peer).address(), family);
        return list.isEmpty() ? Optional.empty()
                : Optional.of(String.join(" ", list.stream().map(Cidr::toString).toList()));
    }

    /** The CIDRs of a named address for one family, sorted, possibly none (never "any"). */
    public static List<Cidr> cidrs(Address address, int family) {
        return address.cidrs(family).stream().sorted().toList();
    }

    // ---------------------------------------------------------------- the script

    /** The file name of a backend's script inside the role's folder: {@code <backend>.sh}. */
    public static String fileName(String backendId) {
        return dev.fwdocs.plugin.output.Layout.standard().scriptName(backendId);
    }

    /**
     * The whole script: the common prologue (header, help, option and environment parsing, validation, root check,
     * helpers), then {@code body}, then the dispatch that calls the body's functions.
     */
    public static String script(Spec spec, String body) {
        ResolvedVersion v = spec.version();
        RoleView rv = spec.role();
        String product = v.catalog().product().id();
        String productName = ShellText.line(v.catalog().product().name(), 100);
        String roleId = rv.role().id();
        String roleName = ShellText.line(rv.role().name(), 100);
        List<Role> roles = addressRoles(v, rv);
        List<Rule> ports = configurableRules(v, rv);
        String file = fileName(spec.backendId());

        StringBuilder s = new StringBuilder();
        s.append("#!/bin/sh\n");
        s.append("# ").append(ShellText.line(spec.backendName(), 60)).append(" rules for ").append(productName).append(' ')
                .append(ShellText.line(v.version(), 60)).append(", role ").append(roleName).append(" (").append(roleId)
                .append(").\n");
        s.append("# Generated by fwdocs from ").append(ShellText.line(v.catalog().source(), 200))
                .append("; do not edit: change the catalog and generate again.\n");
        s.append("# Run with --help for the options. Exit codes: 0 done, 2 usage, 3 not root, 4 ")
                .append(spec.backendId()).append(" missing or inactive.\n");
        s.append("set -euf\n\n");
        s.append("FWDOCS_PROG=${0##*/}\n");
        s.append("FWDOCS_WHAT=").append(Sh.quote(product + " " + ShellText.line(v.version(), 60) + ", role " + roleId + ", "
                + spec.backendId())).append("\n\n");

        // help
        s.append("fwdocs_usage() {\n\tcat <<'").append(USAGE_END).append("'\n");
        List<String> help = new ArrayList<>();
        StringBuilder synopsis = new StringBuilder("Usage: " + file + " [--dry-run] [--undo]");
        for (Role r : roles) {
            synopsis.append(" [--from-").append(r.id()).append("=CIDR[,CIDR...]]");
        }
        for (Rule r : ports) {
            synopsis.append(" [--port-").append(r.id()).append("=N]");
        }
        for (Option o : spec.options()) {
            synopsis.append(" [--").append(o.name()).append('=').append(o.metavar()).append(']');
        }
        help.add(synopsis.append(" [--help]").toString());
        help.add("");
        help.add("Opens the ports that role " + roleName + " (" + roleId + ") of " + productName + " "
                + ShellText.line(v.version(), 60) + " needs, with " + ShellText.line(spec.backendName(), 60) + ".");
        for (String a : spec.about()) {
            help.add(ShellText.line(a, 300));
        }
        help.add("");
        help.add("Options (each has an environment variable; an option wins over its variable):");
        help.add("  --dry-run        print every command that would change the firewall; change nothing");
        help.add("                   (FWDOCS_DRY_RUN=1)");
        help.add("  --undo           remove what this script added, and nothing else (FWDOCS_UNDO=1)");
        for (Role r : roles) {
            help.add("  --from-" + r.id() + "=CIDR[,CIDR...]   (FWDOCS_FROM_" + ShellText.idWord(r.id()) + ")");
            help.add("                   addresses of the " + ShellText.line(r.name(), 100) + " machines, IPv4 and/or IPv6;");
            help.add("                   unset: any address; no entry of a family: no rule for that family");
        }
        for (Rule r : ports) {
            help.add("  --port-" + r.id() + "=N   (FWDOCS_PORT_" + ShellText.idWord(r.id()) + ") port of " + ShellText.line(r.name(), 100)
                    + ", default " + r.ports().get(0).first());
            help.add("                   (configured in " + ShellText.line(r.configurable().setting(), 100) + ", "
                    + ShellText.line(r.configurable().where(), 100) + ")");
        }
        for (Option o : spec.options()) {
            help.add("  --" + o.name() + "=" + o.metavar() + "   (FWDOCS_" + ShellText.idWord(o.name()) + ") " + ShellText.line(o.help(), 200));
        }
        help.add("  --help           show this help");
        help.add("");
        help.add("Must run as root. Exit codes: 0 done, 2 usage error, 3 not root,");
        help.add("4 " + spec.backendId() + " missing or not active, anything else: a command failed.");
        for (String h : help) {
            if (h.strip().equals(USAGE_END)) {
                throw new IllegalStateException("help line would end the here-document");
            }
            s.append(h).append('\n');
        }
        s.append(USAGE_END).append("\n}\n\n");

        s.append(HELPERS);

        // defaults from the environment, then options
        s.append("fwdocs_dry_run=${FWDOCS_DRY_RUN:-0}\n");
        s.append("fwdocs_undo=${FWDOCS_UNDO:-0}\n");
        for (Role r : roles) {
            String w = ShellText.idWord(r.id());
            String lw = w.toLowerCase(Locale.ROOT);
            s.append("if [ -n \"${FWDOCS_FROM_").append(w).append("+set}\" ]; then\n");
            s.append("\tfwdocs_from_").append(lw).append("_set=1\n");
            s.append("\tfwdocs_from_").append(lw).append("=$FWDOCS_FROM_").append(w).append('\n');
            s.append("else\n");
            s.append("\tfwdocs_from_").append(lw).append("_set=0\n");
            s.append("\tfwdocs_from_").append(lw).append("=\n");
            s.append("fi\n");
        }
        for (Rule r : ports) {
            String w = ShellText.idWord(r.id());
            s.append("fwdocs_port_").append(w.toLowerCase(Locale.ROOT)).append("=${FWDOCS_PORT_").append(w)
                    .append(":-").append(r.ports().get(0).first()).append("}\n");
        }
        for (Option o : spec.options()) {
            s.append(o.var()).append("=${FWDOCS_").append(ShellText.idWord(o.name())).append(":-}\n");
        }
        s.append("for fwdocs_arg do\n\tcase $fwdocs_arg in\n");
        s.append("\t--help | -h)\n\t\tfwdocs_usage\n\t\texit 0\n\t\t;;\n");
        s.append("\t--dry-run) fwdocs_dry_run=1 ;;\n");
        s.append("\t--undo) fwdocs_undo=1 ;;\n");
        for (Role r : roles) {
            String lw = ShellText.idWord(r.id()).toLowerCase(Locale.ROOT);
            s.append("\t--from-").append(r.id()).append("=*)\n");
            s.append("\t\tfwdocs_from_").append(lw).append("_set=1\n");
            s.append("\t\tfwdocs_from_").append(lw).append("=${fwdocs_arg#*=}\n\t\t;;\n");
        }
        for (Rule r : ports) {
            String lw = ShellText.idWord(r.id()).toLowerCase(Locale.ROOT);
            s.append("\t--port-").append(r.id()).append("=*) fwdocs_port_").append(lw).append("=${fwdocs_arg#*=} ;;\n");
        }
        for (Option o : spec.options()) {
            s.append("\t--").append(o.name()).append("=*) ").append(o.var()).append("=${fwdocs_arg#*=} ;;\n");
        }
        s.append("\t*) fwdocs_usage_error \"unknown option '$fwdocs_arg'\" ;;\n\tesac\ndone\n");
        s.append("case $fwdocs_dry_run in 0 | 1) ;; *) fwdocs_usage_error \"FWDOCS_DRY_RUN must be 0 or 1\" ;; esac\n");
        s.append("case $fwdocs_undo in 0 | 1) ;; *) fwdocs_usage_error \"FWDOCS_UNDO must be 0 or 1\" ;; esac\n");

        // validation, before anything changes
        for (Rule r : ports) {
            String w = ShellText.idWord(r.id());
            String lw = w.toLowerCase(Locale.ROOT);
            s.append("fwdocs_is_port \"$fwdocs_port_").append(lw).append("\" ||\n\tfwdocs_usage_error \"--port-")
                    .append(r.id()).append(" (FWDOCS_PORT_").append(w)
                    .append(") must be a whole number from 1 to 65535, not '$fwdocs_port_").append(lw).append("'\"\n");
            s.append(portVar(r.id())).append("=$fwdocs_port_").append(lw).append('\n');
        }
        for (Role r : roles) {
            String w = ShellText.idWord(r.id());
            String lw = w.toLowerCase(Locale.ROOT);
            s.append(sourcesVar(r.id(), 4)).append("=any\n");
            s.append(sourcesVar(r.id(), 6)).append("=any\n");
            s.append("if [ \"$fwdocs_from_").append(lw).append("_set\" = 1 ]; then\n");
            s.append("\tfwdocs_sources --from-").append(r.id()).append(" \"$fwdocs_from_").append(lw).append("\"\n");
            s.append('\t').append(sourcesVar(r.id(), 4)).append("=$FWDOCS_V4\n");
            s.append('\t').append(sourcesVar(r.id(), 6)).append("=$FWDOCS_V6\n");
            s.append("fi\n");
        }
        s.append('\n');

        s.append(body.endsWith("\n") ? body : body + "\n");
        s.append('\n');

        // dispatch
        s.append("[ \"$(id -u)\" = 0 ] || fwdocs_fail 3 \"must run as root (for example: sudo ./$FWDOCS_PROG)\"\n");
        s.append("fwdocs_check_backend\n");
        s.append("if [ \"$fwdocs_dry_run\" = 1 ]; then\n\tfwdocs_say \"dry run: nothing is changed\"\nfi\n");
        s.append("if [ \"$fwdocs_undo\" = 1 ]; then\n");
        s.append("\tfwdocs_say \"removing the rules of $FWDOCS_WHAT\"\n");
        s.append("\tfwdocs_undo\n");
        s.append("else\n");
        s.append("\tfwdocs_say \"applying the rules of $FWDOCS_WHAT\"\n");
        for (Role r : roles) {
            String lw = ShellText.idWord(r.id()).toLowerCase(Locale.ROOT);
            s.append("\tif [ \"$fwdocs_from_").append(lw).append("_set\" = 0 ]; then\n");
            s.append("\t\tfwdocs_note ").append(Sh.quote("no --from-" + r.id() + " (FWDOCS_FROM_" + ShellText.idWord(r.id())
                    + ") given: rules with role " + r.id() + " accept any address")).append('\n');
            s.append("\tfi\n");
        }
        for (String n : hostNameNotes(rv)) {
            s.append("\tfwdocs_note ").append(Sh.quote(n)).append('\n');
        }
        s.append("\tfwdocs_apply\n");
        s.append("fi\n");
        s.append("fwdocs_say 'done.'\n");
        return s.toString();
    }

    private static final String HELPERS = """
            fwdocs_say() {
            \tprintf '%s\\n' "$*"
            }

            fwdocs_note() {
            \tprintf 'note: %s\\n' "$*"
            }

            fwdocs_usage_error() {
            \tprintf '%s: %s\\n' "$FWDOCS_PROG" "$1" >&2
            \tprintf 'Run %s --help for the options.\\n' "$FWDOCS_PROG" >&2
            \texit 2
            }

            # fwdocs_fail CODE MESSAGE
            fwdocs_fail() {
            \tprintf '%s: %s\\n' "$FWDOCS_PROG" "$2" >&2
            \texit "$1"
            }

            # A port: 1-65535, digits only, no leading zero.
            fwdocs_is_port() {
            \tcase $1 in
            \t'' | 0* | *[!0-9]*) return 1 ;;
            \tesac
            \t[ "${#1}" -le 5 ] && [ "$1" -le 65535 ]
            }

            fwdocs_is_ipv4() {
            \tcase $1 in
            \t'' | *[!0-9.]* | .* | *. | *..*) return 1 ;;
            \tesac
            \tfwdocs_old_ifs=$IFS
            \tIFS=.
            \t# shellcheck disable=SC2086 # split on dots on purpose; globbing is off (set -f)
            \tset -- $1
            \tIFS=$fwdocs_old_ifs
            \t[ "$#" -eq 4 ] || return 1
            \tfor fwdocs_octet do
            \t\tcase $fwdocs_octet in
            \t\t0?*) return 1 ;;
            \t\tesac
            \t\t{ [ "${#fwdocs_octet}" -le 3 ] && [ "$fwdocs_octet" -le 255 ]; } || return 1
            \tdone
            }

            fwdocs_is_ipv6() {
            \tcase $1 in
            \t'' | *[!0-9A-Fa-f:]* | *:::* | *::*::* | :[!:]* | *[!:]:) return 1 ;;
            \tesac
            \tfwdocs_text=$1
            \tfwdocs_old_ifs=$IFS
            \tIFS=:
            \t# shellcheck disable=SC2086 # split on colons on purpose; globbing is off (set -f)
            \tset -- $1
            \tIFS=$fwdocs_old_ifs
            \tfwdocs_groups=0
            \tfor fwdocs_group do
            \t\t[ "${#fwdocs_group}" -le 4 ] || return 1
            \t\tif [ -n "$fwdocs_group" ]; then
            \t\t\tfwdocs_groups=$((fwdocs_groups + 1))
            \t\tfi
            \tdone
            \tcase $fwdocs_text in
            \t*::*) [ "$fwdocs_groups" -le 7 ] ;;
            \t*) [ "$fwdocs_groups" -eq 8 ] ;;
            \tesac
            }

            # Sets FWDOCS_FAMILY to 4 or 6 when $1 is an IPv4 or IPv6 address or network (CIDR); fails otherwise.
            fwdocs_cidr_family() {
            \tfwdocs_addr=${1%%/*}
            \tif fwdocs_is_ipv4 "$fwdocs_addr"; then
            \t\tFWDOCS_FAMILY=4
            \telif fwdocs_is_ipv6 "$fwdocs_addr"; then
            \t\tFWDOCS_FAMILY=6
            \telse
            \t\treturn 1
            \tfi
            \tcase $1 in
            \t*/*) ;;
            \t*) return 0 ;;
            \tesac
            \tfwdocs_len=${1#*/}
            \tcase $fwdocs_len in
            \t'' | *[!0-9]* | 0?*) return 1 ;;
            \tesac
            \t[ "${#fwdocs_len}" -le 3 ] || return 1
            \tif [ "$FWDOCS_FAMILY" = 4 ]; then
            \t\t[ "$fwdocs_len" -le 32 ]
            \telse
            \t\t[ "$fwdocs_len" -le 128 ]
            \tfi
            }

            # fwdocs_sources OPTION LIST: checks a comma-separated list of CIDRs and sets FWDOCS_V4 and FWDOCS_V6
            # to its IPv4 and IPv6 entries (space-separated, possibly empty); a bad entry is a usage error.
            fwdocs_sources() {
            \tFWDOCS_V4=
            \tFWDOCS_V6=
            \tcase $2 in
            \t,* | *, | *,,*) fwdocs_usage_error "$1: empty entry in '$2'" ;;
            \tesac
            \tfwdocs_opt=$1
            \tfwdocs_old_ifs=$IFS
            \tIFS=,
            \t# shellcheck disable=SC2086 # split on commas on purpose; globbing is off (set -f)
            \tset -- $2
            \tIFS=$fwdocs_old_ifs
            \tfor fwdocs_cidr do
            \t\tif ! fwdocs_cidr_family "$fwdocs_cidr"; then
            \t\t\tfwdocs_usage_error "$fwdocs_opt: '$fwdocs_cidr' is not an IPv4 or IPv6 address or network (CIDR)"
            \t\tfi
            \t\tif [ "$FWDOCS_FAMILY" = 4 ]; then
            \t\t\tFWDOCS_V4="$FWDOCS_V4${FWDOCS_V4:+ }$fwdocs_cidr"
            \t\telse
            \t\t\tFWDOCS_V6="$FWDOCS_V6${FWDOCS_V6:+ }$fwdocs_cidr"
            \t\tfi
            \tdone
            }

            # Prints a command the way a shell would read it back.
            fwdocs_show() {
            \tfwdocs_line=+
            \tfor fwdocs_word do
            \t\tcase $fwdocs_word in
            \t\t'' | *[!A-Za-z0-9_./:=,@%+-]*)
            \t\t\tfwdocs_word="'$(printf '%s' "$fwdocs_word" | sed "s/'/'\\\\\\\\''/g")'"
            \t\t\t;;
            \t\tesac
            \t\tfwdocs_line="$fwdocs_line $fwdocs_word"
            \tdone
            \tprintf '%s\\n' "$fwdocs_line"
            }

            # fwdocs_run COMMAND [ARG...]: prints the command, then runs it unless this is a dry run.
            fwdocs_run() {
            \tfwdocs_show "$@"
            \tif [ "$fwdocs_dry_run" = 0 ]; then
            \t\t"$@"
            \tfi
            }

            # fwdocs_run_input TEXT COMMAND [ARG...]: the same, with TEXT (and a newline) on the command's input.
            fwdocs_run_input() {
            \tfwdocs_input=$1
            \tshift
            \tfwdocs_show "$@"
            \tprintf '%s\\n' "$fwdocs_input" | sed 's/^/    /'
            \tif [ "$fwdocs_dry_run" = 0 ]; then
            \t\tprintf '%s\\n' "$fwdocs_input" | "$@"
            \tfi
            }

            """;
}
