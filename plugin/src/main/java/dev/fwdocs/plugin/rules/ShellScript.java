package dev.fwdocs.plugin.rules;

import dev.fwdocs.catalog.PortRange;
import dev.fwdocs.catalog.Role;
import dev.fwdocs.catalog.Rule;
import dev.fwdocs.catalog.resolve.Peer;
import dev.fwdocs.catalog.resolve.ResolvedVersion;
import dev.fwdocs.plugin.model.RoleModel;
import dev.fwdocs.plugin.model.VersionModel;
import dev.fwdocs.plugin.rules.shell.Sh;
import dev.fwdocs.plugin.rules.shell.ShellText;
import dev.fwdocs.plugin.rules.shell.ShellWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The script around a backend's body: the header, the help, the common prologue (the shell resource
 * {@code prologue.sh}: helpers, option parsing, the root check and {@code fwdocs_main}), and the role's own options
 * written as data through {@link ShellWriter}; plus the names of the variables that the body reads.
 *
 * <p>The body a backend supplies must define three shell functions: {@code fwdocs_check_backend} (exit 4 via
 * {@code fwdocs_fail 4 ...} when the tool is missing or not active), {@code fwdocs_apply} and {@code fwdocs_undo}. It
 * can use, after the prologue has validated everything:
 * <ul>
 * <li>{@code fwdocs_run CMD ARGS...}: prints the command, runs it unless dry-run;</li>
 * <li>{@code fwdocs_run_input TEXT CMD ARGS...}: the same with TEXT on the command's standard input;</li>
 * <li>{@code fwdocs_say TEXT} and {@code fwdocs_note TEXT}: progress and notes on standard output;</li>
 * <li>{@code fwdocs_dry_run} (0/1);</li>
 * <li>for each role in {@link RoleModel#addressRoles()}: {@code FROM_<ROLE>_V4} and {@code FROM_<ROLE>_V6}
 * ({@link #sourcesVar}): the word {@code any} when no addresses were given for the role, otherwise the validated
 * CIDRs of that family separated by spaces, possibly none (then no rule of that family must be made);</li>
 * <li>for each rule in {@link RoleModel#configurable()}: {@code PORT_<RULE>} ({@link #portVar}), a validated
 * port;</li>
 * <li>for each {@link Option}: {@code FWDOCS_OPT_<NAME>} ({@link Option#var()}), unchecked.</li>
 * </ul>
 */
public final class ShellScript {

    private static final String USAGE_END = "FWDOCS_USAGE_END";

    private ShellScript() {
    }

    /**
     * What a backend says about its script: its id and name for the header and help, the role, the paragraphs of
     * its own help text (wrapped, never cut) and its own options.
     */
    public record Spec(String backendId, String backendName, VersionModel version, RoleModel role,
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
        public Spec(String backendId, String backendName, VersionModel version, RoleModel role, List<String> about) {
            this(backendId, backendName, version, role, about, List.of());
        }
    }

    /**
     * {@code --position=first|last}, for the backends whose jump has a place among the administrator's rules
     * (iptables, nftables). The default stays first: the rules then work whatever the administrator's chain holds
     * (a catch-all REJECT in the middle, LOG rules at the end), and a re-run of an older script does not move them;
     * last keeps a blocklist above them effective.
     */
    public static final Option POSITION = new Option("position", "WHERE", "first (default): the jump to this"
            + " script's chain goes at the top of the built-in chain, so its ports are open even to sources that the"
            + " administrator's rules below drop (a blocklist, fail2ban); last: after the administrator's rules but"
            + " before a final drop or reject rule, so those rules still apply to these ports (a rule of theirs that"
            + " drops everything earlier then also closes them)");

    /**
     * A backend-specific option {@code --<name>=<metavar>} with the environment variable {@code FWDOCS_<NAME>}; the
     * prologue stores its value, unchecked and possibly empty, in {@code FWDOCS_OPT_<NAME>} (the body validates it).
     */
    public record Option(String name, String metavar, String help) {
        public Option {
            if (!name.matches("[a-z][a-z0-9-]*") || name.startsWith("from-") || name.startsWith("port-")
                    || List.of("dry-run", "undo", "help", "confirm", "confirm-within", "audit", "format",
                            "save-ruleset", "restore-ruleset").contains(name)) {
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

        /** The environment variable the value may come from: {@code FWDOCS_ZONE}. */
        public String env() {
            return "FWDOCS_" + ShellText.idWord(name);
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

    /** A rule's comment in a firewall rule: id, name and description, sanitized and within {@code maxBytes}. */
    public static String ruleComment(Rule rule, int maxBytes) {
        String text = rule.id() + ": " + rule.name() + (rule.description().isBlank() ? "" : " - " + rule.description());
        return ShellText.comment(text, maxBytes, rule.id());
    }

    /**
     * The words a generated {@code for} loop iterates over to get the addresses of a peer in one family (see
     * {@link Source#words()}), as one text; empty when the peer is an address with no network of that family, in
     * which case no rule must be made (never "any").
     */
    public static Optional<String> addressWords(Peer peer, int family) {
        return Source.of(peer, family).map(src -> String.join(" ", src.words().stream().map(Sh::text).toList()));
    }

    // ---------------------------------------------------------------- the script

    /** The file name of a backend's script inside the role's folder: {@code <backend>.sh}. */
    public static String fileName(String backendId) {
        return dev.fwdocs.plugin.output.Layout.standard().scriptName(backendId);
    }

    /**
     * The whole script: the header, the help, the common prologue ({@code prologue.sh}: helpers, option parsing,
     * {@code fwdocs_main}) and {@code confirm.sh}, the role's options and their checks, then {@code body}, then
     * {@code fwdocs_main}.
     */
    public static String script(Spec spec, String body) {
        ResolvedVersion v = spec.version().resolved();
        RoleModel role = spec.role();
        String roleName = ShellText.line(role.role().name(), 100);
        String productName = ShellText.line(v.catalog().product().name(), 100);
        String version = ShellText.line(v.version(), 60);
        String backendName = ShellText.line(spec.backendName(), 60);

        ShellWriter w = new ShellWriter();
        w.raw("#!/bin/sh");
        w.comment(backendName + " rules for " + productName + " " + version + ", " + role.title(roleName) + ".");
        w.comment("Generated by fwdocs from " + ShellText.line(v.catalog().source(), 200)
                + "; do not edit: change the catalog and generate again.");
        w.comment("Run with --help for the options. Exit codes: 0 done, 2 usage, 3 not root, 4 " + spec.backendId()
                + " missing or inactive, 5 not confirmed (restored), 6 audit findings.");
        w.raw("set -euf");
        w.blank();
        w.raw("FWDOCS_PROG=${0##*/}");
        w.assign("FWDOCS_WHAT", v.catalog().product().id() + " " + version + ", " + role.label() + ", "
                + spec.backendId());
        // names this role's script on this backend, whatever the version: a pending --confirm-within is found by it
        w.assign("FWDOCS_ID", v.catalog().product().id() + "-" + role.id() + "-" + spec.backendId());
        // what an --audit report names: product, version, role and backend, as words
        w.assign("FWDOCS_AUDIT", v.catalog().product().id() + " " + version + " " + role.id() + " "
                + spec.backendId());
        w.blank();
        w.function("fwdocs_usage", () -> w.hereDocument("cat", USAGE_END, help(spec, productName, roleName, version,
                backendName)));
        w.blank();
        w.resource(PROLOGUE);
        w.blank();
        w.resource(CONFIRM);
        w.blank();
        options(w, spec);
        w.blank();
        w.resource(body);
        w.blank();
        w.raw("fwdocs_main");
        return w.text();
    }

    /** The role's options: their environment variables, fwdocs_option for the command line, their checks, notes. */
    private static void options(ShellWriter w, Spec spec) {
        RoleModel role = spec.role();
        w.comment("The options of this role: first their environment variables, then the command line.");
        for (Role r : role.addressRoles()) {
            w.assign(given(r), Sh.ifSet(fromEnv(r), "1"));
            w.assign(from(r), Sh.orElse(fromEnv(r), ""));
        }
        for (Rule r : role.configurable()) {
            w.assign(port(r), Sh.orElse(portEnv(r), Integer.toString(r.ports().get(0).first())));
        }
        for (Option o : spec.options()) {
            w.assign(o.var(), Sh.orElse(o.env(), ""));
        }
        w.blank();
        w.comment("fwdocs_option NAME VALUE: takes the value of one of the options of this role, or fails.");
        w.function("fwdocs_option", () -> w.cases(Sh.arg(1), () -> {
            for (Role r : role.addressRoles()) {
                w.branch("--from-" + r.id(), () -> {
                    w.assign(given(r), "1");
                    w.assign(from(r), Sh.arg(2));
                });
            }
            for (Rule r : role.configurable()) {
                w.branch("--port-" + r.id(), () -> w.assign(port(r), Sh.arg(2)));
            }
            for (Option o : spec.options()) {
                w.branch("--" + o.name(), () -> w.assign(o.var(), Sh.arg(2)));
            }
            w.otherwise(() -> w.raw("return 1"));
        }));
        w.blank();
        w.raw("fwdocs_parse_options \"$@\"");
        for (Rule r : role.configurable()) {
            w.command("fwdocs_check_port", Sh.word("--port-" + r.id()), Sh.word(portEnv(r)), Sh.var(port(r)));
            w.assign(portVar(r.id()), Sh.var(port(r)));
        }
        for (Role r : role.addressRoles()) {
            w.command("fwdocs_role_sources", Sh.word(r.id()), Sh.var(given(r)), Sh.var(from(r)));
            w.assign(sourcesVar(r.id(), 4), Sh.var("FWDOCS_V4"));
            w.assign(sourcesVar(r.id(), 6), Sh.var("FWDOCS_V6"));
        }
        w.blank();
        w.comment("What the rules cannot do as given.");
        w.function("fwdocs_notes", () -> {
            for (Role r : role.addressRoles()) {
                w.command("fwdocs_from_note", Sh.word(r.id()), Sh.word(fromEnv(r)), Sh.var(given(r)));
            }
            for (RoleModel.HostNameNote n : role.hostNameNotes()) {
                w.command("fwdocs_note", Sh.word(ShellText.line(n.text(), 400)));
            }
        });
    }

    private static String given(Role r) {
        return "fwdocs_from_" + lower(r.id()) + "_given";
    }

    private static String from(Role r) {
        return "fwdocs_from_" + lower(r.id());
    }

    private static String fromEnv(Role r) {
        return "FWDOCS_FROM_" + ShellText.idWord(r.id());
    }

    private static String port(Rule r) {
        return "fwdocs_port_" + lower(r.id());
    }

    private static String portEnv(Rule r) {
        return "FWDOCS_PORT_" + ShellText.idWord(r.id());
    }

    private static String lower(String id) {
        return ShellText.idWord(id).toLowerCase(Locale.ROOT);
    }

    /** The help text: synopsis, what the script does, every option, exit codes; wrapped at {@value #HELP_WIDTH}. */
    private static List<String> help(Spec spec, String productName, String roleName, String version,
            String backendName) {
        RoleModel role = spec.role();
        List<String> synopsis = new ArrayList<>(List.of("[--dry-run]", "[--undo]", "[--confirm-within=SECONDS]",
                "[--confirm]", "[--audit [--format=text|json]]"));
        role.addressRoles().forEach(r -> synopsis.add("[--from-" + r.id() + "=CIDR[,CIDR...]]"));
        role.configurable().forEach(r -> synopsis.add("[--port-" + r.id() + "=N]"));
        spec.options().forEach(o -> synopsis.add("[--" + o.name() + "=" + o.metavar() + "]"));
        synopsis.add("[--help]");
        List<String> help = new ArrayList<>(ShellText.wrap(String.join(" ", synopsis), HELP_WIDTH,
                "Usage: " + fileName(spec.backendId()) + " ", "       "));
        help.add("");
        help.addAll(paragraph("Opens the ports that " + role.title(roleName) + " of " + productName + " " + version
                + " needs, with " + backendName + "."));
        for (String a : spec.about()) {
            help.add("");
            help.addAll(paragraph(a));
        }
        help.add("");
        help.add("Options (each also has an environment variable; an option wins over it):");
        option(help, "--dry-run", "FWDOCS_DRY_RUN=1", "print every command that would change the firewall;"
                + " change nothing");
        option(help, "--undo", "FWDOCS_UNDO=1", "remove what this script added, and nothing else");
        option(help, "--confirm-within=SECONDS", "FWDOCS_CONFIRM_WITHIN", "save the whole ruleset, apply (or undo),"
                + " then wait SECONDS for a confirmation: yes typed on this terminal, or " + fileName(spec.backendId())
                + " --confirm run from another session; without one in time (or if this run fails or is"
                + " interrupted) restore the saved ruleset exactly and exit 5. A lost SSH session does not stop the"
                + " wait. Use it over SSH: a rule that cuts you off undoes itself");
        option(help, "--confirm", null, "confirm the run of this script that waits (see --confirm-within), from"
                + " another session; exit 1 when none waits");
        option(help, "--save-ruleset=DIR", null, "for a bundle's apply.sh: save the whole ruleset that this backend's"
                + " scripts may change into the folder DIR, and do nothing else; --restore-ruleset=DIR puts it back"
                + " exactly (with the same backend options)");
        option(help, "--audit", null, "change nothing: compare the rules this script owns in the live ruleset with"
                + " those it would make with the same --from- and --port- options, and report the catalog flows"
                + " missing, the owned rules this version does not have (extra, left by an older version) and the"
                + " owned rules open to more addresses than the options give (widened), each by rule name,"
                + " direction, family, protocol, port and address; exit 0 when clean, 6 on findings. Not with"
                + " --undo or --confirm-within; --dry-run changes nothing here either");
        option(help, "--format=FORMAT", null, "the audit report: text (default, one line a finding) or json (one"
                + " object: audit, clean, missing, extra, widened)");
        for (Role r : role.addressRoles()) {
            option(help, "--from-" + r.id() + "=CIDR[,CIDR...]", fromEnv(r), "addresses of the "
                    + ShellText.line(r.name(), 100) + " machines, IPv4 and/or IPv6; unset: any address; no entry of"
                    + " a family: no rule for that family");
        }
        for (Rule r : role.configurable()) {
            option(help, "--port-" + r.id() + "=N", portEnv(r), "port of " + ShellText.line(r.name(), 100)
                    + ", default " + r.ports().get(0).first() + " (configured in "
                    + ShellText.line(r.configurable().setting(), 100) + ", "
                    + ShellText.line(r.configurable().where(), 100) + ")");
        }
        for (Option o : spec.options()) {
            option(help, "--" + o.name() + "=" + o.metavar(), o.env(), o.help());
        }
        option(help, "--help", null, "show this help");
        help.add("");
        help.addAll(paragraph("Must run as root. Exit codes: 0 done, 2 usage error, 3 not root, 4 "
                + spec.backendId() + " missing or not active (or its ruleset unreadable), 5 not confirmed in time (the"
                + " ruleset from before is restored), 6 the audit found differences, anything else: a command"
                + " failed."));
        return help;
    }

    private static List<String> paragraph(String text) {
        return ShellText.wrap(text, HELP_WIDTH, "", "");
    }

    /**
     * One option: its synopsis, then its environment variable (if any) and text, indented; a short synopsis shares
     * its line with the text, a long one takes the variable along when both fit.
     */
    private static void option(List<String> help, String synopsis, String env, String text) {
        String column = " ".repeat(OPTION_TEXT_COLUMN);
        String head = "  " + synopsis;
        String withEnv = env == null ? text : text + " (" + env + ")";
        if (head.length() < OPTION_TEXT_COLUMN) {
            help.addAll(ShellText.wrap(withEnv, HELP_WIDTH, head + " ".repeat(OPTION_TEXT_COLUMN - head.length()),
                    column));
        } else if (env != null && head.length() + env.length() + 5 <= HELP_WIDTH) {
            help.add(head + "   (" + env + ")");
            help.addAll(ShellText.wrap(text, HELP_WIDTH, column, column));
        } else {
            help.add(head);
            help.addAll(ShellText.wrap((env == null ? "" : "(" + env + ") ") + text, HELP_WIDTH, column, column));
        }
    }

    private static final int HELP_WIDTH = 76;
    private static final int OPTION_TEXT_COLUMN = 19;

    private static final String PROLOGUE = ScriptResources.text(ShellScript.class, "prologue.sh");
    private static final String CONFIRM = ScriptResources.text(ShellScript.class, "confirm.sh");

    /**
     * The shell code of {@code --confirm-within} and {@code --confirm} ({@code confirm.sh}): every role script has
     * it, and a bundle's {@code apply.sh} runs the same code around all its flow sets.
     */
    public static String confirmCode() {
        return CONFIRM;
    }
}
