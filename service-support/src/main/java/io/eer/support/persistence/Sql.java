package io.eer.support.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.reactive.mutiny.impl.MutinySessionImpl;
import org.hibernate.reactive.pool.ReactiveConnection;

/**
 * Statements on the current session's connection, in its transaction, past Hibernate's query machinery: the hot
 * statements every event runs (inbox, event log, outbox, relay). Through {@code createNativeQuery} each one paid for
 * parsing, an auto-flush of the session and a query plan that Hibernate 7.2 builds anew every time (its plan cache
 * never hits for native queries): ~30 µs of CPU a statement, against ~200 µs for the transaction around it
 * ({@code StatementCostTest}, docs/performance.md).
 *
 * <p>Parameters are PostgreSQL's own ({@code $1}, {@code $2}, …). Nothing pending in the session is flushed first:
 * these statements touch tables no entity of the same transaction writes. An {@link Instant} is bound as a UTC
 * {@code OffsetDateTime} (the reactive client truncates to microseconds, as Hibernate's binding does); errors come as
 * Hibernate's exceptions, as a native query's do.
 */
public final class Sql {

    private Sql() {
    }

    /** Runs an insert, update or delete; answers the rows it changed. */
    public static Uni<Integer> update(String sql, Object... parameters) {
        return Panache.getSession().chain(session -> Uni.createFrom()
                .completionStage(() -> connection(session).update(sql, bound(parameters))));
    }

    /** Runs a query; answers its rows, each as its columns' values in order. */
    public static Uni<List<Object[]>> rows(String sql, Object... parameters) {
        return Panache.getSession().chain(session -> Uni.createFrom()
                .completionStage(() -> connection(session).select(sql, bound(parameters))))
                .map(result -> {
                    List<Object[]> rows = new ArrayList<>();
                    result.forEachRemaining(rows::add);
                    return rows;
                });
    }

    /** Runs a query of one row; answers its columns, or empty when it found none. */
    public static Uni<Optional<Object[]>> row(String sql, Object... parameters) {
        return rows(sql, parameters).map(rows -> rows.stream().findFirst());
    }

    /** Runs a query of one row and one column; answers that value (null when the row or the value is missing). */
    public static <T> Uni<T> value(Class<T> type, String sql, Object... parameters) {
        return row(sql, parameters).map(row -> row.map(columns -> type.cast(columns[0])).orElse(null));
    }

    /** The connection under Panache's session (Hibernate Reactive's own class: the Mutiny API does not expose it). */
    private static ReactiveConnection connection(Mutiny.Session session) {
        if (session instanceof MutinySessionImpl impl) {
            return impl.getReactiveConnection();
        }
        throw new IllegalStateException("not a Hibernate Reactive session: " + session.getClass().getName());
    }

    private static Object[] bound(Object[] parameters) {
        Object[] bound = parameters.clone();
        for (int i = 0; i < bound.length; i++) {
            if (bound[i] instanceof Instant instant) {
                bound[i] = OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
            }
        }
        return bound;
    }
}
