package io.eer.support.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Serialises test code that changes the test PostgreSQL's cluster-wide catalog: databases (create, drop) and their
 * ACLs (GRANT/REVOKE ... ON DATABASE). {@code ./eer test} runs two modules at once on one cluster, and PostgreSQL
 * fails such statements when they race ("tuple concurrently updated", "database ... does not exist" for a REVOKE
 * over a database dropped meanwhile) - e.g. grant-service's payments seed, which revokes CONNECT on every other
 * database, beside audit-service creating and dropping its throw-away ledgers.
 */
public final class ClusterCatalogLock {

    /** One advisory lock key for the whole cluster (any database: advisory locks are cluster-wide). */
    static final long KEY = 0x4545_525f_4341_544cL; // "EER_CATL"

    private ClusterCatalogLock() {
    }

    /** Takes the lock for {@code connection}'s session; it is released when the connection closes. */
    public static void acquire(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            sql.execute("select pg_advisory_lock(" + KEY + ")");
        }
    }
}
