package io.eer.support.observability;

import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.AccessExpired;
import io.eer.contracts.events.AccessGranted;
import io.eer.contracts.events.ApprovalTimedOut;
import io.eer.contracts.events.Approved;
import io.eer.contracts.events.Denied;
import io.eer.contracts.events.EmergencyRequested;
import io.eer.contracts.events.GrantFailed;
import io.eer.contracts.events.RequestCancelled;
import io.eer.contracts.events.RequestRejected;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;

/**
 * Domain and technical counters derived from the events themselves, so no service code has to count: every event a
 * service publishes passes {@link #published} (called by {@code OutboxRelay}), every record a consumer handles or
 * dead-letters passes {@link #consumed} / {@link #deadLettered} (called by {@code EventConsumer}). Meter names
 * (Prometheus form): {@code eer_events_published_total{type}}, {@code eer_requests_total{kind,outcome}},
 * {@code eer_expiry_lateness_seconds}, {@code eer_events_consumed_total{type}},
 * {@code eer_dead_letters_total{reason}}.
 */
@ApplicationScoped
public class EventMetrics {

    private final MeterRegistry registry;

    EventMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * An event this service published (the outbox relay calls this once the broker acknowledged it, so only committed
     * events count, once each; a relay crash between acknowledgement and mark may count one twice, as it publishes
     * it twice).
     */
    public void published(EventEnvelope event) {
        Counter.builder("eer.events.published").description("events this service published")
                .tag("type", event.type()).register(registry).increment();
        outcome(event).ifPresent(o -> Counter.builder("eer.requests")
                .description("access requests by kind (submitted ones) and outcome")
                .tag("kind", o.kind()).tag("outcome", o.outcome()).register(registry).increment());
        if (event.data() instanceof AccessExpired expired) {
            // how long after its deadline the grant was actually expired: the expiry timer's lateness
            Timer.builder("eer.expiry.lateness").description("time between a grant's deadline and its expiry")
                    .publishPercentileHistogram().register(registry)
                    .record(Duration.ofMillis(Math.max(0, expired.latenessMillis())));
        }
    }

    /** An event a consumer handled (committed). */
    public void consumed(String type) {
        Counter.builder("eer.events.consumed").description("events this service's consumers handled")
                .tag("type", type == null ? "unknown" : type).register(registry).increment();
    }

    /**
     * A batch a consumer handled ({@code EventConsumer.consumeBatch}): {@code whole} when its records committed in one
     * transaction, false when a failure made it fall back to one record at a time. Meters
     * {@code eer_consumer_batch_records} (records per batch) and {@code eer_consumer_batches_total{outcome}}.
     */
    public void batch(int records, boolean whole) {
        DistributionSummary.builder("eer.consumer.batch.records").description("records per consumed batch")
                .register(registry).record(records);
        Counter.builder("eer.consumer.batches").description("consumed batches, by whether they committed whole")
                .tag("outcome", whole ? "whole" : "one-at-a-time").register(registry).increment();
    }

    /** A record a consumer sent to its dead-letter topic; {@code reason} is a short fixed kind, never content. */
    public void deadLettered(String reason) {
        Counter.builder("eer.dead.letters").description("records sent to the dead-letter topic")
                .tag("reason", reason).register(registry).increment();
    }

    private record Outcome(String kind, String outcome) {
    }

    /** Where an event ends or moves an access request; the kind is known on submission only. */
    private static java.util.Optional<Outcome> outcome(EventEnvelope event) {
        Object data = event.data();
        String outcome = null;
        String kind = "any";
        if (data instanceof EmergencyRequested requested) {
            outcome = "submitted";
            kind = requested.kind() == null ? "any" : requested.kind().name().toLowerCase(Locale.ROOT);
        } else if (data instanceof RequestRejected) {
            outcome = "rejected";
        } else if (data instanceof Approved) {
            outcome = "approved";
        } else if (data instanceof Denied) {
            outcome = "denied";
        } else if (data instanceof ApprovalTimedOut) {
            outcome = "timed-out";
        } else if (data instanceof RequestCancelled) {
            outcome = "cancelled";
        } else if (data instanceof AccessGranted) {
            outcome = "granted";
        } else if (data instanceof GrantFailed) {
            outcome = "grant-failed";
        }
        return outcome == null ? java.util.Optional.empty() : java.util.Optional.of(new Outcome(kind, outcome));
    }
}
