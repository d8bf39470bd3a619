package dev.fwdocs.plugin.proof;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.catalog.Diagnostic;
import dev.fwdocs.catalog.ProductCatalog;
import dev.fwdocs.catalog.resolve.ResolvedVersion;
import dev.fwdocs.catalog.resolve.Resolver;
import dev.fwdocs.catalog.resolve.RoleView;
import dev.fwdocs.plugin.render.GeneratedFile;
import dev.fwdocs.plugin.rules.BackendRegistry;
import dev.fwdocs.plugin.rules.Plans;
import dev.fwdocs.plugin.rules.RuleBackend;
import dev.fwdocs.plugin.testing.Catalogs;
import dev.fwdocs.plugin.testing.Environment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * The proof of what an operator does with the scripts beyond one role on a fresh host, on every firewall variant
 * (iptables-nft, iptables-legacy, nftables, ufw, firewalld): several roles' scripts on one machine (each works next to
 * the others, undoing one leaves the others exactly as they are alone), and upgrades (version N+1's script over N's
 * converges to exactly what N+1 makes on a fresh host, and its --undo leaves the baseline), for every seed catalog
 * and the {@code versions} feature catalog.
 */
@Tag("firewall")
class OperatorProofTest {

    /** The variants: those of the main proof, without the second firewalld set-up (same script, zone binding only). */
    static List<Variant> variants() {
        List<Variant> all = GeneratedRulesProofTest.variants();
        if (System.getProperty("fwdocs.proof.variants", "").isBlank()) {
            return all.stream().filter(v -> v != Variant.FIREWALLD_UNBOUND).toList();
        }
        return all;
    }

    static List<ProductCatalog> catalogs() throws Exception {
        List<ProductCatalog> out = new ArrayList<>(GeneratedRulesProofTest.catalogs());
        out.add(Catalogs.read(Catalogs.FEATURES.resolve("versions.yaml")));
        return out;
    }

    /** A session to run, or why it cannot. */
    private record Planned(String title, OperatorSession session, String problem) {
    }

    @TestFactory
    Stream<DynamicTest> severalRolesOnOneMachine() throws Exception {
        Environment.requireFirewallLab(ProofSession.TOOLS);
        List<Planned> planned = new ArrayList<>();
        for (ProductCatalog pc : catalogs()) {
            ResolvedVersion latest = Resolver.resolve(pc, pc.product().latestVersion());
            for (Variant v : variants()) {
                String title = pc.product().id() + " " + latest.version() + ": every role on one machine, on " + v;
                try {
                    List<OperatorSession.Script> ss = new ArrayList<>();
                    for (RoleView r : latest.roles()) {
                        if (!r.inbound().isEmpty()) {
                            ss.add(script(v, latest, r, r.role().id()));
                        }
                    }
                    if (ss.size() < 2) {
                        continue;
                    }
                    planned.add(new Planned(title, new OperatorSession(title, v, ss, OperatorProofTest::roles), null));
                } catch (IllegalStateException e) {
                    planned.add(new Planned(title, null, e.getMessage()));
                }
            }
        }
        return run(planned);
    }

    @TestFactory
    Stream<DynamicTest> upgradesConverge() throws Exception {
        Environment.requireFirewallLab(ProofSession.TOOLS);
        List<Planned> planned = new ArrayList<>();
        for (ProductCatalog pc : catalogs()) {
            List<String> versions = pc.product().versions();
            for (int i = 0; i + 1 < versions.size(); i++) {
                ResolvedVersion old = Resolver.resolve(pc, versions.get(i));
                ResolvedVersion next = Resolver.resolve(pc, versions.get(i + 1));
                for (Variant v : variants()) {
                    String title = pc.product().id() + " " + old.version() + " -> " + next.version() + " on " + v;
                    try {
                        List<OperatorSession.Script> ss = new ArrayList<>();
                        for (RoleView r : next.roles()) {
                            if (r.inbound().isEmpty()) {
                                continue;
                            }
                            Optional<RoleView> before = old.roles().stream()
                                    .filter(o -> o.role().id().equals(r.role().id()))
                                    .filter(o -> !o.inbound().isEmpty() || !o.outbound().isEmpty()).findFirst();
                            if (before.isPresent()) {
                                ss.add(script(v, old, before.get(), r.role().id() + "@" + old.version()));
                            }
                            ss.add(script(v, next, r, r.role().id() + "@" + next.version()));
                        }
                        planned.add(new Planned(title, new OperatorSession(title, v, ss,
                                s -> upgrade(s, next.version())), null));
                    } catch (IllegalStateException e) {
                        planned.add(new Planned(title, null, e.getMessage()));
                    }
                }
            }
        }
        return run(planned);
    }

    /**
     * Every role applied one after the other, then undone one by one in both orders: each state probed with the
     * scripts then in force, and the first role's undo must leave exactly what the other roles make alone.
     */
    static void roles(OperatorSession s) {
        List<OperatorSession.Script> all = s.scripts();
        OperatorSession.Script first = all.get(0);
        List<OperatorSession.Script> rest = all.subList(1, all.size());
        for (OperatorSession.Script x : all) {
            if (!s.run("apply", x)) {
                return;
            }
        }
        s.probe("all applied", all);
        if (!s.run("undo first", first, "--undo")) {
            return;
        }
        s.probe("first undone", rest);
        String others = s.firewall().dump();
        for (OperatorSession.Script x : rest) {
            s.run("undo rest", x, "--undo");
        }
        s.same("all undone", "the ruleset after every --undo differs from the baseline", s.firewall().dump(),
                s.before());
        for (OperatorSession.Script x : rest) {
            s.run("others alone", x);
        }
        s.equivalent("others alone", "undoing " + first.label() + " did not leave exactly what the other roles' scripts"
                + " make alone (now: the others alone; then: all, " + first.label() + " undone)", s.firewall().dump(),
                others);
        if (!s.run("first last", first)) {
            return;
        }
        s.probe("first applied last", all);
        for (OperatorSession.Script x : rest) {
            s.run("undo others", x, "--undo");
        }
        s.probe("others undone", List.of(first));
        s.run("undo last", first, "--undo");
        s.same("undo last", "the ruleset after every --undo differs from the baseline", s.firewall().dump(),
                s.before());
    }

    /**
     * For each role: the old version's script, then the new one's over it (probed: the new version's flows open,
     * the old one's dropped flows and moved ports closed), its --undo back to the baseline, then the new script on a
     * fresh baseline, whose ruleset the upgraded one must equal.
     */
    static void upgrade(OperatorSession s, String nextVersion) {
        List<OperatorSession.Script> all = s.scripts();
        for (int i = 0; i < all.size(); i++) {
            OperatorSession.Script x = all.get(i);
            OperatorSession.Script old = null;
            if (!x.label().endsWith("@" + nextVersion)) {
                old = x;
                x = all.get(++i);
            }
            if (old != null && !s.run("old", old)) {
                continue;
            }
            if (!s.run("upgrade", x)) {
                continue;
            }
            String upgraded = s.firewall().dump();
            s.probe("upgraded " + x.label(), List.of(x));
            s.run("undo", x, "--undo");
            s.same("undo " + x.label(), "--undo of " + x.label() + " over " + (old == null ? "nothing" : old.label())
                    + " did not bring back the baseline", s.firewall().dump(), s.before());
            s.run("fresh", x);
            s.equivalent("fresh " + x.label(), x.label() + " over " + (old == null ? "nothing" : old.label())
                    + " (then) differs from " + x.label() + " on a fresh baseline (now)", s.firewall().dump(), upgraded);
            s.run("undo fresh", x, "--undo");
            s.same("undo fresh " + x.label(), "--undo after a fresh apply did not bring back the baseline",
                    s.firewall().dump(), s.before());
        }
    }

    private static OperatorSession.Script script(Variant v, ResolvedVersion version, RoleView role, String label) {
        RuleBackend backend = BackendRegistry.standard().find(v.backendId())
                .orElseThrow(() -> new IllegalStateException("no backend " + v.backendId()));
        List<Diagnostic> unsupported = Plans.unsupported(backend, version).stream().filter(Diagnostic::isError)
                .toList();
        if (!unsupported.isEmpty()) {
            throw new IllegalStateException("backend " + v.backendId() + " cannot express " + version.version()
                    + ": " + unsupported);
        }
        String name = v.backendId() + ".sh";
        GeneratedFile f = Plans.files(backend, version, role).stream().filter(g -> g.path().equals(name))
                .findFirst().orElseThrow(() -> new IllegalStateException("no " + name + " for " + label));
        return new OperatorSession.Script(label, role, f.text(), OperatorSession.defaultApply(role));
    }

    private static Stream<DynamicTest> run(List<Planned> planned) {
        List<Planned> byCost = new ArrayList<>(planned);
        byCost.sort(java.util.Comparator.comparingInt(p -> p.session() == null ? 0 : -costOf(p.title())));
        List<Future<ProofSession.Report>> futures = new ArrayList<>();
        for (Planned p : byCost) {
            futures.add(p.session() == null ? null : Sessions.submit(p.session()));
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < byCost.size(); i++) {
            Planned p = byCost.get(i);
            Future<ProofSession.Report> f = futures.get(i);
            tests.add(DynamicTest.dynamicTest(p.title(), () -> {
                assertTrue(p.problem() == null, () -> p.problem());
                ProofSession.Report r = f.get();
                System.out.println(r.describe());
                assertTrue(r.proven(), r::describe);
            }));
        }
        return tests.stream();
    }

    private static int costOf(String title) {
        for (Variant v : Variant.values()) {
            if (title.endsWith(" on " + v.label())) {
                return v.cost();
            }
        }
        return 0;
    }
}
