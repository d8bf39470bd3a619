package dev.fwdocs.plugin.mojo;

import dev.fwdocs.plugin.generate.GenerateRequest;
import dev.fwdocs.plugin.output.Output;
import dev.fwdocs.plugin.output.Outputs;
import dev.fwdocs.plugin.serve.SiteServer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Builds the HTML site (with the other selected outputs it links: scripts, data) into {@code serveDirectory} and
 * serves it on 127.0.0.1 until Ctrl-C; rebuilds when a catalog file, a template override or the pom changes and makes
 * open pages reload. A broken catalog keeps the last good site, with the located errors at the top of each page and
 * in the log. The pom's configuration is read once: after changing it, restart the goal.
 */
@Mojo(name = "serve", threadSafe = true, requiresProject = true)
public class ServeMojo extends AbstractRenderMojo {

    /** The port on 127.0.0.1; 0 takes a free one (printed). */
    @Parameter(property = "fwdocs.serve.port", defaultValue = "0")
    private int port;

    /** Where the served site is built (never the output folder or the site folders of {@code generate}). */
    @Parameter(property = "fwdocs.serve.directory", defaultValue = "${project.build.directory}/fwdocs-serve")
    private File serveDirectory;

    /** Skip this goal only. */
    @Parameter(property = "fwdocs.serve.skip", defaultValue = "false")
    private boolean skipServe;

    @Parameter(defaultValue = "${project.file}", readonly = true)
    private File pomFile;

    @Override
    protected String goal() {
        return "serve";
    }

    @Override
    protected boolean goalSkipped() {
        return skipServe;
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        GenerateRequest r = request();
        List<Output> outputs = new ArrayList<>(r.outputs());
        if (outputs.stream().noneMatch(o -> o.id().equals("html"))) {
            outputs.addAll(Outputs.standard().select(List.of("html")));
        }
        // The served copy: every file in its own folder, none written into the site folders of generate.
        GenerateRequest served = new GenerateRequest(r.baseDir(), r.catalog(), baseDir.toPath()
                .resolve(serveDirectory.toPath()), r.backends(), outputs, r.distros(), r.frontMatter(),
                r.templateOverrides(), Map.of(), r.mergeIdenticalTabs());
        List<Path> watched = new ArrayList<>(List.of(catalogPath()));
        if (templateDirectory != null) {
            watched.add(baseDir.toPath().resolve(templateDirectory.toPath()));
        }
        if (pomFile != null) {
            watched.add(pomFile.toPath());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        SiteServer server;
        try {
            server = SiteServer.start(served, port, watched, line -> {
                if (line.contains(": warning: ")) {
                    getLog().warn(line);
                } else {
                    getLog().info(line);
                }
            });
        } catch (IOException e) {
            throw new MojoExecutionException("fwdocs: serve cannot start on 127.0.0.1:" + port + ": "
                    + e.getMessage(), e);
        }
        Thread hook = new Thread(() -> {
            server.close();
            getLog().info("fwdocs: serve stopped");
            stopped.countDown();
        }, "fwdocs-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        getLog().info("fwdocs: serving " + server.uri() + "site/index.html (Ctrl-C stops)");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }
}
