package io.eer.expiry.application;

import io.eer.contracts.Topics;
import io.eer.expiry.domain.Timer;
import io.eer.expiry.infra.ExpirySettings;
import io.eer.expiry.projection.TimerView;
import io.eer.support.outbox.EventStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Fires every timer whose deadline has come: per batch, in ONE transaction, takes the oldest due pending timers
 * with {@code FOR UPDATE SKIP LOCKED} (two instances never take the same timer), appends {@code AccessExpired}
 * through the event store (event log + outbox) and marks each timer fired. A timer fires at most once: its
 * {@code fired_at} commits with its event, and the event log's unique {@code (aggregate_id = grantId, version = 1)}
 * makes any second firing fail. Timers that fell due while the service was down are simply due on the first poll.
 */
@ApplicationScoped
public class FireDueTimers {

    static final String DUE = "select * from timer "
            + "where deadline <= ?1 and fired_at is null and cancelled_at is null "
            + "order by deadline, grant_id limit ?2 for update skip locked";

    private final EventStore eventStore;
    private final Clock clock;
    private final ExpirySettings settings;

    FireDueTimers(EventStore eventStore, Clock clock, ExpirySettings settings) {
        this.eventStore = eventStore;
        this.clock = clock;
        this.settings = settings;
    }

    /** Fires batches until fewer than a full batch is due (a backlog after downtime drains in one poll). */
    public Uni<Integer> execute() {
        return Uni.createFrom().deferred(this::fireBatch)
                .repeat().whilst(fired -> fired == settings.batchSize())
                .collect().with(Collectors.summingInt(Integer::intValue));
    }

    /** One transaction: the due timers of this moment, at most a batch, each fired once. */
    Uni<Integer> fireBatch() {
        // PostgreSQL keeps microseconds: firedAt in the event is then exactly what the row stores
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(DUE, TimerView.class)
                        .setParameter(1, now)
                        .setParameter(2, settings.batchSize())
                        .getResultList())
                .chain(due -> fireAll(due, now)));
    }

    private Uni<Integer> fireAll(List<TimerView> due, Instant now) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (TimerView view : due) {
            chain = chain.chain(() -> fire(view, now)); // one session: strictly one after the other
        }
        return chain.replaceWith(due.size());
    }

    private Uni<Void> fire(TimerView view, Instant now) {
        Timer.Fired fired = view.toDomain().fire(now);
        view.apply(fired.timer());
        return eventStore.append(view.grantId, 0, Topics.EXPIRIES, fired.event()).replaceWithVoid();
    }
}
