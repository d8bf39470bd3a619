package dev.fwdocs.plugin.mojo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/** A catalog released as a jar: resolved through the project's repositories and unpacked under the build folder. */
final class CatalogArtifact {

    private CatalogArtifact() {
    }

    /**
     * Resolves {@code coordinates} ({@code groupId:artifactId:version}, a jar) and unpacks its catalog files into
     * {@code <into>/<artifactId>-<version>}, replacing what an earlier run unpacked there; returns that folder.
     */
    static Path unpack(String coordinates, RepositorySystem system, RepositorySystemSession session,
            List<RemoteRepository> repositories, Path into) throws MojoFailureException, MojoExecutionException {
        String[] gav = coordinates.split(":");
        if (gav.length != 3 || Stream.of(gav).anyMatch(String::isBlank)) {
            throw new MojoFailureException("fwdocs: <catalogArtifact> '" + coordinates + "' is not "
                    + "groupId:artifactId:version, such as com.example:port-catalog:1.4");
        }
        Path jar;
        try {
            jar = system.resolveArtifact(session, new ArtifactRequest(new DefaultArtifact(gav[0], gav[1], "jar",
                    gav[2]), repositories, null)).getArtifact().getFile().toPath();
        } catch (ArtifactResolutionException e) {
            throw new MojoFailureException("fwdocs: the catalog artifact " + coordinates + " cannot be resolved: "
                    + e.getMessage() + "; check <catalogArtifact> and the project's repositories (or install it "
                    + "into the local repository)", e);
        }
        Path dir = into.resolve(gav[1] + "-" + gav[2]).toAbsolutePath().normalize();
        try {
            deleteTree(dir);
            Files.createDirectories(dir);
            int found = 0;
            try (InputStream in = Files.newInputStream(jar); ZipInputStream zip = new ZipInputStream(in)) {
                for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                    String name = e.getName();
                    String lower = name.toLowerCase(Locale.ROOT);
                    if (e.isDirectory() || name.startsWith("META-INF/")
                            || !(lower.endsWith(".yaml") || lower.endsWith(".yml"))) {
                        continue;
                    }
                    Path target = dir.resolve(name).normalize();
                    // A jar entry may not leave the folder (zip slip).
                    if (!target.startsWith(dir) || name.contains("\\")) {
                        throw new MojoFailureException("fwdocs: the catalog artifact " + coordinates + " has an "
                                + "entry outside its folder: " + name);
                    }
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target);
                    found++;
                }
            }
            if (found == 0) {
                throw new MojoFailureException("fwdocs: the catalog artifact " + coordinates + " (" + jar + ") "
                        + "holds no .yaml or .yml file; package the catalog files into its jar");
            }
        } catch (IOException e) {
            throw new MojoExecutionException("fwdocs: cannot unpack the catalog artifact " + coordinates + " ("
                    + jar + ") into " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
