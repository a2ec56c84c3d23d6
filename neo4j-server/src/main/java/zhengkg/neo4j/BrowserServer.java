package zhengkg.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Serves Neo4j Browser's static build (the {@code browser/} folder of the
 * org.neo4j.client:neo4j-browser jar on our classpath) with the JDK's HTTP server,
 * the way a Neo4j server does on port 7474: at {@code /} and at {@code /browser/}.
 *
 * {@code GET /} asking for JSON answers Browser's discovery request so it
 * pre-fills the Bolt address. {@code /style.grass} serves the project's
 * cypher/style.grass when ZHENGKG_STYLE_FILE points at it, and {@code /guide.html}
 * the Browser guide next to it (cypher/browser/guide.html), for
 * {@code :play http://127.0.0.1:7474/guide.html}.
 *
 * cypher/style.grass when ZHENGKG_STYLE_FILE points at it.
 *
 * Only pages of this server may talk to it: a request whose Host is not a loopback
 * name is refused (a web page that rebinds its own domain name to 127.0.0.1 cannot
 * read anything), and cross-origin reads are allowed only between the loopback
 * names of this same port. A stalled client cannot hold the server: the JDK server
 * closes a connection whose request takes longer than {@link #REQUEST_SECONDS} to
 * arrive, and the pool has room for many such clients while they wait to be dropped.
 */
final class BrowserServer {
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "application/javascript; charset=utf-8"),
            Map.entry("mjs", "application/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json; charset=utf-8"),
            Map.entry("map", "application/json; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("ttf", "font/ttf"),
            Map.entry("eot", "application/vnd.ms-fontobject"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("grass", "text/plain; charset=utf-8"));

    /** The whole request (headers and body) must arrive within this time. */
    static final int REQUEST_SECONDS = 10;
    /** A response must be sent within this time. */
    static final int RESPONSE_SECONDS = 60;
    /** A kept-alive connection with no request for this long is closed. */
    static final int IDLE_SECONDS = 30;
    private static final int THREADS = 32;

    private final HttpServer http;

    private BrowserServer(HttpServer http) {
        this.http = http;
    }

    static BrowserServer start(String host, int port, String boltAddress, String neo4jVersion) throws IOException {
        // Read once by the JDK server when its first instance is made; they default to no limit at all.
        System.setProperty("sun.net.httpserver.maxReqTime", String.valueOf(REQUEST_SECONDS));
        System.setProperty("sun.net.httpserver.maxRspTime", String.valueOf(RESPONSE_SECONDS));
        System.setProperty("sun.net.httpserver.idleInterval", String.valueOf(IDLE_SECONDS));
        HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 0);
        String discovery = String.format(
                "{\"bolt_direct\":\"%s\",\"neo4j_version\":\"%s\",\"neo4j_edition\":\"community\"}",
                boltAddress, neo4jVersion);
        String styleFile = System.getenv("ZHENGKG_STYLE_FILE");
        http.createContext("/", exchange -> {
            try (exchange) {
                if (!loopbackHost(exchange.getRequestHeaders().getFirst("Host"))) {
                    send(exchange, 403, "text/plain", "forbidden: not a loopback host name".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                allowOwnOrigins(exchange, port);
                handle(exchange, discovery, styleFile);
            } catch (RuntimeException e) {
                System.err.println("zhengkg-neo4j: browser request failed: " + e);
            }
        });
        // The JDK server reads a request's headers on a pool thread, so a client that sends half a
        // request holds a thread until REQUEST_SECONDS drop it. Threads are made as needed and end
        // when idle; requests beyond THREADS wait in the queue.
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "zhengkg-browser-http");
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        http.setExecutor(pool);
        http.start();
        return new BrowserServer(http);
    }

    void stop() {
        http.stop(0);
    }

    static boolean loopbackHost(String hostHeader) {
        if (hostHeader == null) return false;
        String name = hostHeader.startsWith("[") ? hostHeader.substring(0, hostHeader.indexOf(']') + 1)
                : hostHeader.replaceFirst(":\\d*$", "");
        return LOOPBACK_NAMES.contains(name.toLowerCase(Locale.ROOT));
    }

    private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "[::1]");

    /** Browser opened as http://localhost:port may fetch /style.grass from 127.0.0.1:port (post_connect_cmd names that), and back. */
    private static void allowOwnOrigins(HttpExchange exchange, int port) {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin == null) return;
        for (String name : LOOPBACK_NAMES) {
            if (origin.equalsIgnoreCase("http://" + name + ":" + port)) {
                exchange.getResponseHeaders().set("Access-Control-Allow-Origin", origin);
                exchange.getResponseHeaders().set("Vary", "Origin");
                return;
            }
        }
    }

    private static void handle(HttpExchange exchange, String discovery, String styleFile) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
            send(exchange, 405, "text/plain", "method not allowed".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String path = URI.create(exchange.getRequestURI().getRawPath()).normalize().getPath();
        String accept = String.valueOf(exchange.getRequestHeaders().getFirst("Accept"));
        if (path.equals("/") && accept.contains("application/json") && !accept.contains("text/html")) {
            send(exchange, 200, TYPES.get("json"), discovery.getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (path.equals("/style.grass") && styleFile != null) {
            Path file = Path.of(styleFile);
            if (Files.isRegularFile(file)) {
                send(exchange, 200, TYPES.get("grass"), Files.readAllBytes(file));
                return;
            }
        }
        if (path.equals("/guide.html") && styleFile != null) {
            // Read at every request: `npm run guide` updates it without a server restart.
            Path guide = Path.of(styleFile).resolveSibling("browser").resolve("guide.html");
            if (Files.isRegularFile(guide)) {
                send(exchange, 200, TYPES.get("html"), Files.readAllBytes(guide));
                return;
            }
        }
        if (path.equals("/browser")) {
            exchange.getResponseHeaders().set("Location", "/browser/");
            send(exchange, 302, "text/plain", new byte[0]);
            return;
        }
        String relative = path.startsWith("/browser/") ? path.substring("/browser/".length()) : path.substring(1);
        if (relative.isEmpty()) relative = "index.html";
        if (relative.contains("..")) {
            send(exchange, 400, "text/plain", "bad path".getBytes(StandardCharsets.UTF_8));
            return;
        }
        byte[] body = resource("browser/" + relative);
        if (body == null) {
            send(exchange, 404, "text/plain", ("not found: " + path).getBytes(StandardCharsets.UTF_8));
            return;
        }
        String ext = relative.substring(relative.lastIndexOf('.') + 1);
        send(exchange, 200, TYPES.getOrDefault(ext, "application/octet-stream"), body);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = BrowserServer.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
