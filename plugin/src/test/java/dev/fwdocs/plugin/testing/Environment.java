package dev.fwdocs.plugin.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;

/**
 * The one gate of the tests that need more than a JVM: the firewall lab (Linux, root, network and mount namespaces,
 * the firewall tools) and external tools (shellcheck, hugo, markdownlint-cli2). A missing capability skips the test
 * with a loud banner, except when the environment variable {@code CI} is set: then it fails, because CI must prove
 * what the README promises.
 */
public final class Environment {

    /** The JUnit tag of every test that needs the firewall lab; {@code -Pfast} leaves these out. */
    private static final String FIREWALL = "firewall";

    /** Where tools are looked for besides PATH: root's tools live in sbin, which a non-login PATH may lack. */
    private static final List<String> SBIN = List.of("/usr/local/sbin", "/usr/sbin", "/sbin");

    private static String labProblem;
    private static boolean labChecked;

    private Environment() {
    }

    /** True when the environment variable {@code CI} is set: nothing may be skipped. */
    public static boolean ci() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank();
    }

    /**
     * Requires the firewall lab: Linux, root, and {@code unshare --mount --net} working. Where it cannot be had the
     * test is skipped loudly (failed under CI). Where it can, every tool named (a name looked up on PATH and in sbin,
     * or an absolute path) must be there, else the test fails: a missing package is a broken set-up, never a reason
     * to skip. The calling test must carry {@code @Tag("firewall")}, so that the fast loop leaves it out.
     */
    public static void requireFirewallLab(String... tools) {
        requireTagged(FIREWALL);
        String problem = labProblem();
        if (problem != null) {
            skip(problem, "These tests load the generated rules into real firewalls inside throw-away network\n"
                    + "namespaces and need Linux, root and the packages that .ci/run installs (README.md, \"Running the"
                    + " tests\").");
        }
        List<String> missing = new ArrayList<>();
        for (String tool : tools) {
            if (find(tool) == null) {
                missing.add(tool);
            }
        }
        if (!missing.isEmpty()) {
            fail("this machine can create namespaces, but " + String.join(", ", missing)
                    + " is missing: install the packages that .ci/run installs");
        }
    }

    /**
     * The external tool {@code name}: the file named by the environment variable {@code envVar} when set, else the
     * tool on PATH (or in sbin). When it is missing the test is skipped loudly (failed under CI).
     */
    public static Path requireTool(String name, String envVar, String howToInstall) {
        String configured = System.getenv(envVar);
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            if (!Files.isExecutable(p)) {
                fail(envVar + "=" + configured + " is not an executable file");
            }
            return p;
        }
        Path p = find(name);
        if (p == null) {
            skip(name + " is not installed", "Install it (" + howToInstall + ") or point " + envVar + " at it.");
        }
        return p;
    }

    /** The tool as an executable file: an absolute path as it is, a name looked up on PATH and in sbin; else null. */
    public static Path find(String tool) {
        if (tool.contains("/")) {
            Path p = Path.of(tool);
            return Files.isExecutable(p) ? p : null;
        }
        Set<String> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(SBIN);
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    private static void skip(String problem, String advice) {
        String who = caller();
        String bar = "!".repeat(100);
        String banner = "\n" + bar + "\n!!! NOT RUN: " + who + ": " + problem + ".\n!!! "
                + advice.replace("\n", "\n!!! ") + "\n!!! With CI set this is a failure.\n" + bar + "\n";
        System.err.println(banner);
        if (ci()) {
            fail("CI is set, so " + who + " must run, but " + problem);
        }
        Assumptions.abort(who + " not run: " + problem);
    }

    private static synchronized String labProblem() {
        if (!labChecked) {
            labProblem = probeLab();
            labChecked = true;
        }
        return labProblem;
    }

    private static String probeLab() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return "this is not Linux";
        }
        Command.Result id = Command.of("id", "-u").timeout(Duration.ofSeconds(10)).run();
        if (!id.ok() || !id.out().strip().equals("0")) {
            return "the tests do not run as root (id -u: " + id.output().strip() + ")";
        }
        Command.Result ns = Command.of("unshare", "--mount", "--net", "--propagation", "private", "true")
                .timeout(Duration.ofSeconds(20)).mergeErrors().run();
        if (!ns.ok()) {
            return "this machine cannot create network and mount namespaces (unshare: " + ns.output().strip() + ")";
        }
        return null;
    }

    /**
     * Fails unless a test method or class on the current stack carries the tag: an untagged firewall test would
     * slow down the fast loop, which selects by tag.
     */
    private static void requireTagged(String tag) {
        List<StackWalker.StackFrame> frames = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(s -> s.filter(f -> !f.getDeclaringClass().getPackageName().startsWith("org.junit")
                        && !f.getDeclaringClass().getPackageName().startsWith("java.")
                        && f.getDeclaringClass() != Environment.class).toList());
        for (StackWalker.StackFrame f : frames) {
            for (Class<?> c = f.getDeclaringClass(); c != null; c = c.getEnclosingClass()) {
                if (tagged(c.getAnnotationsByType(Tag.class), tag)) {
                    return;
                }
            }
            for (Method m : f.getDeclaringClass().getDeclaredMethods()) {
                if (m.getName().equals(f.getMethodName()) && tagged(m.getAnnotationsByType(Tag.class), tag)) {
                    return;
                }
            }
        }
        fail(caller() + " needs the firewall lab but is not tagged @Tag(\"" + tag + "\"): tag the test method or"
                + " class, so that the fast loop (-Pfast) leaves it out");
    }

    private static boolean tagged(Tag[] tags, String tag) {
        for (Tag t : tags) {
            if (t.value().equals(tag)) {
                return true;
            }
        }
        return false;
    }

    /** The test class and method that asked, for the banner. */
    private static String caller() {
        return StackWalker.getInstance().walk(s -> s
                .filter(f -> !f.getClassName().equals(Environment.class.getName()))
                .filter(f -> !f.getClassName().startsWith("org.junit") && !f.getClassName().startsWith("java."))
                .findFirst()
                .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "." + f.getMethodName())
                .orElse("a test"));
    }
}
