package io.eer.audit.ledger.infra.in;

import io.eer.audit.ledger.config.AuditSettings;

import io.eer.audit.ledger.application.AppendToLedger;
import io.eer.audit.ledger.application.DeadLetterAlarm;
import io.eer.audit.ledger.domain.LedgerAppended;
import io.eer.ledger.format.LedgerEntry;
import io.eer.ledger.format.ReceivedEvent;
import io.eer.support.inbox.FailurePolicy;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
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
 * append fails for another reason is retried whole with back-off (unless the database refused a record's data);
 * then its events are appended one at a time: one the database refuses goes to the dead-letter topic, any other
 * failure (database unavailable, ...) is retried until it succeeds. Every dead letter raises an alert. What counts
 * as the record's own fault is service-support's {@link FailurePolicy}, the classification every consumer uses.
 */
@ApplicationScoped
public class LedgerConsumer {

    private static final Logger LOG = Logger.getLogger(LedgerConsumer.class);

    private final AppendToLedger appendToLedger;
    private final AuditSettings settings;
    private final Event<LedgerAppended> appendedEvent;
    private final Instance<DeadLetterAlarm> alarms;

    // followers are told through an event and an interface the ledger owns, so the ledger never depends on insight
    LedgerConsumer(AppendToLedger appendToLedger, AuditSettings settings, Event<LedgerAppended> appendedEvent,
            Instance<DeadLetterAlarm> alarms) {
        this.appendToLedger = appendToLedger;
        this.settings = settings;
        this.appendedEvent = appendedEvent;
        this.alarms = alarms;
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
                .onFailure(e -> !FailurePolicy.refusedRecord(e)).retry()
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
        return inTurn(List.copyOf(malformed.entrySet()),
                bad -> deadLetter(bad.getKey(), "not a CloudEvent", bad.getValue(), context))
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

    /**
     * Appends each event on its own. One the database refuses (its data, not the database's state) goes to the
     * dead-letter topic with an alert; any other failure (database unavailable, permissions, ...) is retried until
     * it succeeds: the ledger waits rather than lose an event it could record later.
     */
    private Uni<Void> oneByOne(List<Parsed> parsed, Executor context) {
        return inTurn(parsed, one -> Uni.createFrom().deferred(() -> appendToLedger.execute(List.of(one.event())))
                .runSubscriptionOn(context)
                .onFailure(e -> !FailurePolicy.refusedRecord(e)).invoke(e -> LOG.errorf(
                        "the ledger waits: %s/%d@%d cannot be appended yet, retrying: %s", one.event().topic(),
                        one.event().partition(), one.event().offset(), e.toString()))
                .onFailure(e -> !FailurePolicy.refusedRecord(e)).retry()
                .withBackOff(settings.appendBackoff(), settings.appendMaxBackoff()).indefinitely()
                .invoke(this::signal)
                .chain(() -> acknowledge(List.of(one)))
                .onFailure().recoverWithUni(e -> deadLetter(one.record(), "refused by the database (SQLSTATE "
                        + FailurePolicy.sqlState(e).orElse("none") + ")", e, context)));
    }

    private void signal(List<LedgerEntry> appended) {
        if (!appended.isEmpty()) {
            // committed: wake the followers (insight's SSE streams)
            appendedEvent.fire(new LedgerAppended(appended.get(0).index(), appended.size()));
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

    /**
     * Nacks the record, so the channel's failure strategy (dead-letter-queue) sends it to the dead-letter topic, then
     * tells the {@link DeadLetterAlarm} (insight raises {@code ledger-dead-letter}): the alert comes back into the
     * ledger through {@code eer.alerts},
     * so the ledger itself says which record it lacks.
     */
    private Uni<Void> deadLetter(KafkaRecord<String, String> record, String why, Throwable reason, Executor context) {
        String coordinates = "%s/%d@%d".formatted(record.getTopic(), record.getPartition(), offset(record));
        // the kind of failure only: a parser's message may quote the record, which may hold anything (the full
        // reason travels with the record, in the dead-letter topic's dead-letter-reason header)
        LOG.errorf("not recorded, to the dead-letter topic: %s: %s (%s)", coordinates, why,
                reason.getClass().getName());
        String requestId = record.getKey() == null || record.getKey().isBlank() ? "unknown" : record.getKey();
        return Uni.createFrom().completionStage(() -> record.nack(reason))
                .emitOn(context) // the nack completes on a Kafka thread; the alert's transaction needs the context
                .chain(() -> alarms.isResolvable()
                        ? Panache.withTransaction(() -> alarms.get().deadLettered(requestId, coordinates, why))
                        : Uni.createFrom().voidItem())
                .onFailure().invoke(e -> LOG.errorf("no alert for the dead letter %s: %s", coordinates, e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
