package zhengkg.neo4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Makes the configured user exist with a password nobody else knows, and never
 * resets a password someone chose.
 *
 * The password lives in {@code <home>/password} (0600). It is set only when that
 * file does not exist yet (first start, or a store from before the file existed,
 * whose password was the well-known "password", or the user deleted the file to
 * reset a forgotten password) or when the account was never given a password.
 * Otherwise the server leaves the account alone, so a password changed over Bolt
 * survives restarts. The new password is $NEO4J_PASSWORD when given, else random.
 *
 * A fresh store also has the built-in user neo4j with password "neo4j" and
 * "change required": whoever logs in first chooses its password and owns the
 * database. When another user is configured, that untouched account is dropped.
 */
final class Users {
    private Users() {}

    private static final String BUILT_IN = "neo4j";

    static void ensure(GraphDatabaseService system, String user, String envPassword, Path passwordFile) throws IOException {
        Map<String, Boolean> changeRequired = new HashMap<>();
        system.executeTransactionally("SHOW USERS YIELD user, passwordChangeRequired RETURN user, passwordChangeRequired", Map.of(), r -> {
            r.forEachRemaining(row -> changeRequired.put((String) row.get("user"), (Boolean) row.get("passwordChangeRequired")));
            return null;
        });

        boolean exists = changeRequired.containsKey(user);
        boolean unset = !exists || changeRequired.get(user) || !Files.exists(passwordFile);
        if (unset) {
            String password = envPassword != null ? envPassword : generate();
            if (!exists) {
                system.executeTransactionally("CREATE USER $user SET PASSWORD $password CHANGE NOT REQUIRED",
                        Map.of("user", user, "password", password));
                System.out.println("zhengkg-neo4j: created user " + user);
            } else {
                setPassword(system, user, password);
                System.out.println("zhengkg-neo4j: password of user " + user + " set");
            }
            writePrivate(passwordFile, password + "\n");
            System.out.println("zhengkg-neo4j: password stored in " + passwordFile + " (readable only by you)");
        } else {
            restrict(passwordFile);
            if (envPassword != null) {
                System.out.println("zhengkg-neo4j: NEO4J_PASSWORD applies to new stores only; delete " + passwordFile
                        + " and restart to set it");
            }
            System.out.println("zhengkg-neo4j: password of user " + user + " left as it is (see " + passwordFile + ")");
        }

        if (!user.equals(BUILT_IN) && Boolean.TRUE.equals(changeRequired.get(BUILT_IN))) {
            system.executeTransactionally("DROP USER $user", Map.of("user", BUILT_IN));
            System.out.println("zhengkg-neo4j: dropped the unclaimed built-in user " + BUILT_IN);
        }
    }

    private static void setPassword(GraphDatabaseService system, String user, String password) {
        try {
            system.executeTransactionally("ALTER USER $user SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("user", user, "password", password));
        } catch (RuntimeException e) {
            // Setting the password it already has is refused; only "change required" needs clearing then.
            if (!messages(e).contains("cannot be the same")) throw e;
            system.executeTransactionally("ALTER USER $user SET PASSWORD CHANGE NOT REQUIRED", Map.of("user", user));
        }
    }

    /** 144 random bits, URL-safe, so it can be typed, pasted and put in an environment variable as it is. */
    static String generate() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Written to a 0600 file from its first byte, then moved into place, so no reader ever sees it open or half-written. */
    static void writePrivate(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void restrict(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static String messages(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) b.append(t.getMessage()).append('\n');
        return b.toString();
    }
}
