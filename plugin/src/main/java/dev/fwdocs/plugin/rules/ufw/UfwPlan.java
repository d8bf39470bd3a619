package dev.fwdocs.plugin.rules.ufw;

import dev.fwdocs.catalog.Cidr;
import dev.fwdocs.catalog.IcmpType;
import dev.fwdocs.catalog.PortRange;
import dev.fwdocs.catalog.Protocol;
import dev.fwdocs.catalog.resolve.Peer;
import dev.fwdocs.catalog.resolve.ResolvedRule;
import dev.fwdocs.plugin.model.RoleModel;
import dev.fwdocs.plugin.model.VersionModel;
import dev.fwdocs.plugin.render.GeneratedFile;
import dev.fwdocs.plugin.rules.PageCommands;
import dev.fwdocs.plugin.rules.PageNotes;
import dev.fwdocs.plugin.rules.RolePlan;
import dev.fwdocs.plugin.rules.ScriptResources;
import dev.fwdocs.plugin.rules.ShellScript;
import dev.fwdocs.plugin.rules.Source;
import dev.fwdocs.plugin.rules.shell.Sh;
import dev.fwdocs.plugin.rules.shell.ShellText;
import dev.fwdocs.plugin.rules.shell.ShellWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One role's rules translated for ufw, once: per catalog rule and direction, the ufw rules the script asks for (one
 * per protocol, port and source of a family, each key once) and what ufw cannot open (SCTP, ICMP). The script and the page
 * commands are both printed from it.
 */
record UfwPlan(VersionModel version, RoleModel role, String tag, List<Part> parts) implements RolePlan {

    static final int[] FAMILIES = {4, 6};

    UfwPlan {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(tag, "tag");
        parts = List.copyOf(parts);
    }

    /** One catalog rule seen from the role in one direction, with its steps in script order. */
    record Part(ResolvedRule rule, boolean inbound, List<Step> steps) {
        Part {
            Objects.requireNonNull(rule, "rule");
            steps = List.copyOf(steps);
        }

        String direction() {
            return inbound ? "in" : "out";
        }
    }

    /** What the script does for one protocol, port or ICMP type of a rule. */
    sealed interface Step permits Allow, Sctp, Icmp {
    }

    /**
     * One ufw rule the script wants: a protocol, a port range and a source or destination of one family (for a
     * role, one rule per address given to the script). {@code range} is a configurable rule's default port.
     */
    record Allow(Protocol protocol, PortRange range, Source source) implements Step {
        Allow {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(range, "range");
            Objects.requireNonNull(source, "source");
        }

        int family() {
            return source.family();
        }
    }

    /** SCTP ports, which ufw cannot express. */
    record Sctp() implements Step {
    }

    /** An ICMP type: ufw's command line cannot express ICMP; its stock before*.rules accept some types. */
    record Icmp(IcmpType type) implements Step {
        Icmp {
            Objects.requireNonNull(type, "type");
        }

        boolean acceptedByDefault() {
            return UfwBackend.DEFAULT_INBOUND_ICMP.contains(type);
        }

        String rulesFile() {
            return "/etc/ufw/before" + (type.protocol() == Protocol.ICMP ? "" : "6") + ".rules";
        }

        String what() {
            return type.protocol().label() + " " + type.catalogName();
        }
    }

    /** Translates the role's inbound then outbound rules; a ufw rule that two catalog rules want is asked for once. */
    static UfwPlan of(VersionModel version, RoleModel role) {
        List<Part> parts = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        for (boolean inbound : new boolean[] {true, false}) {
            for (ResolvedRule r : inbound ? role.inbound() : role.outbound()) {
                // the peers of the rule that exist in a family (an address without a network of it has no rule there)
                Map<Integer, List<Peer>> present = Map.of(4, role.peers(r, inbound, 4), 6, role.peers(r, inbound, 6));
                List<Step> steps = new ArrayList<>();
                for (Protocol p : r.rule().portProtocols()) {
                    if (p == Protocol.SCTP) {
                        steps.add(new Sctp());
                        continue;
                    }
                    for (PortRange range : r.rule().ports()) {
                        for (Peer peer : inbound ? r.sources() : r.to()) {
                            for (int family : FAMILIES) {
                                if (!present.get(family).contains(peer)) {
                                    continue;
                                }
                                Source source = Source.ofFlow(peer, family);
                                String key = family + " " + (inbound ? "in" : "out") + " " + p.id() + " "
                                        + ShellScript.portText(r.rule(), range, ":") + " "
                                        + String.join(" ", source.words().stream().map(Sh::text).toList());
                                if (keys.add(key)) {
                                    steps.add(new Allow(p, range, source));
                                }
                            }
                        }
                    }
                }
                r.rule().icmpTypes().forEach(t -> steps.add(new Icmp(t)));
                parts.add(new Part(r, inbound, steps));
            }
        }
        return new UfwPlan(version, role, UfwBackend.tag(version.resolved(), role.view()), parts);
    }

    private static final String FUNCTIONS = ScriptResources.text(UfwBackend.class, "functions.sh");

    private static final String SCRIPT = ShellScript.fileName(UfwBackend.ID);

    @Override
    public List<GeneratedFile> files() {
        ShellScript.Spec spec = new ShellScript.Spec(UfwBackend.ID, UfwBackend.ID, version, role, List.of(
                "Each rule is added with ufw allow and the comment " + tag
                        + " <rule> <in|out> <proto>/<port> <address>; --undo deletes the rules that carry that"
                        + " comment and nothing else.",
                "Run again with other addresses or ports, it deletes its rules that are no longer wanted, then adds"
                        + " the new ones, and leaves the rules that are already right as they are.",
                "ufw must be installed and active (ufw enable). ICMP is not a ufw command: the script says which"
                        + " ICMP types the ufw before.rules already accept and which it cannot open."));
        return List.of(GeneratedFile.script(SCRIPT, ShellScript.script(spec, body())));
    }

    /** The script's own part: the tag, ufw's functions, and {@code fwdocs_apply} asking for each wanted rule. */
    String body() {
        ShellWriter w = new ShellWriter();
        w.assign("FWDOCS_TAG", tag).blank();
        w.resource(FUNCTIONS);
        w.function("fwdocs_apply", () -> {
            for (Part part : parts) {
                w.comment(part.rule().id() + " (" + (part.inbound() ? "inbound" : "outbound") + "): "
                        + ShellText.line(part.rule().rule().name(), 120));
                for (Step s : part.steps()) {
                    script(w, part, s);
                }
            }
            if (parts.isEmpty()) {
                w.command("fwdocs_say", Sh.word("this role has no rules in this version; nothing to open"));
            }
            // always: rules of an earlier run (other addresses, ports or catalog version) go even when none is wanted
            w.command("fwdocs_converge");
        });
        return w.text();
    }

    private static void script(ShellWriter w, Part part, Step step) {
        ResolvedRule r = part.rule();
        if (step instanceof Allow a) {
            List<Sh> head = List.of(Sh.word(Integer.toString(a.family())), Sh.word(r.id()), Sh.word(part.direction()),
                    Sh.word(a.protocol().id()), r.rule().configurable() != null
                            ? Sh.var(ShellScript.portVar(r.id())) : Sh.word(a.range().format(":")));
            if (a.source() instanceof Source.RoleAddresses ra) {
                w.forEach("fwdocs_a", ra.var(), () -> w.command("fwdocs_ufw_rule", plus(head, Sh.var("fwdocs_a"))));
            } else {
                a.source().words().forEach(word -> w.command("fwdocs_ufw_rule", plus(head, word)));
            }
        } else if (step instanceof Sctp) {
            w.command("fwdocs_note", Sh.word("rule " + r.id() + ": NOT opened: ufw cannot express SCTP ("
                    + ports(r) + "); open it by other means"));
        } else if (step instanceof Icmp i) {
            String text;
            if (!part.inbound()) {
                text = "rule " + r.id() + ": outbound " + i.what() + " is not a ufw command; it passes while the"
                        + " default outgoing policy of ufw is allow (ufw default allow outgoing)";
            } else if (i.acceptedByDefault()) {
                boolean anyOnly = r.sources().stream().allMatch(x -> x instanceof Peer.Any);
                text = "rule " + r.id() + ": " + i.what() + " is accepted by the default ufw " + i.rulesFile()
                        + (anyOnly ? "" : " from any address (the ufw command line cannot limit ICMP to sources)");
            } else {
                text = "rule " + r.id() + ": NOT opened: " + i.what() + " (the ufw command line cannot express"
                        + " ICMP; add an ACCEPT line for it to " + i.rulesFile() + ")";
            }
            w.command("fwdocs_note", Sh.word(ShellText.line(text, 400)));
        }
    }

    private static List<Sh> plus(List<Sh> words, Sh last) {
        List<Sh> out = new ArrayList<>(words);
        out.add(last);
        return out;
    }

    static String ports(ResolvedRule r) {
        return String.join(",", r.rule().ports().stream().map(PortRange::toString).toList());
    }

    /**
     * The page: {@code ufw allow PORT/PROTO} for what the role accepts from any address or from a role (whose
     * addresses only the script takes), {@code ufw allow proto P from CIDR} for the networks of named addresses, a
     * comment for what ufw cannot open, and notes on what only the script does.
     */
    @Override
    public PageCommands page() {
        Set<String> open = new LinkedHashSet<>();
        for (Part part : inbound()) {
            for (Step s : part.steps()) {
                if (s instanceof Allow a && a.source().anyOnPage()) {
                    open.add(portWord(a));
                }
            }
        }
        ShellWriter w = new ShellWriter();
        Set<String> written = new LinkedHashSet<>();
        for (Part part : inbound()) {
            // the script's tag first: ufw.sh takes these rules for its own, so that a run with --from-ROLE replaces
            // them with narrower ones and --undo removes them
            Sh comment = Sh.word(ShellText.comment(tag + " " + part.rule().rule().name(), 160));
            String name = ShellText.line(part.rule().rule().name(), 100);
            for (Step s : part.steps()) {
                if (s instanceof Allow a && a.source() instanceof Source.Networks n) {
                    if (open.contains(portWord(a))) {
                        continue; // open to any address already
                    }
                    for (Cidr c : n.cidrs()) {
                        if (written.add(portWord(a) + " " + c)) {
                            w.command("ufw", Sh.word("allow"), Sh.word("proto"), Sh.word(a.protocol().id()),
                                    Sh.word("from"), Sh.word(c.toString()), Sh.word("to"), Sh.word("any"),
                                    Sh.word("port"), Sh.word(a.range().format(":")), Sh.word("comment"), comment);
                        }
                    }
                } else if (s instanceof Allow a) {
                    if (written.add(portWord(a))) {
                        w.command("ufw", Sh.word("allow"), Sh.word(portWord(a)), Sh.word("comment"), comment);
                    }
                } else if (s instanceof Sctp) {
                    w.comment(name + ": ufw cannot open SCTP " + ports(part.rule()) + "; open it by other means");
                } else if (s instanceof Icmp i) {
                    w.comment(name + ": " + (i.acceptedByDefault()
                            ? i.what() + " is accepted by the default rules of ufw (" + i.rulesFile() + ")"
                            : "ufw commands cannot open " + i.what() + "; add an ACCEPT line for it to "
                                    + i.rulesFile()));
                }
            }
        }
        if (w.text().isEmpty()) {
            w.comment("no incoming port of this role can be opened with ufw commands");
        }
        // what only the script does: narrow role sources, move configurable ports, add the outbound rules
        List<String> notes = PageNotes.forScript(SCRIPT, role);
        return new PageCommands(w.text(), notes);
    }

    private List<Part> inbound() {
        return parts.stream().filter(Part::inbound).toList();
    }

    /** {@code 5701/tcp}, {@code 5706:5707/tcp}: ufw's short form of a port (a configurable rule's default). */
    private static String portWord(Allow a) {
        return a.range().format(":") + "/" + a.protocol().id();
    }
}
