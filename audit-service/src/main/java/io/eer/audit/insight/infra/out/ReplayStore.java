package io.eer.audit.insight.infra.out;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;

/** Rebuild chunks, each in one transaction of its own on the reactive pool ({@link ReplayChunk}). */
@ApplicationScoped
public class ReplayStore {

    private final Pool pool;

    ReplayStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Runs {@code work} in one transaction: committed when its {@code Uni} succeeds, rolled back when it fails. The
     * commit does not wait for the WAL flush ({@code synchronous_commit = off}, this transaction only): a chunk lost
     * to a database crash is lost whole, position included (one transaction), and replayed again, since the mark
     * stays; any later commit that waits for its flush (the live projector's, an alert's) flushes this one first.
     */
    public <T> Uni<T> inTransaction(Function<ReplayChunk, Uni<T>> work) {
        return pool.withTransaction(connection -> connection.query("set local synchronous_commit = off").execute()
                .chain(() -> work.apply(new ReplayChunk(connection))));
    }
}
