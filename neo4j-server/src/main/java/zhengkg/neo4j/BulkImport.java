package zhengkg.neo4j;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.neo4j.cli.AdminTool;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.kernel.availability.AvailabilityRequirement;
import org.neo4j.kernel.database.Database;
import org.neo4j.kernel.impl.api.KernelTransactions;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.storageengine.api.TransactionIdStore;

/**
 * Runs Neo4j's offline importer ({@code neo4j-admin database import full}) inside this JVM, on
 * request of the owner of the server's home: `kg load --bulk` writes the CSV files under the
 * home, then {@code <home>/bulk-request.json}; the server stops the database (the DBMS, Bolt
 * and the system database stay up), imports, starts the database again and answers in
 * {@code <home>/bulk-response.json}. No JVM starts and no port closes: what a separate
 * neo4j-admin process and a server restart cost (about 20 s of the 27 s a 10 MB graph took).
 *
 * The channel is the home folder itself (0700): only its owner can put a request there, and the
 * server also checks the request file's owner and mode. The request names the database and the
 * importer's input options only; the files must lie inside the home. The importer replaces the
 * database, so the server imports only into a database it has just seen empty, with no
 * transaction committed between that check and the stop.
 */
final class BulkImport {
    private BulkImport() {}

    static final String REQUEST = "bulk-request.json";
    static final String RESPONSE = "bulk-response.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AvailabilityRequirement IMPORTING = () -> "a bulk import (kg load --bulk) replaces this database";

    /** Polls for requests on a daemon thread, one at a time. */
    static void watch(Path home, DatabaseManagementService dbms) {
        Thread t = new Thread(() -> {
            Path request = home.resolve(REQUEST);
            while (true) {
                try {
                    if (Files.exists(request, LinkOption.NOFOLLOW_LINKS)) serve(home, dbms, request);
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                } catch (Throwable e) {
                    System.out.println("zhengkg-neo4j: bulk import channel: " + e);
                }
            }
        }, "zhengkg-bulk-import");
        t.setDaemon(true);
        t.start();
    }

    private static void serve(Path home, DatabaseManagementService dbms, Path request) throws IOException {
        JsonNode req;
        String id = null;
        Map<String, Object> answer = new LinkedHashMap<>();
        try {
            req = readPrivate(request);
            id = req.path("id").asText(null);
            answer.put("id", id);
            importInto(home, dbms, req, answer);
            answer.put("ok", true);
        } catch (Refused e) {
            answer.put("ok", false);
            answer.put("message", e.getMessage());
        } catch (Throwable e) {
            answer.put("ok", false);
            answer.put("message", String.valueOf(e.getMessage() != null ? e.getMessage() : e));
        } finally {
            Files.deleteIfExists(request);
        }
        Path tmp = privateFile(home.resolve(RESPONSE + ".tmp"));
        Files.writeString(tmp, JSON.writeValueAsString(answer), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        Files.move(tmp, home.resolve(RESPONSE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The file, made anew as 0600 (never readable by others, not even for a moment). */
    private static Path privateFile(Path file) throws IOException {
        Files.deleteIfExists(file);
        return Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }

    /** A clear refusal: nothing was changed. */
    static final class Refused extends Exception {
        Refused(String message) { super(message); }
    }

    /** The request, if it is a regular file of the home's owner that nobody else can read or write. */
    private static JsonNode readPrivate(Path request) throws IOException, Refused {
        PosixFileAttributes a = Files.readAttributes(request, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> p = a.permissions();
        if (!a.isRegularFile() || !a.owner().equals(Files.getOwner(request.getParent()))
                || p.stream().anyMatch(x -> x.name().startsWith("GROUP") || x.name().startsWith("OTHERS"))) {
            throw new Refused("the request " + request + " must be a regular 0600 file of the home's owner");
        }
        return JSON.readTree(Files.readString(request, StandardCharsets.UTF_8));
    }

    private static void importInto(Path home, DatabaseManagementService dbms, JsonNode req, Map<String, Object> answer) throws Exception {
        String name = req.path("database").asText("");
        if (name.equals(GraphDatabaseSettings.SYSTEM_DATABASE_NAME) || !dbms.listDatabases().contains(name)) {
            throw new Refused("no database " + name + " to import into");
        }
        List<String> args = new ArrayList<>(List.of("database", "import", "full", name, "--overwrite-destination=true",
                "--report-file=" + home.resolve("bulk-import.report")));
        Path realHome = home.toRealPath();
        for (JsonNode a : req.path("args")) args.add(checkedArgument(realHome, a.asText()));

        GraphDatabaseAPI db = (GraphDatabaseAPI) dbms.database(name);
        Database database = db.getDependencyResolver().resolveDependency(Database.class);
        TransactionIdStore txIds = db.getDependencyResolver().resolveDependency(TransactionIdStore.class);
        KernelTransactions transactions = db.getDependencyResolver().resolveDependency(KernelTransactions.class);

        long t0 = System.nanoTime();
        long lastTx = txIds.getLastCommittedTransactionId();
        long[] counts = db.executeTransactionally(
                "CALL () { MATCH (n) RETURN count(n) AS n } CALL () { MATCH ()-[r]->() RETURN count(r) AS r } RETURN n, r", Map.of(),
                r -> { Map<String, Object> row = r.next(); return new long[] {(Long) row.get("n"), (Long) row.get("r")}; });
        if (counts[0] != 0 || counts[1] != 0) {
            throw new Refused("the database " + name + " holds " + counts[0] + " nodes and " + counts[1] + " relationships; the importer replaces a database, so it runs only on an empty one");
        }
        // From here no transaction starts; one that runs must end within 10 s, and none may have committed since the count.
        database.getDatabaseAvailabilityGuard().require(IMPORTING);
        boolean stopped = false;
        try {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (transactions.getNumberOfActiveTransactions() > 0 && System.nanoTime() < deadline) Thread.sleep(20);
            if (transactions.getNumberOfActiveTransactions() > 0) throw new Refused("the database " + name + " is in use (open transactions); try again");
            if (txIds.getLastCommittedTransactionId() != lastTx) throw new Refused("the database " + name + " was written to while the import was starting; nothing was imported");
            database.stop();
            stopped = true;
            long t1 = System.nanoTime();
            answer.put("stopSeconds", (t1 - t0) / 1e9);

            int code;
            try (OutputStream log = Files.newOutputStream(privateFile(home.resolve("bulk-import.log")), StandardOpenOption.TRUNCATE_EXISTING);
                 PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8)) {
                Path conf = Server.privateDirectory(home.resolve("bulk-conf"));
                // The embedded server keeps its store under <home>/db (DatabaseManagementServiceBuilder's home).
                code = AdminTool.execute(new ExecutionContext(home.resolve("db"), conf, out, out, System.in, new org.neo4j.io.fs.DefaultFileSystemAbstraction()), args.toArray(String[]::new));
            }
            long t2 = System.nanoTime();
            answer.put("importSeconds", (t2 - t1) / 1e9);
            answer.put("exitCode", code);
            if (code != 0) answer.put("message", "the Neo4j importer failed (exit " + code + "); its log: " + home.resolve("bulk-import.log"));
        } finally {
            long t3 = System.nanoTime();
            // Started again whatever happened: a failed import leaves an empty store behind (or the old one).
            if (stopped) database.start();
            database.getDatabaseAvailabilityGuard().fulfill(IMPORTING);
            if (stopped) answer.put("startSeconds", (System.nanoTime() - t3) / 1e9);
        }
        if (!Integer.valueOf(0).equals(answer.get("exitCode"))) throw new Exception((String) answer.get("message"));
    }

    /** One of the importer's input options, with files inside the home only. */
    static String checkedArgument(Path realHome, String arg) throws Refused, IOException {
        for (String option : List.of("--nodes=", "--relationships=")) {
            if (arg.startsWith(option)) {
                Path file;
                try {
                    file = Path.of(arg.substring(option.length())).toRealPath();
                } catch (NoSuchFileException e) {
                    throw new Refused("no such import file: " + arg.substring(option.length()));
                }
                if (!file.startsWith(realHome) || !Files.isRegularFile(file)) throw new Refused("import files must be regular files inside " + realHome + ": " + file);
                return option + file;
            }
        }
        if (arg.matches("--array-delimiter=U\\+[0-9A-F]{4}|--bad-tolerance=\\d+|--multiline-fields=(true|false)")) return arg;
        throw new Refused("not an importer option this server passes on: " + arg);
    }
}
