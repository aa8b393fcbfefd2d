package io.eer.support.outbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.DomainEvent;
import io.eer.support.eventsourcing.StoredForm;
import io.eer.support.observability.Traceparent;
import io.eer.support.persistence.Sql;
import io.eer.support.time.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Appends an aggregate's new events to the service's event log and to the outbox, in the caller's transaction,
 * so an event is either committed and eventually published, or neither. Appenders queue on the producer's counter
 * row; holding it, an append checks that nobody appended to the aggregate after the version it decided on, and
 * otherwise fails with {@link ConcurrentChangeException} before writing anything (the transaction stays usable, so
 * {@code Aggregates} decides again in it). The unique {@code (aggregate_id, version)} constraint stays the backstop.
 */
@ApplicationScoped
public class EventStore {

    /** The {@code domain_event.type} prefix of internal (stored, never published) events. */
    public static final String INTERNAL = "internal:";

    /** The columns {@link #storedEvent(Object[])} reads, in its order. */
    private static final String ROW_COLUMNS = "id, aggregate_id, version, event_id, type, payload, recorded_at, sequence";

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
        return Sql.rows("select payload from domain_event where aggregate_id = $1 and type not like 'internal:%'"
                        + " order by version", aggregateId)
                .map(rows -> rows.stream().map(row -> EventCodec.decode((String) row[0])).toList());
    }

    /** All the aggregate's stored rows, public and internal, in version order (not managed entities). */
    public Uni<List<StoredEvent>> loadRows(String aggregateId) {
        return Sql.rows("select " + ROW_COLUMNS + " from domain_event where aggregate_id = $1 order by version",
                aggregateId).map(rows -> rows.stream().map(EventStore::storedEvent).toList());
    }

    /** {@link #loadRows(String)} of many aggregates in one query, by aggregate. */
    public Uni<Map<String, List<StoredEvent>>> loadRows(List<String> aggregateIds) {
        ArrayNode ids = EventCodec.mapper().createArrayNode();
        aggregateIds.forEach(ids::add);
        return Sql.rows("select " + ROW_COLUMNS + " from domain_event where aggregate_id in"
                        + " (select json_array_elements_text(cast(cast($1 as text) as json)))"
                        + " order by aggregate_id, version", ids.toString())
                .map(rows -> {
                    Map<String, List<StoredEvent>> byAggregate = new HashMap<>();
                    for (Object[] columns : rows) {
                        StoredEvent row = storedEvent(columns);
                        byAggregate.computeIfAbsent(row.aggregateId, k -> new ArrayList<>()).add(row);
                    }
                    return byAggregate;
                });
    }

    private static StoredEvent storedEvent(Object[] columns) {
        StoredEvent row = storedEvent((String) columns[1], ((Number) columns[2]).longValue(), (String) columns[3],
                (String) columns[4], (String) columns[5], ((OffsetDateTime) columns[6]).toInstant(),
                columns[7] == null ? null : ((Number) columns[7]).longValue());
        row.id = ((Number) columns[0]).longValue();
        return row;
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
        Uni<Long> sequences = claim(aggregateId, expectedVersion, published);
        // the trace this append happens in (a REST request's, or a consumed event's): every event carries it
        Optional<String> traceparent = Traceparent.current();
        return sequences.chain(last -> write(rows(aggregateId, expectedVersion, events, traceparent,
                last - published))).map(Rows::envelopes);
    }

    /** Wakes the relay of every instance at commit ({@link OutboxWakeup}); nothing is sent if the caller rolls back. */
    private static Uni<Void> notifyRelay() {
        return Sql.rows("select pg_notify('" + OutboxWakeup.CHANNEL + "', '')").replaceWithVoid();
    }

    /**
     * Locks the database's one counter row (until the caller's transaction ends, so appenders queue behind each other:
     * numbers follow commit order, a rollback returns its numbers, no gap), then, in a statement of its own that sees
     * every append committed before the lock was granted, checks the aggregate's version and takes {@code count}
     * numbers only if it is still {@code expectedVersion}. Answers the last number taken; a conflict takes none.
     * A version below {@code expectedVersion} (this transaction's own rows not flushed yet) is left to the constraint.
     */
    private static Uni<Long> claim(String aggregateId, long expectedVersion, int count) {
        return Sql.rows("select last_value from producer_sequence for update")
                .chain(() -> Sql.row("with current as (select coalesce(max(version), 0) as version from domain_event"
                        + " where aggregate_id = $2), taken as (update producer_sequence set last_value = last_value"
                        + " + $1 where $1 > 0 and (select version from current) <= $3 returning last_value)"
                        + " select cast((select version from current) as bigint), cast((select last_value from taken)"
                        + " as bigint)", (long) count, aggregateId, expectedVersion))
                .map(found -> {
                    Object[] row = found.orElseThrow();
                    long actual = ((Number) row[0]).longValue();
                    if (actual > expectedVersion) {
                        throw new ConcurrentChangeException(aggregateId, expectedVersion, actual);
                    }
                    return row[1] == null ? 0L : ((Number) row[1]).longValue();
                });
    }

    /**
     * Takes {@code count} numbers from the counter row for {@link #appendAll} (no version check: a racing writer fails
     * the batch on the {@code (aggregate_id, version)} constraint). The row stays locked until the transaction ends.
     */
    private static Uni<Long> nextSequences(int count) {
        return Sql.value(Long.class, "with taken as (update producer_sequence set last_value = last_value + $1"
                + " returning last_value) select last_value from taken", (long) count);
    }

    /**
     * One aggregate's share of {@link #appendAll}: its new events after {@code expectedVersion}, and the traceparent
     * they carry (each aggregate its own: a batch of timers continues one trace per timer).
     */
    public record Append(String aggregateId, long expectedVersion, List<? extends StoredForm> events,
            Optional<String> traceparent) {
    }

    /**
     * Stores the new events of many aggregates in one go: one take of sequence numbers, the event log and the outbox
     * rows each in one multi-row statement, one relay wake-up. What {@link #append} does per aggregate, with the same
     * guarantee: a concurrent writer that decided on the same version of any of them fails the whole statement on
     * {@code (aggregate_id, version)}, so the caller's transaction rolls back. Answers each append's published
     * envelopes, in the order of {@code appends}.
     */
    public Uni<List<List<EventEnvelope>>> appendAll(List<Append> appends) {
        int published = (int) appends.stream().flatMap(a -> a.events().stream())
                .filter(StoredForm.Published.class::isInstance).count();
        if (appends.stream().allMatch(a -> a.events().isEmpty())) {
            return Uni.createFrom().item(appends.stream().<List<EventEnvelope>>map(a -> List.of()).toList());
        }
        Uni<Long> sequences = published == 0 ? Uni.createFrom().item(0L) : nextSequences(published);
        return sequences.chain(last -> {
            long sequence = last - published;
            List<List<EventEnvelope>> envelopes = new ArrayList<>();
            List<StoredEvent> stored = new ArrayList<>();
            List<OutboxMessage> outbox = new ArrayList<>();
            for (Append append : appends) {
                Rows rows = rows(append.aggregateId(), append.expectedVersion(), append.events(),
                        append.traceparent(), sequence);
                sequence += rows.envelopes().size();
                envelopes.add(rows.envelopes());
                stored.addAll(rows.stored());
                outbox.addAll(rows.outbox());
            }
            return write(new Rows(List.of(), stored, outbox)).replaceWith(envelopes);
        });
    }

    /**
     * The one write path of both appends: the event-log rows, then the outbox rows, each in one statement, and a relay
     * wake-up when anything is to be published.
     */
    private static Uni<Rows> write(Rows rows) {
        Uni<Void> written = insertEvents(rows.stored()).chain(() -> insertOutbox(rows.outbox()));
        return (rows.outbox().isEmpty() ? written : written.chain(EventStore::notifyRelay)).replaceWith(rows);
    }

    /** The rows one aggregate's new events become, public ones numbered after {@code sequenceBefore}. */
    private record Rows(List<EventEnvelope> envelopes, List<StoredEvent> stored, List<OutboxMessage> outbox) {
    }

    private Rows rows(String aggregateId, long expectedVersion, List<? extends StoredForm> events,
            Optional<String> traceparent, long sequenceBefore) {
        List<EventEnvelope> envelopes = new ArrayList<>();
        List<StoredEvent> stored = new ArrayList<>();
        List<OutboxMessage> outbox = new ArrayList<>();
        long version = expectedVersion;
        long sequence = sequenceBefore;
        for (StoredForm form : events) {
            if (form instanceof StoredForm.Published p) {
                EventEnvelope envelope = EventEnvelope.of(ids.next(), service.source(), clock.instant(), p.event())
                        .withSequence(++sequence);
                String encoded = EventCodec.encodeToString(envelope);
                String payload = traceparent.map(tp -> Traceparent.stamp(encoded, tp)).orElse(encoded);
                envelopes.add(envelope);
                stored.add(storedEvent(aggregateId, ++version, envelope.id(), envelope.type(), payload,
                        envelope.time(), envelope.sequence()));
                outbox.add(outboxMessage(p.topic(), envelope, payload));
            } else if (form instanceof StoredForm.Internal i) {
                stored.add(storedEvent(aggregateId, ++version, ids.next(), INTERNAL + i.name(),
                        EventCodec.mapper().valueToTree(i.body()).toString(), clock.instant(), null));
            }
        }
        return new Rows(envelopes, stored, outbox);
    }

    /** Event-log rows in one statement, in list order (their ids, and so the log's order, follow it). */
    private static Uni<Void> insertEvents(List<StoredEvent> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        ArrayNode json = EventCodec.mapper().createArrayNode();
        for (StoredEvent row : rows) {
            json.addObject().put("aggregate_id", row.aggregateId).put("version", row.version)
                    .put("event_id", row.eventId).put("type", row.type).put("payload", row.payload)
                    .put("recorded_at", micros(row.recordedAt)).put("sequence", row.sequence);
        }
        return insertRows("insert into domain_event (aggregate_id, version, event_id, type, payload, recorded_at,"
                + " sequence) select aggregate_id, version, event_id, type, payload, recorded_at, sequence"
                + " from rows from (json_to_recordset(cast(cast($1 as text) as json)) as (aggregate_id text, version bigint,"
                + " event_id text, type text, payload text, recorded_at timestamptz, sequence bigint))"
                + " with ordinality as r(aggregate_id, version, event_id, type, payload, recorded_at, sequence, n)"
                + " order by n", json);
    }

    /** Outbox rows in one statement, in list order: the relay publishes by id, i.e. in this order. */
    private static Uni<Void> insertOutbox(List<OutboxMessage> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        ArrayNode json = EventCodec.mapper().createArrayNode();
        for (OutboxMessage row : rows) {
            json.addObject().put("event_id", row.eventId).put("topic", row.topic).put("record_key", row.recordKey)
                    .put("payload", row.payload).put("created_at", micros(row.createdAt))
                    .put("sequence", row.sequence);
        }
        return insertRows("insert into outbox (event_id, topic, record_key, payload, created_at, sequence)"
                + " select event_id, topic, record_key, payload, created_at, sequence"
                + " from rows from (json_to_recordset(cast(cast($1 as text) as json)) as (event_id text, topic text,"
                + " record_key text, payload text, created_at timestamptz, sequence bigint))"
                + " with ordinality as r(event_id, topic, record_key, payload, created_at, sequence, n)"
                + " order by n", json);
    }

    /**
     * A time as the database keeps it: PostgreSQL would round a text value's nanoseconds, while the reactive client
     * (binding an {@code Instant}, as every projection write does) truncates them; truncated, a projection rebuilt
     * from {@code recorded_at} equals the one written live.
     */
    private static String micros(Instant time) {
        return time.truncatedTo(ChronoUnit.MICROS).toString();
    }

    private static Uni<Void> insertRows(String sql, ArrayNode rows) {
        return Sql.update(sql, rows.toString()).replaceWithVoid();
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
