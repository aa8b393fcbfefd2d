package io.eer.support.outbox;

import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.DomainEvent;
import io.eer.support.time.Ids;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends an aggregate's new events to the service's event log and to the outbox, in the caller's transaction,
 * so an event is either committed and eventually published, or neither. A concurrent writer that loaded the same
 * version fails on the unique {@code (aggregate_id, version)} constraint.
 */
@ApplicationScoped
public class EventStore {

    private final Clock clock;
    private final Ids ids;
    private final ServiceIdentity service;

    EventStore(Clock clock, Ids ids, ServiceIdentity service) {
        this.clock = clock;
        this.ids = ids;
        this.service = service;
    }

    /** The aggregate's events, oldest first. */
    public Uni<List<EventEnvelope>> load(String aggregateId) {
        return StoredEvent.<StoredEvent>list("aggregateId = ?1 order by version", aggregateId)
                .map(rows -> rows.stream().map(row -> EventCodec.decode(row.payload)).toList());
    }

    /**
     * Wraps new facts in envelopes stamped with the producer's next sequence numbers, stores them after
     * {@code expectedVersion} and queues them for {@code topic}.
     */
    public Uni<List<EventEnvelope>> append(String aggregateId, long expectedVersion, String topic,
            List<? extends DomainEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return nextSequences(events.size()).chain(last -> {
            List<EventEnvelope> envelopes = new ArrayList<>();
            List<Object> rows = new ArrayList<>();
            long version = expectedVersion;
            long sequence = last - events.size();
            for (DomainEvent event : events) {
                EventEnvelope envelope = EventEnvelope.of(ids.next(), service.source(), clock.instant(), event)
                        .withSequence(++sequence);
                String payload = EventCodec.encodeToString(envelope);
                envelopes.add(envelope);
                rows.add(storedEvent(aggregateId, ++version, envelope, payload));
                rows.add(outboxMessage(topic, envelope, payload));
            }
            return StoredEvent.persist(rows).replaceWith(envelopes);
        });
    }

    /**
     * Takes {@code count} numbers from the database's one counter row and answers the last of them. The row stays
     * locked until the caller's transaction ends, so appenders queue behind each other: numbers follow commit order,
     * and a rollback returns its numbers (no gap).
     */
    private static Uni<Long> nextSequences(int count) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("with taken as (update producer_sequence set last_value = last_value + ?1"
                        + " returning last_value) select last_value from taken", Long.class)
                .setParameter(1, (long) count)
                .getSingleResult());
    }

    public Uni<List<EventEnvelope>> append(String aggregateId, long expectedVersion, String topic, DomainEvent event) {
        return append(aggregateId, expectedVersion, topic, List.of(event));
    }

    private StoredEvent storedEvent(String aggregateId, long version, EventEnvelope envelope, String payload) {
        StoredEvent row = new StoredEvent();
        row.aggregateId = aggregateId;
        row.version = version;
        row.eventId = envelope.id();
        row.type = envelope.type();
        row.payload = payload;
        row.recordedAt = envelope.time();
        row.sequence = envelope.sequence();
        return row;
    }

    private OutboxMessage outboxMessage(String topic, EventEnvelope envelope, String payload) {
        OutboxMessage row = new OutboxMessage();
        row.eventId = envelope.id();
        row.topic = service.topic(topic);
        row.recordKey = envelope.subject();
        row.payload = payload;
        row.createdAt = envelope.time();
        row.sequence = envelope.sequence();
        return row;
    }
}
