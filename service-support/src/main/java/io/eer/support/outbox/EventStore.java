package io.eer.support.outbox;

import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.DomainEvent;
import io.eer.support.eventsourcing.StoredForm;
import io.eer.support.observability.Traceparent;
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

    /** The {@code domain_event.type} prefix of internal (stored, never published) events. */
    public static final String INTERNAL = "internal:";

    private final Clock clock;
    private final Ids ids;
    private final ServiceIdentity service;

    EventStore(Clock clock, Ids ids, ServiceIdentity service) {
        this.clock = clock;
        this.ids = ids;
        this.service = service;
    }

    /** The aggregate's published events, oldest first (internal ones: {@link #loadRows}). */
    public Uni<List<EventEnvelope>> load(String aggregateId) {
        return StoredEvent.<StoredEvent>list("aggregateId = ?1 and type not like 'internal:%' order by version",
                        aggregateId)
                .map(rows -> rows.stream().map(row -> EventCodec.decode(row.payload)).toList());
    }

    /** All the aggregate's stored rows, public and internal, in version order. */
    public Uni<List<StoredEvent>> loadRows(String aggregateId) {
        return StoredEvent.list("aggregateId = ?1 order by version", aggregateId);
    }

    /**
     * Wraps new facts in envelopes stamped with the producer's next sequence numbers, stores them after
     * {@code expectedVersion} and queues them for {@code topic}.
     */
    public Uni<List<EventEnvelope>> append(String aggregateId, long expectedVersion, String topic,
            List<? extends DomainEvent> events) {
        return append(aggregateId, expectedVersion,
                events.stream().<StoredForm>map(event -> new StoredForm.Published(topic, event)).toList());
    }

    /**
     * Stores an aggregate's new events after {@code expectedVersion}: public ones with the producer's next sequence
     * numbers and an outbox row each, internal ones in the event log only. Answers the published envelopes.
     */
    public Uni<List<EventEnvelope>> append(String aggregateId, long expectedVersion, List<? extends StoredForm> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        int published = (int) events.stream().filter(StoredForm.Published.class::isInstance).count();
        Uni<Long> sequences = published == 0 ? Uni.createFrom().item(0L) : nextSequences(published);
        // the trace this append happens in (a REST request's, or a consumed event's): every event carries it
        java.util.Optional<String> traceparent = Traceparent.current();
        return sequences.chain(last -> {
            List<EventEnvelope> envelopes = new ArrayList<>();
            List<Object> rows = new ArrayList<>();
            long version = expectedVersion;
            long sequence = last - published;
            for (StoredForm form : events) {
                if (form instanceof StoredForm.Published p) {
                    EventEnvelope envelope = EventEnvelope.of(ids.next(), service.source(), clock.instant(), p.event())
                            .withSequence(++sequence);
                    String encoded = EventCodec.encodeToString(envelope);
                    String payload = traceparent.map(tp -> Traceparent.stamp(encoded, tp)).orElse(encoded);
                    envelopes.add(envelope);
                    rows.add(storedEvent(aggregateId, ++version, envelope.id(), envelope.type(), payload,
                            envelope.time(), envelope.sequence()));
                    rows.add(outboxMessage(p.topic(), envelope, payload));
                } else if (form instanceof StoredForm.Internal i) {
                    rows.add(storedEvent(aggregateId, ++version, ids.next(), INTERNAL + i.name(),
                            EventCodec.mapper().valueToTree(i.body()).toString(), clock.instant(), null));
                }
            }
            Uni<Void> stored = StoredEvent.persist(rows);
            return (published == 0 ? stored : stored.chain(EventStore::notifyRelay)).replaceWith(envelopes);
        });
    }

    /** Wakes the relay of every instance at commit ({@link OutboxWakeup}); nothing is sent if the caller rolls back. */
    private static Uni<Void> notifyRelay() {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select pg_notify('" + OutboxWakeup.CHANNEL + "', '')")
                .getSingleResult()).replaceWithVoid();
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

    private static StoredEvent storedEvent(String aggregateId, long version, String eventId, String type,
            String payload, java.time.Instant recordedAt, Long sequence) {
        StoredEvent row = new StoredEvent();
        row.aggregateId = aggregateId;
        row.version = version;
        row.eventId = eventId;
        row.type = type;
        row.payload = payload;
        row.recordedAt = recordedAt;
        row.sequence = sequence;
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
