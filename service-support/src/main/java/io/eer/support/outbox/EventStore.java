package io.eer.support.outbox;

import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.DomainEvent;
import io.eer.support.time.Ids;
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

    /** Wraps new facts in envelopes, stores them after {@code expectedVersion} and queues them for {@code topic}. */
    public Uni<List<EventEnvelope>> append(String aggregateId, long expectedVersion, String topic,
            List<? extends DomainEvent> events) {
        List<EventEnvelope> envelopes = new ArrayList<>();
        List<Object> rows = new ArrayList<>();
        long version = expectedVersion;
        for (DomainEvent event : events) {
            EventEnvelope envelope = EventEnvelope.of(ids.next(), service.source(), clock.instant(), event);
            String payload = EventCodec.encodeToString(envelope);
            envelopes.add(envelope);
            rows.add(storedEvent(aggregateId, ++version, envelope, payload));
            rows.add(outboxMessage(topic, envelope, payload));
        }
        return StoredEvent.persist(rows).replaceWith(envelopes);
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
        return row;
    }

    private OutboxMessage outboxMessage(String topic, EventEnvelope envelope, String payload) {
        OutboxMessage row = new OutboxMessage();
        row.eventId = envelope.id();
        row.topic = service.topic(topic);
        row.recordKey = envelope.subject();
        row.payload = payload;
        row.createdAt = envelope.time();
        return row;
    }
}
