package io.eer.support.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.AccessExpired;
import io.eer.contracts.events.AccessGranted;
import io.eer.contracts.events.ApprovalTimedOut;
import io.eer.contracts.events.Approved;
import io.eer.contracts.events.Denied;
import io.eer.contracts.events.DomainEvent;
import io.eer.contracts.events.GrantFailed;
import io.eer.contracts.events.RequestCancelled;
import io.eer.contracts.events.RequestRejected;
import io.eer.contracts.events.Values.ApprovalMode;
import io.eer.contracts.events.Values.PolicyRef;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every counter {@link EventMetrics} keeps moves with the event that should move it (README, "Observability"): the
 * published count by type, {@code eer_requests_total} for each outcome, the expiry lateness histogram, consumed and
 * dead-lettered records. Each service's ObservabilityTest shows the same meters at {@code /q/metrics}.
 */
class EventMetricsTest {

    private static final PolicyRef POLICY = new PolicyRef("eer-local", "1");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EventMetrics metrics = new EventMetrics(registry);

    @Test
    void eachRequestOutcome_countsOnce_underItsOwnLabel() {
        Instant now = Instant.parse("2026-12-05T12:00:00Z");
        List<DomainEvent> outcomes = List.of(
                new RequestRejected("r1", null, "payments-db", "db_admin", List.of(), POLICY),
                new Approved("r2", List.of("policy:break-glass-dba"), ApprovalMode.PRE_APPROVED, Duration.ofMinutes(5),
                        "carol", "carol", "payments-db", "db_admin", POLICY),
                new Denied("r3", "alice", "no incident", POLICY),
                new ApprovalTimedOut("r4", List.of("secops")),
                new RequestCancelled("r5", "carol"),
                new AccessGranted("g6", "r6", "carol", "payments-db", "db_admin", "postgres", "eer_carol", now,
                        now.plusSeconds(60)),
                new GrantFailed("r7", "payments-db", "postgres", "ConnectException"));
        outcomes.forEach(event -> metrics.published(envelope(event)));

        for (String outcome : List.of("rejected", "approved", "denied", "timed-out", "cancelled", "granted",
                "grant-failed")) {
            assertThat(registry.get("eer.requests").tag("kind", "any").tag("outcome", outcome).counter().count())
                    .as(outcome).isEqualTo(1.0);
        }
        assertThat(registry.get("eer.events.published").tag("type", "io.eer.Approved.v1").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void accessExpired_recordsItsLateness_andIsNoRequestOutcome() {
        Instant deadline = Instant.parse("2026-12-05T12:00:00Z");
        metrics.published(envelope(new AccessExpired("g1", "r1", deadline, deadline.plusMillis(1500), 1500)));

        var lateness = registry.get("eer.expiry.lateness").timer();
        assertThat(lateness.count()).isEqualTo(1);
        assertThat(lateness.max(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(1500.0);
        assertThat(registry.find("eer.requests").counters()).isEmpty();
    }

    @Test
    void consumedAndDeadLettered_countByTypeAndReason() {
        metrics.consumed("io.eer.AccessGranted.v1");
        metrics.consumed("io.eer.AccessGranted.v1");
        metrics.consumed(null);
        metrics.deadLettered("malformed-event");

        assertThat(registry.get("eer.events.consumed").tag("type", "io.eer.AccessGranted.v1").counter().count())
                .isEqualTo(2.0);
        assertThat(registry.get("eer.events.consumed").tag("type", "unknown").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("eer.dead.letters").tag("reason", "malformed-event").counter().count())
                .isEqualTo(1.0);
    }

    private static EventEnvelope envelope(DomainEvent event) {
        return EventEnvelope.of(UUID.randomUUID().toString(), "/eer/test-service", Instant.now(), event);
    }
}
