package zhengkg.neo4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import inet.ipaddr.IPAddressString;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;
import org.neo4j.server.configuration.ServerSettings;

/**
 * Runs Neo4j Community in this JVM with Bolt on a loopback address, and serves
 * Neo4j Browser next to it. Settings come from the environment so that
 * scripts/neo4j.mjs, CI and a person at a shell all use the same defaults.
 *
 * Readiness is announced by writing {@code <home>/server.json} (where Bolt and
 * Browser listen, and the user; the password is in {@code <home>/password}) only after the
 * password has been set: the Bolt port opens earlier than that, and a client
 * that connected in between would see a spurious authentication failure.
 */
public final class Server {
    private Server() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(env("ZHENGKG_NEO4J_HOME", ".neo4j")).toAbsolutePath();
        String host = env("NEO4J_HOST", "127.0.0.1");
        int boltPort = Integer.parseInt(env("NEO4J_BOLT_PORT", "7687"));
        int httpPort = Integer.parseInt(env("NEO4J_HTTP_PORT", "7474"));
        String user = env("NEO4J_USER", "neo4j");
        String password = env("NEO4J_PASSWORD", null);
        String pageCache = env("NEO4J_PAGECACHE", "256m");

        Path readyFile = home.resolve("server.json");
        // The store, the logs and the password file live here: nobody else may read them.
        privateDirectory(home);
        privateDirectory(home.resolve("db"));
        // LOAD CSV may read files from this folder only; it is ours and starts empty.
        Path imports = privateDirectory(home.resolve("import"));
        Files.deleteIfExists(readyFile);
        // A bulk import request left by a run that this server never saw is not acted upon.
        Files.deleteIfExists(home.resolve(BulkImport.REQUEST));
        Files.deleteIfExists(home.resolve(BulkImport.RESPONSE));

        long started = System.nanoTime();
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home.resolve("db"))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(host, boltPort))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                // A logged-in client must not read the user's files or make this machine fetch URLs:
                // file:/// URLs resolve inside the empty import folder, and every address is blocked
                // for LOAD CSV (Neo4j resolves the host name and checks the address it gets; the setting is
                // "internal" but is the only switch for URLs in Community).
                .setConfig(GraphDatabaseSettings.load_csv_file_url_root, imports)
                .setConfig(GraphDatabaseInternalSettings.cypher_ip_blocklist,
                        List.of(new IPAddressString("0.0.0.0/0"), new IPAddressString("::/0")))
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(pageCache))
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(10))
                // Neo4j keeps two days of transaction logs by default, for backups this server never
                // takes: each load of a 100 MB corpus's graph left 1.7 GB of them, and a day of
                // benchmarking 37 GB. Keeping the last two log files (256 MB each) bounds the disk;
                // recovery after a crash needs only the logs since the last checkpoint, which are kept.
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                // Browser reads these through dbms.clientConfig(): after connecting it
                // applies the project's style.grass, served by BrowserServer on the same origin.
                .setConfig(ServerSettings.browser_post_connect_cmd,
                        "style http://" + host + ":" + httpPort + "/style.grass")
                .setConfig(ServerSettings.browser_remote_content_hostname_whitelist,
                        "guides.neo4j.com,localhost," + host)
                // Only loopback traffic here: Browser must not try to report usage anywhere.
                .setConfig(ServerSettings.allow_telemetry, false)
                .build();

        BrowserServer browser;
        try {
            Users.ensure(dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME), user, password, home.resolve("password"));
            browser = BrowserServer.start(host, httpPort, "bolt://" + host + ":" + boltPort, neo4jVersion(dbms));
        } catch (Exception e) {
            dbms.shutdown();
            throw e;
        }

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("zhengkg-neo4j: shutting down");
            try { Files.deleteIfExists(readyFile); } catch (IOException ignored) { }
            browser.stop();
            dbms.shutdown();
            System.out.println("zhengkg-neo4j: stopped");
        }, "zhengkg-neo4j-shutdown"));

        String bolt = "bolt://" + host + ":" + boltPort;
        String http = "http://" + host + ":" + httpPort + "/";
        String json = String.format(
                "{\"pid\":%d,\"bolt\":\"%s\",\"http\":\"%s\",\"user\":\"%s\",\"home\":\"%s\",\"bulkImport\":\"%s\"}%n",
                ProcessHandle.current().pid(), bolt, http, jsonEscape(user), jsonEscape(home.toString()), BulkImport.REQUEST);
        // `kg load --bulk` asks for an import by a file in the home (BulkImport).
        BulkImport.watch(home, dbms);
        // Written atomically so a reader never sees half a file.
        Path tmp = home.resolve("server.json.tmp");
        Files.writeString(tmp, json, StandardCharsets.UTF_8);
        Files.move(tmp, readyFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        System.out.printf("zhengkg-neo4j: ready in %d ms, Bolt %s, Browser %s?dbms=%s%n",
                (System.nanoTime() - started) / 1_000_000, bolt, http, bolt);

        // Keep the main thread alive; the shutdown hook does the work on SIGTERM.
        Thread.currentThread().join();
    }

    private static String neo4jVersion(DatabaseManagementService dbms) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        return system.executeTransactionally(
                "CALL dbms.components() YIELD versions RETURN versions[0] AS v", Map.of(),
                r -> r.hasNext() ? String.valueOf(r.next().get("v")) : "5");
    }

    /** Creates the folder if needed and makes it 0700, also when an older version left it world-readable. */
    static Path privateDirectory(Path dir) throws IOException {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        return dir;
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? fallback : v;
    }

    static String jsonEscape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.toString();
    }
}
