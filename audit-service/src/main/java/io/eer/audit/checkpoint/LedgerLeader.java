package io.eer.audit.checkpoint;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Which running instance is the ledger's writer of checkpoints: the one holding a PostgreSQL session advisory lock on
 * a connection of its own. PostgreSQL releases the lock the moment that session ends (the process died, the network
 * dropped), and the next instance to try takes it over. Appends themselves are serialised by the ledger_head row
 * lock in every instance; the lease makes sure only one instance signs and publishes checkpoints.
 */
@ApplicationScoped
public class LedgerLeader {

    /** The advisory lock key: "EERLedgr" in ASCII. */
    static final long LOCK_KEY = 0x4545524c65646772L;
    private static final Logger LOG = Logger.getLogger(LedgerLeader.class);

    private final Pool pool;
    private volatile SqlConnection lease;

    LedgerLeader(Pool pool) {
        this.pool = pool;
    }

    public boolean isLeader() {
        return lease != null;
    }

    /** Confirms the lease is still held, or tries to take it; answers whether this instance is the writer. */
    public Uni<Boolean> refresh() {
        SqlConnection held = lease;
        if (held != null) {
            return held.query("select 1").execute().replaceWith(true)
                    .onFailure().recoverWithUni(e -> {
                        LOG.warnf("lost the ledger writer lease: %s", e.getMessage());
                        lease = null;
                        return held.close().onFailure().recoverWithNull().replaceWith(false);
                    });
        }
        return pool.getConnection().chain(connection -> connection
                .preparedQuery("select pg_try_advisory_lock($1) as taken")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(LOCK_KEY))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return row.getBoolean("taken");
                })
                .chain(taken -> {
                    if (taken) {
                        lease = connection;
                        LOG.info("this instance is now the ledger writer (checkpoint signer)");
                        return Uni.createFrom().item(true);
                    }
                    return connection.close().replaceWith(false);
                })
                .onFailure().call(e -> connection.close().onFailure().recoverWithNull()))
                .onFailure().recoverWithItem(false);
    }

    void release(@Observes ShutdownEvent event) {
        SqlConnection held = lease;
        lease = null;
        if (held != null) {
            held.closeAndAwait();
        }
    }
}
