package zhengkg.neo4j;

import java.util.Map;

import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Makes the configured user exist with the configured password.
 *
 * A fresh store has user neo4j with password "neo4j" that must be changed
 * before use; we set it here (CHANGE NOT REQUIRED) so that the password from
 * the environment is the one Bolt enforces, also when it changed since the last run.
 */
final class Users {
    private Users() {}

    static void ensure(GraphDatabaseService system, String user, String password) {
        boolean exists = system.executeTransactionally(
                "SHOW USERS YIELD user WHERE user = $user RETURN count(*) AS n",
                Map.of("user", user),
                r -> ((Number) r.next().get("n")).longValue() > 0);
        if (!exists) {
            system.executeTransactionally(
                    "CREATE USER $user SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("user", user, "password", password));
            System.out.println("zhengkg-neo4j: created user " + user);
            return;
        }
        try {
            system.executeTransactionally(
                    "ALTER USER $user SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("user", user, "password", password));
            System.out.println("zhengkg-neo4j: password of user " + user + " set");
        } catch (RuntimeException e) {
            // Setting the password it already has is refused; that is the steady state.
            if (!String.valueOf(messages(e)).contains("cannot be the same")) throw e;
            system.executeTransactionally(
                    "ALTER USER $user SET PASSWORD CHANGE NOT REQUIRED", Map.of("user", user));
            System.out.println("zhengkg-neo4j: password of user " + user + " unchanged");
        }
    }

    private static String messages(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) b.append(t.getMessage()).append('\n');
        return b.toString();
    }
}
