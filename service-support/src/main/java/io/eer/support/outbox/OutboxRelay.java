package io.eer.support.outbox;

import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import io.eer.support.observability.EventMetrics;
import io.eer.support.persistence.Sql;
import io.eer.support.poll.WakeableJob;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows to Kafka in commit order and marks them published once the broker has
 * acknowledged them (acks=all, idempotent producer). A crash between the acknowledgement and the mark
 * publishes the row again; consumers drop the repeat by event id, so delivery is exactly once in effect. One
 * instance per database relays at a time ({@link #relayLock()}).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 200;
    /** The relay's advisory lock key; every service has a database of its own, so one key serves them all. */
    public static final long RELAY_LOCK = 0x45455230555442L;

    private final MutinyEmitter<String> emitter;
    private final Clock clock;
    private final Scheduler scheduler;
    private final EventMetrics metrics;
    private final WakeableJob job;

    OutboxRelay(@Channel("outbox") MutinyEmitter<String> emitter, Clock clock, Vertx vertx, Scheduler scheduler,
            EventMetrics metrics) {
        this.emitter = emitter;
        this.clock = clock;
        this.scheduler = scheduler;
        this.metrics = metrics;
        // a full batch is followed by another at once, a wake-up during a round by one more round; none once the
        // scheduler stops (shutdown)
        this.job = new WakeableJob("outbox-relay", vertx, () -> !scheduler.isRunning() ? Uni.createFrom().item(false)
                : relayPending().map(relayed -> relayed == BATCH));
    }

    /** The backstop: relays whatever a lost wake-up left behind ({@link OutboxWakeup} is the fast path). */
    @Scheduled(every = "${eer.outbox.poll-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    /**
     * Relays now, on a fresh Vert.x context; if a round is running, one more follows it, so a row committed during a
     * round is never left for the poll ({@link WakeableJob}).
     */
    public void wake() {
        if (!scheduler.isRunning()) {
            return; // not yet wired to Kafka, or shutting down (SchedulerGate)
        }
        job.wake();
    }

    /** One round: up to {@value #BATCH} rows in commit order; answers how many were relayed. */
    Uni<Integer> relayPending() {
        return Panache.withTransaction(() -> relayLock().chain(mine -> !mine
                ? Uni.createFrom().item(0)
                : pending().chain(this::publishPipelined)))
                .onFailure().invoke(e -> LOG.warnf("outbox relay will retry: %s", e.getMessage()))
                .onFailure().recoverWithItem(0);
    }

    /**
     * Whether this transaction holds the relay lock (a transaction-scoped advisory lock, released at commit or when
     * the session dies). With several instances on one database, one relays at a time: rows are neither published
     * twice by two instances at once nor out of order; an instance that finds the lock taken skips this round.
     */
    private static Uni<Boolean> relayLock() {
        return Sql.value(Boolean.class, "select pg_try_advisory_xact_lock($1)", RELAY_LOCK);
    }

    /** The oldest {@value #BATCH} rows not yet published, in commit order (what a send needs of them). */
    private static Uni<List<OutboxMessage>> pending() {
        return Sql.rows("select id, topic, record_key, payload from outbox where published_at is null order by id"
                + " limit $1", (long) BATCH).map(rows -> rows.stream().map(columns -> {
                    OutboxMessage row = new OutboxMessage();
                    row.id = ((Number) columns[0]).longValue();
                    row.topic = (String) columns[1];
                    row.recordKey = (String) columns[2];
                    row.payload = (String) columns[3];
                    return row;
                }).toList());
    }

    /**
     * Hands every row to the producer at once, in commit order, and marks them all published in one statement once
     * the broker has acknowledged each. The idempotent producer keeps the order within a partition with several
     * batches in flight (max.in.flight.requests.per.connection at most 5), so order per key holds.
     */
    private Uni<Integer> publishPipelined(List<OutboxMessage> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Context context = Vertx.currentContext();
        List<Uni<Void>> sends = rows.stream().map(this::send).toList();
        return Uni.join().all(sends).andFailFast()
                // the broker acknowledges on a Kafka thread; the session belongs to this context
                .emitOn(task -> context.runOnContext(ignored -> task.run()))
                .chain(acked -> Sql.update("update outbox set published_at = $1 where id = any($2)", clock.instant(),
                        rows.stream().map(row -> row.id).toArray(Long[]::new)))
                .invoke(() -> rows.forEach(this::published))
                .replaceWith(rows.size());
    }

    /** Counts a published event (committed, so it happened); a checkpoint or unreadable row is not counted. */
    private void published(OutboxMessage row) {
        try {
            metrics.published(EventCodec.decode(row.payload));
        } catch (RuntimeException e) {
            LOG.debugf("outbox row %d not counted: %s", row.id, e.getClass().getName());
        }
    }

    private Uni<Void> send(OutboxMessage row) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", EventEnvelope.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.topic)
                .withKey(row.recordKey)
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(row.payload).addMetadata(metadata));
    }
}
