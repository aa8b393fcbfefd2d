package io.eer.support.inbox;

import io.eer.support.persistence.Sql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * Idempotent consumption: the id of a handled event is recorded in the same transaction as its effect, so a
 * redelivered event (same CloudEvent id) changes nothing.
 */
@ApplicationScoped
public class Inbox {

    private final Clock clock;

    Inbox(Clock clock) {
        this.clock = clock;
    }

    /** Runs {@code effect} unless {@code eventId} was handled before; call inside a transaction. */
    public Uni<Void> once(String eventId, Supplier<Uni<Void>> effect) {
        return Sql.update("insert into processed_event (event_id, handled_at) values ($1, $2)"
                        + " on conflict (event_id) do nothing", eventId, clock.instant())
                .chain(inserted -> inserted == 1 ? effect.get() : Uni.createFrom().voidItem());
    }
}
