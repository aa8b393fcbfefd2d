package io.eer.support.inbox;

import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.Topics;
import io.eer.support.observability.EventMetrics;
import io.eer.support.observability.Traceparent;
import io.eer.support.observability.Tracing;
import io.eer.support.resilience.ResilienceSettings;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
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
 * <p>Use from an {@code @Incoming} method that takes {@code Message<String>} and returns its result.
 */
@ApplicationScoped
public class EventConsumer {

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    private final Inbox inbox;
    private final ResilienceSettings settings;
    private final EventMetrics metrics;
    private final Tracing tracing;

    EventConsumer(Inbox inbox, ResilienceSettings settings, EventMetrics metrics, Tracing tracing) {
        this.inbox = inbox;
        this.settings = settings;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    /** Handles {@code message}: {@code handler} runs once per event id inside a transaction; acks or dead-letters. */
    public Uni<Void> consume(Message<String> message, Function<EventEnvelope, Uni<Void>> handler) {
        String where = coordinates(message);
        EventEnvelope event;
        try {
            event = EventCodec.decode(message.getPayload() == null ? "" : message.getPayload());
            checkSource(topic(message), event, where);
        } catch (RuntimeException e) {
            return deadLetter(message, where, e);
        }
        Executor context = onThisContext();
        // the trace the event's producer was in continues here: whatever the handler appends carries the same trace id
        Span span = consumerSpan(event, message.getPayload());
        // log lines written while handling it carry the request id (the subject) beside the trace id
        return Tracing.within(span, event.subject(),
                        () -> Panache.withTransaction(() -> inbox.once(event.id(), () -> handler.apply(event))))
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
