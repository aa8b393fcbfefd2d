package io.eer.grant.api;

import io.eer.support.testing.ClusterCatalogLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Plain JDBC to the test PostgreSQL: the target database {@code payments} and the service's own {@code eer_grant}. */
final class TestDatabases {

    static final String TARGET = "payments";
    static final String SERVICE = "eer_grant";

    private TestDatabases() {
    }

    static String host() {
        return System.getenv().getOrDefault("EER_DB_URL_HOST", "127.0.0.1");
    }

    static int port() {
        return Integer.parseInt(System.getenv().getOrDefault("EER_DB_PORT", "35432"));
    }

    static String url(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    static Connection admin(String database) throws SQLException {
        return DriverManager.getConnection(url(database), System.getenv().getOrDefault("EER_DB_USER", "eer"),
                System.getenv().getOrDefault("EER_DB_PASSWORD", "eer"));
    }

    /** Applies deploy/local/payments-seed.sql to the test target, as the local infrastructure does. */
    static void seedTarget() throws SQLException, IOException {
        String seed = Files.readString(Path.of("../deploy/local/payments-seed.sql"));
        try (Connection connection = admin(TARGET); Statement sql = connection.createStatement()) {
            ClusterCatalogLock.acquire(connection); // the seed revokes CONNECT on every other database
            sql.execute(seed);
            // a group role that reaches a predefined role: configured as grantable in %test, refused at provision time
            sql.execute("""
                    DO $$
                    BEGIN
                        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'escalating_role') THEN
                            CREATE ROLE escalating_role NOLOGIN;
                        END IF;
                    END
                    $$""");
            sql.execute("GRANT pg_read_server_files TO escalating_role");
            // roles are cluster-wide: tidy up temporary logins that expired long ago and have no session (earlier runs)
            sql.execute("""
                    DO $$
                    DECLARE r record;
                    BEGIN
                        FOR r IN SELECT rolname FROM pg_roles
                                 WHERE rolname ~ '^eer_[a-z0-9]+$' AND rolvaliduntil < now() - interval '10 minutes'
                                   AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.usesysid = pg_roles.oid)
                        LOOP
                            BEGIN
                                EXECUTE format('DROP ROLE %I', r.rolname);
                            EXCEPTION WHEN others THEN
                                RAISE NOTICE 'kept %: %', r.rolname, SQLERRM;
                            END;
                        END LOOP;
                    END
                    $$""");
        }
    }

    static long count(String database, String query, Object... parameters) throws SQLException {
        try (Connection connection = admin(database); PreparedStatement sql = connection.prepareStatement(query)) {
            for (int i = 0; i < parameters.length; i++) {
                sql.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = sql.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    static void update(String database, String statement, Object... parameters) throws SQLException {
        try (Connection connection = admin(database); PreparedStatement sql = connection.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                sql.setObject(i + 1, parameters[i]);
            }
            sql.executeUpdate();
        }
    }
}
