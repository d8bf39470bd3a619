package dev.fwdocs.plugin.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.plugin.generate.GenerateRequest;
import dev.fwdocs.plugin.output.Outputs;
import dev.fwdocs.plugin.pages.FrontMatterSettings;
import dev.fwdocs.plugin.rules.BackendRegistry;
import dev.fwdocs.plugin.rules.RuleBackend;
import dev.fwdocs.plugin.testing.Catalogs;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fwdocs:serve's server: started on a free port, it serves the built site with the reload script, sees a changed
 * catalog (through its watcher thread), keeps the last good site and shows the located errors when the catalog
 * breaks, serves nothing outside its folder, and stops.
 */
class SiteServerTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> get(SiteServer s, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(s.uri().resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesRebuildsOnChangeSurvivesABrokenCatalogAndStops(@TempDir Path project) throws Exception {
        Path catalog = project.resolve("src/fwdocs/catalog/minimal.yaml");
        Files.createDirectories(catalog.getParent());
        Files.copy(Catalogs.FEATURES.resolve("minimal.yaml"), catalog);
        List<RuleBackend> backends = BackendRegistry.standard().all();
        GenerateRequest request = new GenerateRequest(project, Path.of("src/fwdocs/catalog"),
                project.resolve("target/fwdocs-serve"), backends, Outputs.standard().select(List.of("scripts",
                        "html")), BackendRegistry.defaultDistros(backends), FrontMatterSettings.defaults(), null,
                Map.of(), true);
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        SiteServer server = SiteServer.start(request, 0, List.of(catalog.getParent()), log::add);
        URI uri = server.uri();
        try {
            assertEquals("127.0.0.1", uri.getHost());
            assertTrue(uri.getPort() > 0);
            HttpResponse<String> index = get(server, "/site/index.html");
            assertEquals(200, index.statusCode());
            assertTrue(index.body().contains("Minimal"));
            assertTrue(index.body().contains("<script src=\"/.fwdocs-serve/reload.js\" data-generation=\"1\" "
                    + "defer></script>"), index.body());
            assertTrue(index.body().contains("Content-Security-Policy"), "the page's policy is kept");
            assertEquals(302, get(server, "/").statusCode());
            assertTrue(get(server, "/.fwdocs-serve/reload.js").body().contains("location.reload"));
            assertEquals("fwdocsServe(1);\n", get(server, "/.fwdocs-serve/generation.js").body());
            assertTrue(get(server, "/rules/minimal/1.0/server/nftables.sh").body().startsWith("#!"));
            assertEquals(404, get(server, "/.fwdocs-manifest").statusCode());
            assertEquals(404, get(server, "/site/../../../src/fwdocs/catalog/minimal.yaml").statusCode());

            // The watcher sees the change and rebuilds; the page's generation moves on.
            Files.writeString(catalog, Files.readString(catalog).replace("name: Minimal", "name: Renamed"));
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (server.generation() < 2 && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            assertEquals(2, server.generation(), String.join("\n", log));
            assertTrue(get(server, "/site/index.html").body().contains("Renamed"));
            assertEquals("fwdocsServe(2);\n", get(server, "/.fwdocs-serve/generation.js").body());

            // A broken catalog: the last good site, with the located errors on top, and in the log.
            Files.writeString(catalog, Files.readString(catalog).replace("ports: 443", "ports: 99999"));
            assertTrue(server.rebuildIfChanged());
            assertNotNull(server.errors());
            String page = get(server, "/site/index.html").body();
            assertTrue(page.contains("Renamed"), "the last good site");
            assertTrue(page.contains("class=\"fwdocs-serve-errors\""), page);
            assertTrue(page.contains("src/fwdocs/catalog/minimal.yaml:"), page);
            assertTrue(log.stream().anyMatch(l -> l.contains("src/fwdocs/catalog/minimal.yaml:")), log.toString());
            assertFalse(server.rebuildIfChanged(), "nothing changed since");

            // Fixed again: the errors go.
            Files.writeString(catalog, Files.readString(catalog).replace("ports: 99999", "ports: 8443"));
            assertTrue(server.rebuildIfChanged());
            assertNull(server.errors());
            assertFalse(get(server, "/site/index.html").body().contains("fwdocs-serve-errors"));
            assertNotEquals(0, server.generation());
        } finally {
            server.close();
        }
        assertThrows(IOException.class, () -> http.send(HttpRequest.newBuilder(uri.resolve("/site/index.html"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()));
    }
}
