package io.eer.support.inbox;

import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.Topics;
import io.eer.contracts.events.DomainEvent;
import io.eer.support.observability.EventMetrics;
import io.eer.support.observability.Traceparent;
import io.eer.support.observability.Tracing;
import io.eer.support.persistence.Transactions;
import io.eer.support.resilience.ResilienceSettings;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Predicate;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * How every EER consumer handles one record (docs/CONVENTIONS.md, "Reading events"): decode the CloudEvent, check
 * that its {@code source} is the topic's producer, then run the handler once per event id
 * ({@link Inbox#once}) in a transaction of its own, and acknowledge the record only after that transaction committed.
 *
 * <p>{@link FailurePolicy} decides what a failure means. A permanent one (malformed record, wrong source, data the
 * database refuses, {@link PermanentFailure}) nacks the record, and the channel's {@code dead-letter-queue} failure
 * strategy writes it to {@code eer.dlq.<service>}. Any other failure re-runs the whole transaction with exponential
 * back-off ({@code eer.resilience.consumer-backoff} up to {@code consumer-max-backoff}) for as long as it takes: the
 * channel hands over the next record only once this one is done, so the partition waits in order and nothing is
 * lost to a database or broker outage.
 *
 * <p>Use from an {@code @Incoming} method that takes {@code Message<String>} and returns its result; or, where a
 * poll's records may share one transaction, from one that takes a {@code KafkaRecordBatch<String, String>}
 * ({@link #consumeBatch}).
 */
@ApplicationScoped
public class EventConsumer {

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    private final Inbox inbox;
    private final ResilienceSettings settings;
    private final EventMetrics metrics;
    private final Tracing tracing;
    private volatile boolean batching;

    EventConsumer(Inbox inbox, ResilienceSettings settings, EventMetrics metrics, Tracing tracing,
            ConsumerSettings consumerSettings) {
        this.inbox = inbox;
        this.settings = settings;
        this.metrics = metrics;
        this.tracing = tracing;
        this.batching = consumerSettings.batch();
    }

    /**
     * Handles {@code message} for a channel that acts on one event type of its topics: {@code handler} runs once per
     * event id inside a transaction; acks or dead-letters. An event of any other type is checked as every record is (a
     * forged one is dead-lettered) and then acknowledged with no transaction and no inbox row, since it changes
     * nothing (in a break-glass lifecycle grant-service acts on two of the three events it reads, and
     * approval-service's {@code grants} channel on none of its two).
     */
    public <E extends DomainEvent> Uni<Void> consume(Message<String> message, Class<E> type,
            Function<E, Uni<Void>> handler) {
        return consume(message, event -> handler.apply(type.cast(event.data())), type::isInstance, onThisContext());
    }

    private Uni<Void> consume(Message<String> message, Function<EventEnvelope, Uni<Void>> handler, Executor context) {
        return consume(message, handler, data -> true, context);
    }

    private Uni<Void> consume(Message<String> message, Function<EventEnvelope, Uni<Void>> handler,
            Predicate<DomainEvent> acted, Executor context) {
        String where = coordinates(message);
        EventEnvelope event;
        try {
            event = decode(message, where);
        } catch (RuntimeException e) {
            return deadLetter(message, where, e);
        }
        if (!acted.test(event.data())) {
            metrics.consumed(event.type());
            return Uni.createFrom().completionStage(message::ack);
        }
        // the trace the event's producer was in continues here: whatever the handler appends carries the same trace id
        Span span = consumerSpan(event, message.getPayload());
        // log lines written while handling it carry the request id (the subject) beside the trace id
        return Tracing.within(span, event.subject(),
                        () -> Transactions.withTransaction(() -> inbox.once(event.id(), () -> handler.apply(event))))
                .runSubscriptionOn(context) // Hibernate Reactive needs the record's context, on every attempt
                .onFailure(e -> !FailurePolicy.permanent(e)).invoke(e -> logRetry(where, e))
                .onFailure(e -> !FailurePolicy.permanent(e)).retry()
                .withBackOff(settings.consumerBackoff(), settings.consumerMaxBackoff()).indefinitely()
                .onItemOrFailure().transformToUni((done, failure) -> {
                    span.end();
                    if (failure == null) {
                        metrics.consumed(event.type());
                        return Uni.createFrom().completionStage(message::ack);
                    }
                    return deadLetter(message, where, failure);
                });
    }

    /**
     * Handles one poll's records ({@code mp.messaging.incoming.<channel>.batch=true}, at most
     * {@code eer.consumer.max-batch}) in ONE transaction: each record is decoded and checked as in {@link #consume},
     * then, in the order the poll returned them (per partition, offset order), each event runs through
     * {@link Inbox#once} and {@code handler} in its own trace context; the transaction commits once and only then are
     * the records acknowledged. A record that is not a CloudEvent or not from the topic's producer goes to the
     * dead-letter topic at once (it is never handled, so its place in the order does not matter).
     *
     * <p>Each handler sees what the ones before it wrote (flushed) and starts with an empty persistence context, as
     * if each had committed on its own. A transient failure (database gone, ...) re-runs the whole batch with back-off
     * for as long as it takes: nothing committed, nothing acknowledged, nothing lost. Any other failure rolls the batch
     * back and handles its records one at a time ({@link #consume}): a permanent failure then dead-letters only its
     * own record and the others commit once each. A crash anywhere leaves each record either uncommitted (redelivered,
     * handled then) or committed with its inbox row (redelivered, skipped).
     *
     * <p>Use only where a handler does nothing outside the transaction that must not be repeated or held up by the
     * other records of the batch (a call to a target system belongs in a single-record channel).
     */
    public Uni<Void> consumeBatch(KafkaRecordBatch<String, String> batch, Function<EventEnvelope, Uni<Void>> handler) {
        List<Message<String>> records = List.copyOf(batch.getRecords());
        Executor context = onThisContext();
        if (!batching || records.size() == 1) {
            return inTurn(records, record -> consume(record, handler, context));
        }
        List<Received> received = new ArrayList<>(records.size());
        List<Uni<Void>> refused = new ArrayList<>();
        for (Message<String> record : records) {
            String where = coordinates(record);
            try {
                EventEnvelope event = decode(record, where);
                received.add(new Received(record, event, consumerSpan(event, record.getPayload())));
            } catch (RuntimeException e) {
                refused.add(Uni.createFrom().deferred(() -> deadLetter(record, where, e)));
            }
        }
        String where = records.size() + " records from " + coordinates(records.get(0));
        Uni<Void> handled = Uni.createFrom().deferred(() -> Transactions.withTransaction(() -> inTurn(received,
                        one -> Tracing.within(one.span(), one.event().subject(),
                                () -> inbox.once(one.event().id(), () -> handler.apply(one.event()))
                                        .chain(EventConsumer::flushAndClear)))))
                .runSubscriptionOn(context)
                .onFailure(FailurePolicy::transientFailure).invoke(e -> logRetry(where, e))
                .onFailure(FailurePolicy::transientFailure).retry()
                .withBackOff(settings.consumerBackoff(), settings.consumerMaxBackoff()).indefinitely()
                .onItemOrFailure().transformToUni((done, failure) -> {
                    received.forEach(one -> one.span().end());
                    if (failure == null) {
                        metrics.batch(received.size(), true);
                        received.forEach(one -> metrics.consumed(one.event().type()));
                        return inTurn(received, one -> Uni.createFrom().completionStage(one.record()::ack));
                    }
                    LOG.warnf("%s: the batch failed (%s); handling its records one at a time", where,
                            FailurePolicy.describe(failure));
                    metrics.batch(received.size(), false);
                    return inTurn(received, one -> Uni.createFrom().deferred(
                            () -> consume(one.record(), handler, context)).runSubscriptionOn(context));
                });
        return inTurn(refused, Function.identity())
                .chain(() -> received.isEmpty() ? Uni.createFrom().voidItem() : handled);
    }

    /**
     * Batch mode on or off at run time (starts as {@code eer.consumer.batch}): how a benchmark compares both in one
     * process; a batch channel with it off handles each record in a transaction of its own.
     */
    public void batching(boolean on) {
        this.batching = on;
    }

    /** A decoded record of a batch and its consumer span. */
    private record Received(Message<String> record, EventEnvelope event, Span span) {
    }

    private static EventEnvelope decode(Message<String> message, String where) {
        EventEnvelope event = EventCodec.decode(message.getPayload() == null ? "" : message.getPayload());
        checkSource(topic(message), event, where);
        return event;
    }

    /** The next handler of a batch starts from the database, as in a transaction of its own. */
    private static Uni<Void> flushAndClear() {
        return Panache.getSession().chain(session -> session.flush().invoke(session::clear));
    }

    /** {@code step} for each item in turn, the next started once the previous has completed. */
    private static <T> Uni<Void> inTurn(List<T> items, Function<T, Uni<Void>> step) {
        return Multi.createFrom().iterable(items).onItem().transformToUniAndConcatenate(step::apply)
                .collect().last().replaceWithVoid();
    }

    /** A consumer span, child of the event's {@code traceparent} when it carries one (a new trace otherwise). */
    private Span consumerSpan(EventEnvelope event, String payload) {
        Span span = tracing.start("consume " + event.type(), SpanKind.CONSUMER, Traceparent.of(payload));
        span.setAttribute("messaging.message.id", event.id());
        return span;
    }

    /**
     * Only the topic's producer may write to it (contracts: {@link Topics#producerOf}); an event with any other
     * {@code source} is forged or misrouted, and acting on it would let anyone with write access to one topic
     * speak for another service.
     */
    static void checkSource(String topic, EventEnvelope event, String where) {
        Optional<String> producer = Topics.producerOf(topic);
        if (producer.isEmpty() || !producer.get().equals(event.source())) {
            // a security event; the claimed source is the record's content and is not logged
            LOG.errorf("SECURITY source-mismatch: %s: the CloudEvent's source is not %s, the topic's producer;"
                    + " refused, to the dead-letter topic", where, producer.orElse("(no producer known)"));
            throw new PermanentFailure("source-mismatch", "the CloudEvent's source is not the producer of " + topic);
        }
    }

    private static void logRetry(String where, Throwable failure) {
        if (FailurePolicy.classify(failure) == FailurePolicy.Kind.TRANSIENT) {
            LOG.warnf("%s waits for a dependency, retrying: %s", where, FailurePolicy.describe(failure));
        } else {
            LOG.errorf("%s failed for an unclassified reason, retrying (the partition waits): %s", where,
                    FailurePolicy.describe(failure));
        }
    }

    /** Nacks the record; the channel's dead-letter-queue failure strategy writes it to the dead-letter topic. */
    private Uni<Void> deadLetter(Message<String> message, String where, Throwable failure) {
        // the kind of failure only; the full reason travels with the record in the dead-letter-reason header
        LOG.errorf("%s to the dead-letter topic: %s", where, FailurePolicy.describe(failure));
        metrics.deadLettered(FailurePolicy.reason(failure));
        return Uni.createFrom().completionStage(() -> message.nack(failure));
    }

    private static String topic(Message<String> message) {
        return metadata(message).map(IncomingKafkaRecordMetadata::getTopic).orElse(null);
    }

    private static String coordinates(Message<String> message) {
        return metadata(message).map(m -> "%s/%d@%d".formatted(m.getTopic(), m.getPartition(), m.getOffset()))
                .orElse("a record");
    }

    @SuppressWarnings("unchecked")
    private static Optional<IncomingKafkaRecordMetadata<Object, Object>> metadata(Message<String> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class).map(m -> m);
    }

    /** The Vert.x context the record arrived on; a retry after back-off would otherwise run on a timer thread. */
    private static Executor onThisContext() {
        Context context = Vertx.currentContext();
        if (context == null) {
            return Runnable::run;
        }
        return command -> context.runOnContext(ignored -> command.run());
    }
}
