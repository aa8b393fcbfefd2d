package io.eer.gateway.infra.out;

import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import io.eer.support.eventsourcing.StoredForm;
import io.eer.support.outbox.OutboxWakeup;
import io.eer.support.outbox.ServiceIdentity;
import io.eer.support.time.Ids;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.PreparedStatement;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The gateway's event log and outbox writer: a batch of session actions of any number of sessions goes to
 * {@code domain_event} and {@code outbox} in ONE statement on one pooled reactive connection, committed on its own
 * (autocommit): one round trip and one WAL flush per batch. It takes the producer's sequence numbers from
 * {@code producer_sequence} in that statement (the row lock is held to the commit, so numbers follow commit order and
 * a failed batch gives its numbers back, as with service-support's {@code EventStore}) and wakes the outbox relay
 * ({@code pg_notify}) at commit.
 *
 * <p>The envelope is encoded on the caller's thread, before the sequence is known, with {@link #SENTINEL} in its
 * {@code sequence} attribute; the statement puts the real number in its place. The encoding is RFC 8785 canonical
 * JSON, in which {@code "sequence":"<digits>"} occurs only as the envelope's attribute (a quote inside a string
 * value is always escaped), and {@link #entry} checks that it occurs exactly once; the stored bytes are therefore
 * exactly what encoding the envelope with its number gives.
 */
@ApplicationScoped
public class SessionJournal {

    /** The stand-in sequence number (a valid one: 18 digits) replaced by the statement. */
    static final long SENTINEL = 999_999_999_999_999_999L;
    static final String PLACEHOLDER = "\"" + EventCodec.SEQUENCE + "\":\"" + SENTINEL + "\"";

    static final String APPEND = """
            with seq as (
                update producer_sequence set last_value = last_value + $1 returning last_value
            ), batch as (
                select b.aggregate_id, b.version, b.event_id, b.type, b.at, b.topic, b.record_key, b.n,
                       seq.last_value - $1 + b.n as sequence,
                       replace(b.payload, $10, '"sequence":"' || (seq.last_value - $1 + b.n) || '"') as payload
                from unnest($2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::timestamptz[],
                            $8::text[], $9::text[])
                     with ordinality as b(aggregate_id, version, event_id, type, payload, at, topic, record_key, n),
                     seq
            ), logged as (
                insert into domain_event (aggregate_id, version, event_id, type, payload, recorded_at, sequence)
                select aggregate_id, version, event_id, type, payload, at, sequence from batch order by n
            ), queued as (
                insert into outbox (event_id, topic, record_key, payload, created_at, sequence)
                select event_id, topic, record_key, payload, at, sequence from batch order by n
            )
            select pg_notify('""" + OutboxWakeup.CHANNEL + "', '')";

    /** One event ready to append: its envelope encoded with {@link #SENTINEL} for its sequence number. */
    public record Entry(String aggregateId, long version, String eventId, String type, String payload,
            OffsetDateTime at, String topic, String recordKey) {
    }

    private final Pool pool;
    private final Clock clock;
    private final Ids ids;
    private final ServiceIdentity service;
    /** The writer's connection and its prepared statement; dropped after any failure and taken afresh. */
    private volatile Uni<PreparedStatement> statement;
    private volatile SqlConnection connection;

    SessionJournal(Pool pool, Clock clock, Ids ids, ServiceIdentity service) {
        this.pool = pool;
        this.clock = clock;
        this.ids = ids;
        this.service = service;
    }

    /** Wraps the aggregate's {@code version}-th event in its envelope (now, a new id) and encodes it. */
    public Entry entry(String aggregateId, long version, StoredForm form) {
        if (!(form instanceof StoredForm.Published published)) {
            throw new IllegalArgumentException("the gateway's journal stores published events only");
        }
        EventEnvelope envelope = EventEnvelope.of(ids.next(), service.source(), clock.instant(), published.event())
                .withSequence(SENTINEL);
        String payload = EventCodec.encodeToString(envelope);
        int at = payload.indexOf(PLACEHOLDER);
        if (at < 0 || payload.indexOf(PLACEHOLDER, at + 1) >= 0) {
            throw new IllegalStateException("the encoded event does not carry its sequence placeholder exactly once");
        }
        return new Entry(aggregateId, version, envelope.id(), envelope.type(), payload,
                envelope.time().atOffset(ZoneOffset.UTC), service.topic(published.topic()), envelope.subject());
    }

    /**
     * Appends the batch in one statement, committed when the answer comes (on the connection's event loop). A unique
     * violation ({@code (aggregate_id, version)}) or any other failure fails the whole batch: nothing of it is stored.
     */
    public Uni<Void> append(List<Entry> batch) {
        int n = batch.size();
        String[] aggregates = new String[n];
        Long[] versions = new Long[n];
        String[] eventIds = new String[n];
        String[] types = new String[n];
        String[] payloads = new String[n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        String[] topics = new String[n];
        String[] keys = new String[n];
        for (int i = 0; i < n; i++) {
            Entry e = batch.get(i);
            aggregates[i] = e.aggregateId();
            versions[i] = e.version();
            eventIds[i] = e.eventId();
            types[i] = e.type();
            payloads[i] = e.payload();
            times[i] = e.at();
            topics[i] = e.topic();
            keys[i] = e.recordKey();
        }
        Tuple values = Tuple.tuple(List.of((long) n, aggregates, versions, eventIds, types, payloads, times, topics,
                keys, PLACEHOLDER));
        return prepared().chain(ps -> ps.query().execute(values)).replaceWithVoid();
    }

    /** Forgets the connection (closed) after a failure or a timeout: the next batch starts on a fresh one. */
    public void reset() {
        SqlConnection c = connection;
        statement = null;
        connection = null;
        if (c != null) {
            c.close().subscribe().with(ignored -> { }, ignored -> { });
        }
    }

    private Uni<PreparedStatement> prepared() {
        Uni<PreparedStatement> s = statement;
        if (s == null) {
            s = pool.getConnection()
                    .invoke(c -> connection = c)
                    .chain(c -> c.prepare(APPEND))
                    .memoize().indefinitely();
            statement = s;
        }
        return s;
    }
}
