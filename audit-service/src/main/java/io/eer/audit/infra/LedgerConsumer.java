package io.eer.audit.infra;

import io.eer.audit.application.AppendToLedger;
import io.eer.audit.domain.ledger.LedgerEntry;
import io.eer.audit.domain.ledger.ReceivedEvent;
import io.eer.audit.projection.LedgerSignal;
import io.eer.contracts.MalformedEventException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes every domain topic (channel {@code ledger}, batch mode: whatever one poll returned, up to
 * {@code max.poll.records}) and appends the batch's CloudEvents to the ledger in one transaction, each with the
 * topic, partition and offset it was read from, in {@link ArrivalOrder}. Records are acknowledged one by one, and
 * only after the append has committed, so an offset is never committed for an event the ledger does not hold.
 *
 * <p>Failures stay per record: bytes that are not a CloudEvent go to the dead-letter topic at once. A batch whose
 * append fails for any other reason (database unavailable, ...) is retried whole with back-off; if it still fails,
 * its events are appended one at a time, so only the one that cannot be recorded goes to the dead-letter topic.
 */
@ApplicationScoped
public class LedgerConsumer {

    private static final Logger LOG = Logger.getLogger(LedgerConsumer.class);

    private final AppendToLedger appendToLedger;
    private final AuditSettings settings;
    private final LedgerSignal signal;

    LedgerConsumer(AppendToLedger appendToLedger, AuditSettings settings, LedgerSignal signal) {
        this.appendToLedger = appendToLedger;
        this.settings = settings;
        this.signal = signal;
    }

    /** A record that parsed as a CloudEvent. */
    private record Parsed(KafkaRecord<String, String> record, ReceivedEvent event) {

        Object partition() {
            return event.topic() + "/" + event.partition();
        }

        Instant timestamp() {
            return metadata(record).getTimestamp();
        }
    }

    @Incoming("ledger")
    Uni<Void> onBatch(KafkaRecordBatch<String, String> batch) {
        List<Parsed> cloudEvents = new ArrayList<>();
        Map<KafkaRecord<String, String>, RuntimeException> malformed = new LinkedHashMap<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                cloudEvents.add(new Parsed(record, parse(record)));
            } catch (RuntimeException e) {
                malformed.put(record, e);
            }
        }
        List<Parsed> parsed = ArrivalOrder.merge(cloudEvents, Parsed::partition, Parsed::timestamp);
        List<ReceivedEvent> events = parsed.stream().map(Parsed::event).toList();
        Executor context = onThisContext();
        Uni<Void> appended = Uni.createFrom().deferred(() -> appendToLedger.execute(events))
                .runSubscriptionOn(context)
                .onFailure(e -> !(e instanceof MalformedEventException)).retry()
                .withBackOff(settings.appendBackoff(), settings.appendMaxBackoff())
                .atMost(settings.appendRetries())
                .map(entries -> {
                    signal(entries);
                    return true;
                })
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("a batch of %d events could not be appended (%s); appending them one by one",
                            events.size(), e.toString());
                    return false;
                })
                .chain(whole -> whole ? acknowledge(parsed) : oneByOne(parsed, context));
        return inTurn(List.copyOf(malformed.entrySet()), bad -> deadLetter(bad.getKey(), bad.getValue()))
                .chain(() -> appended);
    }

    private static ReceivedEvent parse(KafkaRecord<String, String> record) {
        String payload = record.getPayload();
        return ReceivedEvent.parse(record.getTopic(), record.getPartition(), offset(record),
                payload == null ? null : payload.getBytes(StandardCharsets.UTF_8));
    }

    private static long offset(KafkaRecord<String, String> record) {
        return metadata(record).getOffset();
    }

    @SuppressWarnings("unchecked")
    private static IncomingKafkaRecordMetadata<String, String> metadata(KafkaRecord<String, String> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
    }

    /**
     * Runs work on the Vert.x context the batch arrived on: Hibernate Reactive needs that (safe, duplicated) context,
     * and a retry after back-off or a step after a failed transaction would otherwise run elsewhere.
     */
    private static Executor onThisContext() {
        Context context = Vertx.currentContext();
        return command -> context.runOnContext(ignored -> command.run());
    }

    private Uni<Void> oneByOne(List<Parsed> parsed, Executor context) {
        return inTurn(parsed, one -> Uni.createFrom().deferred(() -> appendToLedger.execute(List.of(one.event())))
                .runSubscriptionOn(context)
                .invoke(this::signal)
                .chain(() -> acknowledge(List.of(one)))
                .onFailure().recoverWithUni(e -> deadLetter(one.record(), e)));
    }

    private void signal(List<LedgerEntry> appended) {
        if (!appended.isEmpty()) {
            signal.appended(); // committed: wake the SSE streams
        }
    }

    private static Uni<Void> acknowledge(List<Parsed> parsed) {
        return inTurn(parsed, one -> Uni.createFrom().completionStage(one.record()::ack));
    }

    /** {@code step} for each item in turn, the next started once the previous has completed. */
    private static <T> Uni<Void> inTurn(List<T> items, Function<T, Uni<Void>> step) {
        return Multi.createFrom().iterable(items).onItem().transformToUniAndConcatenate(step::apply)
                .collect().last().replaceWithVoid();
    }

    /** Nacks the record; the channel's failure strategy (dead-letter-queue) sends it to the dead-letter topic. */
    private static Uni<Void> deadLetter(KafkaRecord<String, String> record, Throwable reason) {
        LOG.warnf("not recorded, to the dead-letter topic: %s/%d@%d: %s", record.getTopic(), record.getPartition(),
                offset(record), reason.getMessage());
        return Uni.createFrom().completionStage(() -> record.nack(reason));
    }
}
