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

    /** Runs {@code work} in one transaction: committed when its {@code Uni} succeeds, rolled back when it fails. */
    public <T> Uni<T> inTransaction(Function<ReplayChunk, Uni<T>> work) {
        return pool.withTransaction(connection -> work.apply(new ReplayChunk(connection)));
    }
}
