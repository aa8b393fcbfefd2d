package io.eer.support.outbox;

import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import io.eer.support.observability.EventMetrics;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
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
    private final EventMetrics metrics;

    OutboxRelay(@Channel("outbox") MutinyEmitter<String> emitter, Clock clock, EventMetrics metrics) {
        this.emitter = emitter;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Scheduled(every = "${eer.outbox.poll-interval:0.2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> relayPending() {
        return Panache.withTransaction(() -> relayLock().chain(mine -> !mine
                ? Uni.createFrom().voidItem()
                : OutboxMessage.<OutboxMessage>find("publishedAt is null order by id")
                        .page(0, BATCH)
                        .list()
                        .chain(this::publishInOrder)))
                .onFailure().invoke(e -> LOG.warnf("outbox relay will retry: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * Whether this transaction holds the relay lock (a transaction-scoped advisory lock, released at commit or when
     * the session dies). With several instances on one database, one relays at a time: rows are neither published
     * twice by two instances at once nor out of order; an instance that finds the lock taken skips this round.
     */
    private static Uni<Boolean> relayLock() {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select pg_try_advisory_xact_lock(" + RELAY_LOCK + ")", Boolean.class)
                .getSingleResult());
    }

    private Uni<Void> publishInOrder(List<OutboxMessage> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Context context = Vertx.currentContext();
        return Multi.createFrom().iterable(rows)
                .onItem().transformToUniAndConcatenate(row -> send(row)
                        // the broker acknowledges on a Kafka thread; the session belongs to this context
                        .emitOn(task -> context.runOnContext(ignored -> task.run()))
                        .invoke(() -> {
                            row.publishedAt = clock.instant();
                            published(row);
                        }))
                .collect().last()
                .replaceWithVoid();
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
