package io.eer.local;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Creates PostgreSQL databases if they do not exist yet (the zonky binaries ship no psql).
 *
 * <pre>java -cp ... io.eer.local.CreateDatabases jdbc:postgresql://127.0.0.1:25432/postgres eer eer eer_request ...</pre>
 *
 * Retries the connection until {@code eer.timeout.seconds} (default 60) because a freshly started
 * server can answer on its port while still saying "the database system is starting up".
 */
public final class CreateDatabases {

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private CreateDatabases() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: CreateDatabases <jdbc-url-of-postgres-db> <user> <password> [db ...]");
            System.exit(64);
        }
        for (int i = 3; i < args.length; i++) {
            if (!NAME.matcher(args[i]).matches()) {
                System.err.println("invalid database name: " + args[i]);
                System.exit(64);
            }
        }
        Instant deadline = Instant.now().plusSeconds(Long.getLong("eer.timeout.seconds", 60));
        int created = 0;
        int existed = 0;
        try (Connection c = connect(args[0], args[1], args[2], deadline)) {
            c.setAutoCommit(true);
            for (int i = 3; i < args.length; i++) {
                String db = args[i];
                if (exists(c, db)) {
                    existed++;
                    continue;
                }
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE DATABASE \"" + db + "\"");
                    created++;
                } catch (SQLException e) {
                    if ("42P04".equals(e.getSQLState())) { // duplicate_database: somebody was faster
                        existed++;
                    } else {
                        throw e;
                    }
                }
            }
        }
        System.out.printf("databases ready: %d created, %d already existed%n", created, existed);
    }

    private static boolean exists(Connection c, String db) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static Connection connect(String url, String user, String password, Instant deadline) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("connectTimeout", "5");
        p.setProperty("ApplicationName", "eer-local");
        SQLException last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                return DriverManager.getConnection(url, p);
            } catch (SQLException e) {
                last = e;
                String state = e.getSQLState();
                // 08xxx: connection problems, 57P03: cannot_connect_now (starting up)
                if (state == null || !(state.startsWith("08") || "57P03".equals(state))) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
        throw new IllegalStateException("timed out connecting to " + url, last);
    }
}
