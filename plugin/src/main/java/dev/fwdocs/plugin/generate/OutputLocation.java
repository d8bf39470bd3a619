package dev.fwdocs.plugin.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a folder may be the output folder. fwdocs manages every file it writes there, deleting the ones it
 * no longer produces, so the folder must be one of its own: not the filesystem root, not the project folder or one
 * above it, not holding or inside the catalog or the templates, and inside the project unless allowed. Paths are
 * compared as real paths, so a link does not get around any of these.
 */
public final class OutputLocation {

    private OutputLocation() {
    }

    /**
     * Every reason {@code outputDir} is refused, each saying what to do; empty when it is fine. {@code templates} may
     * be null (no template folder).
     */
    public static List<String> problems(Path baseDir, Path outputDir, Path catalog, Path templates,
            boolean allowOutsideProject) {
        return problems("outputDirectory", "; use a folder of its own, such as the default "
                + "${project.build.directory}/fwdocs", baseDir, outputDir, catalog, templates, allowOutsideProject);
    }

    /**
     * The same checks for another folder that fwdocs manages with a manifest of its own ({@code <mkdocsDirectory>},
     * say): {@code parameter} names it in the messages, {@code instead} ends each refusal with what to do.
     */
    public static List<String> problems(String parameter, String instead, Path baseDir, Path outputDir, Path catalog,
            Path templates, boolean allowOutsideProject) {
        List<String> problems = new ArrayList<>();
        Path base;
        Path out;
        Path input;
        Path templatesReal;
        try {
            base = real(baseDir);
            out = real(baseDir.resolve(outputDir));
            input = real(baseDir.resolve(catalog));
            templatesReal = templates == null ? null : real(baseDir.resolve(templates));
        } catch (IOException e) {
            problems.add("<" + parameter + "> " + outputDir + ": cannot tell where it, the catalog or the templates "
                    + "really are (" + e.getMessage() + "; a dangling symbolic link?)" + instead);
            return problems;
        }
        String shown = "<" + parameter + "> " + outputDir + (out.equals(outputDir) ? "" : " (" + out + ")");
        if (out.getParent() == null) {
            problems.add(shown + " is the filesystem root; fwdocs deletes the files it generated earlier there"
                    + instead);
            return problems;
        }
        if (out.equals(base)) {
            problems.add(shown + " is the project folder itself; fwdocs would manage files among your sources and "
                    + "delete the ones it generated earlier" + instead);
            return problems;
        }
        if (base.startsWith(out)) {
            problems.add(shown + " holds the project folder " + base + "; fwdocs would manage files among your "
                    + "sources" + instead);
            return problems;
        }
        checkInput(problems, shown, out, "catalog", input, instead);
        if (templatesReal != null) {
            checkInput(problems, shown, out, "template folder", templatesReal, instead);
        }
        if (!out.startsWith(base) && !allowOutsideProject) {
            problems.add(shown + " is outside the project folder " + base + "; choose a folder inside it, or set "
                    + "<allowOutsideProject>true</allowOutsideProject> (-Dfwdocs.allowOutsideProject=true) if "
                    + "writing there is intended");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            problems.add(shown + " exists and is not a folder" + instead);
        }
        return problems;
    }

    private static void checkInput(List<String> problems, String shown, Path out, String what, Path input,
            String instead) {
        if (input.equals(out)) {
            problems.add(shown + " is the " + what + " " + input + "; fwdocs would mix its output with its input"
                    + instead);
        } else if (input.startsWith(out)) {
            problems.add(shown + " holds the " + what + " " + input + "; fwdocs would mix its output with its input"
                    + instead);
        } else if (Files.isDirectory(input) && out.startsWith(input)) {
            problems.add(shown + " is inside the " + what + " " + input + "; fwdocs would read its own output as "
                    + "input" + instead);
        }
    }

    /**
     * The real path of {@code p}: of its nearest existing ancestor, with the missing rest appended (so that a folder
     * not created yet is judged by where it will be).
     */
    static Path real(Path p) throws IOException {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing.getParent() != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
    }
}
