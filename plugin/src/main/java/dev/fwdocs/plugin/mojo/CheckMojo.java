package dev.fwdocs.plugin.mojo;

import dev.fwdocs.plugin.generate.Drift;
import dev.fwdocs.plugin.generate.GenerateRequest;
import dev.fwdocs.plugin.generate.Generator;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Fails when the files in the output folders (and the site folders flavors are written into) differ from what
 * {@code generate} would write with the same configuration: for repositories that commit generated pages. Lists every
 * differing, missing and extra file (a file fwdocs' manifest lists that is no longer generated), the first differing
 * line of the first few, and the command that fixes it. Writes nothing; CRLF line endings alone are no difference.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true, requiresProject = true)
public class CheckMojo extends AbstractRenderMojo {

    /** How many differing files show their first differing line. */
    private static final int SHOWN_LINES = 5;

    /** Skip this goal only. */
    @Parameter(property = "fwdocs.check.skip", defaultValue = "false")
    private boolean skipCheck;

    @Override
    protected String goal() {
        return "check";
    }

    @Override
    protected boolean goalSkipped() {
        return skipCheck;
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        GenerateRequest request = request();
        Generator.Checked checked = call(() -> Generator.check(request));
        warn(checked.warnings());
        Drift d = checked.drift();
        String crlf = d.lineEndingsOnly() == 0 ? "" : " (" + d.lineEndingsOnly() + " only with CRLF line endings, "
                + "which count as equal)";
        if (d.clean()) {
            getLog().info("fwdocs: check OK: " + d.equal() + " " + ValidateMojo.plural(d.equal(), "file")
                    + " as generate would write them" + crlf);
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add("fwdocs: the generated files are not what the catalog produces: " + d.differing().size()
                + " differing, " + d.missing().size() + " missing, " + d.extra().size() + " extra" + crlf);
        for (int i = 0; i < d.differing().size(); i++) {
            Drift.Difference f = d.differing().get(i);
            if (i < SHOWN_LINES && f.line() > 0) {
                lines.add("  differs: " + f.file() + ":" + f.line());
                lines.add("      expected: " + shown(f.expected()));
                lines.add("      found:    " + shown(f.actual()));
            } else {
                lines.add("  differs: " + f.file() + (f.line() == 0 ? " (binary)" : ""));
            }
        }
        d.missing().forEach(m -> lines.add("  missing: " + m));
        d.extra().forEach(x -> lines.add("  extra:   " + x + " (no longer generated)"));
        lines.add("Run 'mvn fwdocs:generate' (or the build that runs it) and commit the result.");
        throw new MojoFailureException(String.join("\n", lines));
    }

    /** A line for the log: control characters shown as '?', at most 120 characters. */
    private static String shown(String line) {
        String s = line.chars().map(c -> c < 0x20 || c == 0x7f ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }
}
