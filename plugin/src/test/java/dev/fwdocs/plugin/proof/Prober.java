package dev.fwdocs.plugin.proof;

import dev.fwdocs.plugin.testing.Command;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends a batch of probes in parallel (probe.py) and reports what answered: probes from the server's addresses
 * (outbound flows) from the server namespace, all others from the client namespace, both batches at once.
 */
final class Prober {

    /** What a probe saw: open, or closed with the reason (timeout, refused, EHOSTUNREACH, ...). */
    record Outcome(boolean open, String detail) {
    }

    /** A probe whose outcome differs from what the catalog demands. */
    record Miss(Expect.Probe probe, Outcome outcome) {
        String describe() {
            return probe.label() + (probe.open()
                    ? " must answer (" + probe.why() + ") but did not (" + outcome.detail() + ")"
                    : " must not answer (" + probe.why() + ") but did (" + outcome.detail() + ")");
        }
    }

    /**
     * The next UDP source port, below the kernel's ephemeral range (32768-60999). A UDP probe's flow stays in
     * conntrack for 30-120 s after it was answered: a later probe that the kernel happened to give the same random
     * source port would match it as established and pass a baseline that must drop it (seen once in CI, "must not
     * answer ... but did"). Ports taken in turn are not reused within a session's lifetime.
     */
    private static final AtomicInteger UDP_SOURCE = new AtomicInteger();

    private Prober() {
    }

    private static int udpSourcePort() {
        return 20000 + Math.floorMod(UDP_SOURCE.getAndIncrement(), 12768);
    }

    static Path resource(String name) {
        try {
            return Path.of(Prober.class.getResource("/proof/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource proof/" + name + " is missing", e);
        }
    }

    /** The probes whose outcome is not what they expect; a probe that must answer gets a second, longer chance. */
    static List<Miss> misses(Lab lab, List<Expect.Probe> probes) {
        Map<Expect.Probe, Outcome> first = send(lab, probes, false);
        List<Expect.Probe> retry = probes.stream().filter(p -> p.open() && !first.get(p).open()).toList();
        Map<Expect.Probe, Outcome> second = retry.isEmpty() ? Map.of() : send(lab, retry, true);
        List<Miss> out = new ArrayList<>();
        for (Expect.Probe p : probes) {
            Outcome o = second.getOrDefault(p, first.get(p));
            if (o.open() != p.open()) {
                out.add(new Miss(p, o));
            }
        }
        return out;
    }

    static Map<Expect.Probe, Outcome> send(Lab lab, List<Expect.Probe> probes, boolean patient) {
        List<Expect.Probe> fromServer = probes.stream().filter(Prober::fromServer).toList();
        List<Expect.Probe> fromClient = probes.stream().filter(p -> !fromServer(p)).toList();
        if (fromServer.isEmpty()) {
            return send(lab.client(), fromClient, patient);
        }
        if (fromClient.isEmpty()) {
            return send(lab.server(), fromServer, patient);
        }
        CompletableFuture<Map<Expect.Probe, Outcome>> out = CompletableFuture.supplyAsync(
                () -> send(lab.server(), fromServer, patient));
        Map<Expect.Probe, Outcome> all = new HashMap<>(send(lab.client(), fromClient, patient));
        all.putAll(out.join());
        return all;
    }

    private static boolean fromServer(Expect.Probe p) {
        return p.src().equals(Lab.SERVER4) || p.src().equals(Lab.SERVER6);
    }

    private static Map<Expect.Probe, Outcome> send(String namespace, List<Expect.Probe> probes, boolean patient) {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < probes.size(); i++) {
            Expect.Probe p = probes.get(i);
            // a reject reaches an IPv6 connect() only after about a second: give "must be dropped" IPv6 TCP 2 s
            double timeout = patient ? 2.0 : (!p.open() && p.proto().equals("tcp") && p.family() == 6) ? 2.0 : 1.0;
            in.append('p').append(i).append(' ').append(p.proto()).append(' ').append(p.src()).append(' ')
                    .append(p.dst()).append(' ').append(p.port()).append(' ').append(timeout)
                    .append(' ').append(p.proto().equals("udp") ? udpSourcePort() : 0).append('\n');
        }
        Command.Result r = Command.of("ip", "netns", "exec", namespace, "/usr/bin/python3",
                resource("probe.py").toString()).timeout(Duration.ofSeconds(60)).input(in.toString()).run();
        if (!r.ok()) {
            throw new IllegalStateException("probe client in " + namespace + " failed: " + r.describe());
        }
        Map<String, Outcome> byId = new HashMap<>();
        for (String line : r.out().split("\n")) {
            String[] f = line.strip().split(" ", 3);
            if (f.length == 3) {
                byId.put(f[0], new Outcome(f[1].equals("open"), f[1] + " " + f[2]));
            }
        }
        Map<Expect.Probe, Outcome> out = new HashMap<>();
        for (int i = 0; i < probes.size(); i++) {
            Outcome o = byId.get("p" + i);
            if (o == null) {
                throw new IllegalStateException("probe client gave no answer for " + probes.get(i).label() + ": "
                        + r.describe());
            }
            out.put(probes.get(i), o);
        }
        return out;
    }
}
