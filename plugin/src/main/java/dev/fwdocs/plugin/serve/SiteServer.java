package dev.fwdocs.plugin.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.fwdocs.catalog.CatalogException;
import dev.fwdocs.catalog.Diagnostic;
import dev.fwdocs.plugin.generate.GenerateRequest;
import dev.fwdocs.plugin.generate.Generator;
import dev.fwdocs.plugin.generate.OutputConflictException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The server of {@code fwdocs:serve}: builds the site (the request's outputs, written into the request's output
 * folder by the generator) and serves that folder on 127.0.0.1 with the JDK's HTTP server; a watcher thread rebuilds
 * when a watched file (catalog, templates, pom) changes. Served HTML pages get one external script (no inline code,
 * so the pages' Content-Security-Policy stays as it is) that polls the build generation by loading a tiny script,
 * and reloads the page when it changes. A build that fails keeps the last good site and shows the located errors at
 * the top of every page and in the log.
 */
public final class SiteServer implements AutoCloseable {

    /** The folder of the server's own files, which no generated path can use (it starts with a dot). */
    static final String OWN = "/.fwdocs-serve/";

    private static final String RELOAD_JS = """
            (function () {
              var me = document.currentScript;
              var seen = me ? me.getAttribute('data-generation') : null;
              window.fwdocsServe = function (generation) {
                if (seen !== null && String(generation) !== seen) {
                  window.location.reload();
                }
              };
              function poll() {
                var s = document.createElement('script');
                s.src = '/.fwdocs-serve/generation.js?t=' + Date.now();
                s.onload = s.onerror = function () { s.remove(); };
                document.head.appendChild(s);
              }
              setInterval(poll, 1000);
            })();
            """;

    private final GenerateRequest request;
    private final List<Path> watched;
    private final Consumer<String> log;
    private final HttpServer server;
    private final Thread watcher;
    private volatile int generation;
    private volatile String errors;
    private volatile Map<String, String> fingerprint;

    private SiteServer(GenerateRequest request, List<Path> watched, Consumer<String> log, HttpServer server) {
        this.request = request;
        this.watched = List.copyOf(watched);
        this.log = log;
        this.server = server;
        this.watcher = new Thread(this::watch, "fwdocs-serve-watcher");
        this.watcher.setDaemon(true);
    }

    /**
     * Builds once and starts serving on 127.0.0.1:{@code port} (0: a free port); {@code watched} are the files and
     * folders whose change rebuilds (the catalog, the templates, the pom).
     *
     * @throws IOException when the port cannot be bound or the first build cannot write its folder
     */
    public static SiteServer start(GenerateRequest request, int port, List<Path> watched, Consumer<String> log)
            throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        SiteServer s = new SiteServer(request, watched, log, http);
        s.fingerprint = s.scan();
        s.build();
        http.createContext("/", s::handle);
        http.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "fwdocs-serve-http");
            t.setDaemon(true);
            return t;
        }));
        http.start();
        s.watcher.start();
        return s;
    }

    /** The address the site is served at ({@code http://127.0.0.1:<port>/}). */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** How many builds succeeded; pages reload when it changes. */
    public int generation() {
        return generation;
    }

    /** The errors of the last build, or null when it succeeded. */
    public String errors() {
        return errors;
    }

    /** Stops serving and watching. */
    @Override
    public void close() {
        watcher.interrupt();
        server.stop(0);
        if (server.getExecutor() instanceof java.util.concurrent.ExecutorService e) {
            e.shutdownNow();
        }
    }

    /** Rebuilds now when a watched file changed since the last look; true when it did (tests call it). */
    public synchronized boolean rebuildIfChanged() {
        Map<String, String> now;
        try {
            now = scan();
        } catch (IOException e) {
            log.accept("fwdocs: serve cannot read a watched file: " + e.getMessage());
            return false;
        }
        if (now.equals(fingerprint)) {
            return false;
        }
        fingerprint = now;
        log.accept("fwdocs: a catalog file, template or the pom changed; rebuilding");
        build();
        return true;
    }

    private synchronized void build() {
        try {
            Generator.Outcome o = Generator.generate(request);
            for (Diagnostic w : o.warnings()) {
                log.accept(w.toString());
            }
            errors = null;
            generation++;
            log.accept("fwdocs: site built (" + o.files().size() + " files); serving " + uri() + "site/index.html");
        } catch (CatalogException e) {
            StringBuilder sb = new StringBuilder();
            e.diagnostics().forEach(d -> sb.append(d).append('\n'));
            fail("the catalog has problems; the page shows the last good site", sb.toString());
        } catch (OutputConflictException | IOException | RuntimeException e) {
            fail("the site could not be built; the page shows the last good site", String.valueOf(e.getMessage()));
        }
    }

    private void fail(String what, String detail) {
        errors = what + ":\n" + detail;
        // A changed generation reloads open pages, which then show the errors.
        generation++;
        log.accept("fwdocs: " + errors.strip());
    }

    private void watch() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
            rebuildIfChanged();
        }
    }

    /** Every watched file (folders walked) with the SHA-256 of its bytes. */
    private Map<String, String> scan() throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (Path w : watched) {
            if (Files.isDirectory(w)) {
                try (Stream<Path> s = Files.walk(w)) {
                    for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                        out.put(p.toString(), sha(Files.readAllBytes(p)));
                    }
                }
            } else if (Files.isRegularFile(w)) {
                out.put(w.toString(), sha(Files.readAllBytes(w)));
            } else {
                out.put(w.toString(), "missing");
            }
        }
        return out;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                send(ex, 405, "text/plain", "GET only\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String path = ex.getRequestURI().getPath();
            if (path.equals("/")) {
                ex.getResponseHeaders().add("Location", "/site/index.html");
                send(ex, 302, "text/plain", new byte[0]);
                return;
            }
            if (path.equals(OWN + "reload.js")) {
                send(ex, 200, "text/javascript", RELOAD_JS.getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (path.equals(OWN + "generation.js")) {
                send(ex, 200, "text/javascript", ("fwdocsServe(" + generation + ");\n")
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            Path root = request.outputDir().toAbsolutePath().normalize();
            Path file = root.resolve(path.substring(1)).normalize();
            if (path.endsWith("/")) {
                file = file.resolve("index.html");
            }
            // Nothing outside the folder, no link, nothing of fwdocs' own (manifest, staging).
            if (!file.startsWith(root) || path.contains("/.") || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    || !noLinks(root, file)) {
                if (errors != null && path.endsWith(".html")) {
                    // No good site yet (the first build failed): the errors, and a reload once they are fixed.
                    send(ex, 503, "text/html; charset=utf-8", inject("<!DOCTYPE html>\n<html lang=\"en\"><head>"
                            + "<meta charset=\"utf-8\"><title>fwdocs: build failed</title></head><body></body>"
                            + "</html>\n").getBytes(StandardCharsets.UTF_8));
                    return;
                }
                send(ex, 404, "text/plain", ("not found: " + path + "\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
            byte[] bytes = Files.readAllBytes(file);
            String type = type(file);
            if (type.startsWith("text/html")) {
                bytes = inject(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            }
            send(ex, 200, type, bytes);
        }
    }

    private static boolean noLinks(Path root, Path file) {
        for (Path p = file; p != null && !p.equals(root); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                return false;
            }
        }
        return true;
    }

    /** The page with the reload script, and the errors of a failed build at the top of its body. */
    String inject(String html) {
        String script = "<script src=\"" + OWN + "reload.js\" data-generation=\"" + generation + "\" defer></script>";
        String out = html.contains("</head>") ? html.replaceFirst("</head>", script + "\n</head>") : script + html;
        String e = errors;
        if (e != null) {
            String box = "<div class=\"fwdocs-serve-errors\" role=\"alert\"><pre>" + escape(e) + "</pre></div>";
            int body = out.indexOf("<body");
            int end = body < 0 ? -1 : out.indexOf('>', body);
            out = end < 0 ? box + out : out.substring(0, end + 1) + "\n" + box + out.substring(end + 1);
        }
        return out;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
        try (InputStream in = ex.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static String type(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".html")) {
            return "text/html; charset=utf-8";
        } else if (n.endsWith(".css")) {
            return "text/css; charset=utf-8";
        } else if (n.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        } else if (n.endsWith(".json")) {
            return "application/json";
        } else if (n.endsWith(".svg")) {
            return "image/svg+xml";
        } else if (n.endsWith(".png")) {
            return "image/png";
        } else if (n.endsWith(".md") || n.endsWith(".sh") || n.endsWith(".csv") || n.endsWith(".xml")
                || n.endsWith(".txt")) {
            return "text/plain; charset=utf-8";
        }
        return "application/octet-stream";
    }

    private static String sha(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
