package io.eer.request.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eer.support.persistence.Sql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * service-support's {@code Sql}: statements on the session's own connection, so in its transaction, on the real
 * database (the inbox, event log, outbox and relay run on it).
 */
@QuarkusTest
class SqlTest {

    private static <T> T tx(Supplier<Uni<T>> work) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(work));
    }

    @Test
    void update_rollsBackWithTheSessionsTransaction() throws Throwable {
        String eventId = "sql-test-" + UUID.randomUUID();

        assertThatThrownBy(() -> tx(() -> Sql.update("insert into processed_event (event_id, handled_at)"
                        + " values ($1, $2)", eventId, Instant.now())
                .invoke(() -> {
                    throw new IllegalStateException("the handler failed after the insert");
                })))
                .hasMessageContaining("the handler failed");

        assertThat(tx(() -> Sql.rows("select event_id from processed_event where event_id = $1", eventId)))
                .isEmpty();
    }

    @Test
    void update_committedWithTheTransaction_isVisibleAfterIt() throws Throwable {
        String eventId = "sql-test-" + UUID.randomUUID();
        Instant handledAt = Instant.parse("2026-12-06T17:00:00.123456789Z");

        assertThat(tx(() -> Sql.update("insert into processed_event (event_id, handled_at) values ($1, $2)",
                eventId, handledAt))).isEqualTo(1);

        Object[] row = tx(() -> Sql.row("select event_id, handled_at from processed_event where event_id = $1",
                eventId)).orElseThrow();
        assertThat(row[0]).isEqualTo(eventId);
        // an Instant is bound as timestamptz, to the microsecond (as Hibernate binds it)
        assertThat(((OffsetDateTime) row[1]).toInstant()).isEqualTo(Instant.parse("2026-12-06T17:00:00.123456Z"));
    }

    @Test
    void value_ofNoRow_isNull() throws Throwable {
        assertThat(tx(() -> Sql.value(String.class, "select event_id from processed_event where event_id = $1",
                "never-" + UUID.randomUUID()))).isNull();
    }
}
