package dev.fwdocs.plugin.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.plugin.testing.Command;
import dev.fwdocs.plugin.testing.Environment;
import dev.fwdocs.plugin.testing.ScriptResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python programs the scripts carry (every {@code FWDOCS_*_PY} of the shell code they embed, run with
 * {@code python3 -c}) import nothing from the folder the script was started in. The scripts run as root, often from
 * a download folder, and {@code python3 -c} puts the current folder first on the module path: an
 * {@code ipaddress.py} or a {@code ufw/} folder there would run as root.
 */
class ScriptPythonTest {

    /** The shell code the generated scripts embed. */
    private static final List<String> SHELL = List.of("prologue.sh", "confirm.sh", "iptables/functions.sh",
            "nftables/functions.sh", "nftables/options.sh", "ufw/functions.sh", "firewalld/functions.sh");

    private static final Pattern PROGRAM = Pattern.compile("(?m)^(FWDOCS_[A-Z0-9_]+_PY)='$");
    private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*(?:import|from)\\s+([A-Za-z_][\\w., ]*)");

    @Test
    void noProgramImportsFromTheFolderItRunsIn(@TempDir Path tmp) throws Exception {
        Path python = Files.isExecutable(Path.of("/usr/bin/python3")) ? Path.of("/usr/bin/python3")
                : Environment.requireTool("python3", "FWDOCS_PYTHON", "apt-get install python3");
        List<String[]> programs = new ArrayList<>();
        Set<String> modules = new TreeSet<>(List.of("ipaddress", "ufw", "firewall", "contextlib", "io", "os"));
        for (String file : SHELL) {
            String resource = "/dev/fwdocs/plugin/rules/" + file;
            Matcher m = PROGRAM.matcher(ScriptResources.text(resource));
            while (m.find()) {
                String text = ScriptResources.quoted(resource, m.group(1));
                programs.add(new String[] {file + " " + m.group(1), text});
                Matcher i = IMPORT.matcher(text);
                while (i.find()) {
                    for (String name : i.group(1).split(",")) {
                        modules.add(name.strip().split("[. ]")[0]);
                    }
                }
            }
        }
        assertTrue(programs.size() >= 5, "expected the ufw and firewalld programs, found " + programs.size());
        modules.remove("sys"); // built in: never read from a folder

        Path cwd = Files.createDirectories(tmp.resolve("download"));
        Path marker = tmp.resolve("ran");
        for (String module : modules) {
            Path pkg = Files.createDirectories(cwd.resolve(module));
            Files.writeString(pkg.resolve("__init__.py"), "open(" + pyString(marker + "") + ", \"a\").write("
                    + pyString(module + "\n") + ")\n");
        }
        // what a program is given: a Python program file (firewall-cmd's or ufw's), words, nothing on its input
        Path fake = tmp.resolve("tool");
        Files.writeString(fake, "#!/usr/bin/python3\n");

        Command.Result control = run(python, cwd, "import ipaddress", List.of());
        assertTrue(Files.exists(marker), "the planted module did not run from the folder: " + control.describe());
        Files.delete(marker);

        for (String[] program : programs) {
            Command.Result r = run(python, cwd, program[1], List.of(fake.toString(), "all", "s", "p", "x"));
            assertFalse(Files.exists(marker), program[0] + " imported " + (Files.exists(marker)
                    ? Files.readString(marker).strip() : "") + " from the folder it ran in: " + r.describe());
        }
    }

    private static Command.Result run(Path python, Path cwd, String program, List<String> args) {
        List<String> argv = new ArrayList<>(List.of(python.toString(), "-c", program));
        argv.addAll(args);
        // no D-Bus to reach: the firewalld programs must not talk to this machine's firewalld
        return Command.of(argv).in(cwd).env("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent/fwdocs")
                .input("").timeout(Duration.ofSeconds(30)).mergeErrors().run();
    }

    private static String pyString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
