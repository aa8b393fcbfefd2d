package io.eer.audit.ledger.infra.in;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * The writer lease: the instance that appends to the ledger (it holds the ledger's Kafka partitions, see
 * {@link LedgerPartitions}) also signs and publishes checkpoints, while it holds a PostgreSQL session advisory lock on
 * a connection of its own. PostgreSQL releases the lock the moment that session ends (the process died, the network
 * dropped); the instance that gets the partitions next takes it over. An instance that loses its partitions lets the
 * lease go. The lock makes sure only one instance signs, even while partitions change hands.
 */
@ApplicationScoped
public class LedgerLeader {

    /** The advisory lock key: "EERLedgr" in ASCII. */
    static final long LOCK_KEY = 0x4545524c65646772L;
    private static final Logger LOG = Logger.getLogger(LedgerLeader.class);

    private final Pool pool;
    private final LedgerPartitions partitions;
    private volatile SqlConnection lease;

    LedgerLeader(Pool pool, @Identifier(LedgerPartitions.NAME) LedgerPartitions partitions) {
        this.pool = pool;
        this.partitions = partitions;
    }

    public boolean isLeader() {
        return lease != null;
    }

    /**
     * Confirms the lease is still held, or tries to take it when this instance holds the ledger's partitions; lets it
     * go when it does not. Answers whether this instance signs checkpoints.
     */
    public Uni<Boolean> refresh() {
        SqlConnection held = lease;
        if (!partitions.writer()) {
            if (held == null) {
                return Uni.createFrom().item(false);
            }
            LOG.info("no longer the ledger's writer (partitions gone): letting the lease go");
            lease = null;
            return held.close().onFailure().recoverWithNull().replaceWith(false);
        }
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
                        LOG.info("this instance holds the writer lease: it signs the checkpoints");
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
