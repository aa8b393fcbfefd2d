package io.eer.audit.api;

import static io.eer.audit.api.Ledger.ALERTS;
import static io.eer.audit.api.Ledger.APPROVALS;
import static io.eer.audit.api.Ledger.GRANTS;
import static io.eer.audit.api.Ledger.REQUESTS;
import static io.eer.audit.api.Ledger.REVIEWS;
import static io.eer.audit.api.Ledger.SESSIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.Values.RequestKind;
import io.eer.support.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each alert rule fires on what reaches the ledger: AlertRaised on eer.alerts (through the outbox) and a
 * Slack-compatible POST to the webhook (retried when it fails).
 */
@QuarkusTest
@QuarkusTestResource(WebhookRecorder.class)
class AlertsTest {

    private static TopicProbe probe;
    private static TopicProbe alerts;

    @BeforeAll
    static void probes() {
        probe = new TopicProbe();
        alerts = new TopicProbe(ALERTS);
    }

    @AfterAll
    static void close() {
        probe.close();
        alerts.close();
    }

    private static void record(String topic, EventEnvelope event) {
        probe.publish(topic, event);
        Ledger.awaitLine(event);
    }

    /** The AlertRaised events on eer.alerts for {@code requestId} (their CloudEvent JSON). */
    private static List<JsonNode> alertsFor(String requestId) {
        return alerts.records().stream().map(record -> Ledger.parse(record.value()))
                .filter(event -> event.path("type").asText().equals("io.eer.AlertRaised.v1"))
                .filter(event -> event.path("subject").asText().equals(requestId)).toList();
    }

    private static JsonNode awaitAlert(String requestId, String rule) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> alertsFor(requestId)
                .stream().anyMatch(event -> event.path("data").path("rule").asText().equals(rule)));
        List<JsonNode> raised = alertsFor(requestId).stream()
                .filter(event -> event.path("data").path("rule").asText().equals(rule)).toList();
        assertThat(raised).as("one %s alert", rule).hasSize(1);
        JsonNode alert = raised.get(0);
        assertThat(alert.path("source").asText()).isEqualTo("/eer/audit-service");
        assertThat(alert.path("data").path("requestId").asText()).isEqualTo(requestId);
        assertThat(alert.path("data").path("trigger").asText()).startsWith("ledger:");
        // and the webhook got it, Slack-shaped
        String alertId = alert.path("data").path("alertId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> WebhookRecorder.POSTS.stream()
                .anyMatch(post -> post.status() == 200 && post.body().contains(alertId)));
        WebhookRecorder.Post post = WebhookRecorder.POSTS.stream()
                .filter(p -> p.status() == 200 && p.body().contains(alertId)).findFirst().orElseThrow();
        JsonNode message = Ledger.parse(post.body());
        assertThat(post.contentType()).isEqualTo("application/json");
        assertThat(message.path("text").asText()).contains(rule).contains(requestId);
        assertThat(message.path("blocks").get(0).path("type").asText()).isEqualTo("section");
        return alert;
    }

    private static List<String> rulesFor(String requestId) {
        return alertsFor(requestId).stream().map(event -> event.path("data").path("rule").asText()).toList();
    }

    @Test
    void breakGlassGranted_raisesAnAlert_andTheWebhookIsRetriedUntilItAccepts() {
        String requestId = SocEvents.id("bg");
        String grantId = SocEvents.id("grant");
        Instant now = Instant.now();
        record(REQUESTS, SocEvents.requested(requestId, "flaky-ivy", "core-db", RequestKind.EMERGENCY));
        record(GRANTS, SocEvents.granted(requestId, grantId, "flaky-ivy", "core-db", now, now.plusSeconds(1800)));

        JsonNode alert = awaitAlert(requestId, "break-glass-granted");
        assertThat(alert.path("data").path("severity").asText()).isEqualTo("WARNING");
        String alertId = alert.path("data").path("alertId").asText();
        List<Integer> statuses = WebhookRecorder.POSTS.stream().filter(post -> post.body().contains(alertId))
                .map(WebhookRecorder.Post::status).toList();
        assertThat(statuses).containsExactly(500, 200);

        // the AlertRaised itself reaches the ledger, and raises nothing there (no feedback loop)
        Ledger.awaitLine(requestId, alert.path("id").asText());
        SocEvents.awaitProjectionsCaughtUp();
        assertThat(rulesFor(requestId)).containsExactly("break-glass-granted");

        // a JIT grant is not break-glass
        String jit = SocEvents.id("jit");
        record(REQUESTS, SocEvents.requested(jit, "ivy", "core-db", RequestKind.JIT));
        record(GRANTS, SocEvents.granted(jit, SocEvents.id("grant"), "ivy", "core-db", now, now.plusSeconds(1800)));
        SocEvents.awaitProjectionsCaughtUp();
        assertThat(rulesFor(jit)).isEmpty();
    }

    @Test
    void requesterRefusedThreeTimesInARow_raisesAnAlert_anApprovalResetsTheCount() {
        String requester = "rex-" + UUID.randomUUID();
        String system = "core-db";
        // two refusals, an approval, two refusals: never three in a row
        String first = SocEvents.id("r");
        record(REQUESTS, SocEvents.rejected(first, requester, system));
        String second = SocEvents.id("r");
        record(REQUESTS, SocEvents.requested(second, requester, system, RequestKind.JIT));
        record(APPROVALS, SocEvents.denied(second, "sam"));
        String third = SocEvents.id("r");
        record(REQUESTS, SocEvents.requested(third, requester, system, RequestKind.JIT));
        record(APPROVALS, SocEvents.approved(third, requester, system, "sam"));
        String fourth = SocEvents.id("r");
        record(REQUESTS, SocEvents.rejected(fourth, requester, system));
        String fifth = SocEvents.id("r");
        record(REQUESTS, SocEvents.rejected(fifth, requester, system));
        // the third refusal in a row (a denial this time)
        String sixth = SocEvents.id("r");
        record(REQUESTS, SocEvents.requested(sixth, requester, system, RequestKind.JIT));
        record(APPROVALS, SocEvents.denied(sixth, "sam"));

        JsonNode alert = awaitAlert(sixth, "repeated-refusals");
        assertThat(alert.path("data").path("detail").asText()).contains(requester).contains("3 times");
        for (String earlier : List.of(first, second, third, fourth, fifth)) {
            assertThat(rulesFor(earlier)).as("no alert on %s", earlier).doesNotContain("repeated-refusals");
        }
    }

    @Test
    void tryingToApproveOrReviewOwnAccess_raisesAnAlert() {
        String requestId = SocEvents.id("sod");
        record(REQUESTS, SocEvents.requested(requestId, "jack", "core-db", RequestKind.JIT));
        String attempt = UUID.randomUUID().toString();
        probe.publishRaw(APPROVALS, requestId,
                SocEvents.attemptRefused(requestId, attempt, "jack", "APPROVE", "separation-of-duties"));
        Ledger.awaitLine(requestId, attempt);

        JsonNode alert = awaitAlert(requestId, "self-approval-attempt");
        assertThat(alert.path("data").path("severity").asText()).isEqualTo("CRITICAL");
        assertThat(alert.path("data").path("detail").asText()).contains("jack").contains("APPROVE");

        // a reviewer refused for reviewing their own access, on eer.reviews
        String other = SocEvents.id("sod");
        record(REQUESTS, SocEvents.requested(other, "kim", "core-db", RequestKind.JIT));
        String review = UUID.randomUUID().toString();
        probe.publishRaw(REVIEWS, other,
                SocEvents.attemptRefused(other, review, "kim", "COMPLETE_REVIEW", "separation-of-duties"));
        assertThat(awaitAlert(other, "self-approval-attempt").path("data").path("detail").asText())
                .contains("COMPLETE_REVIEW");
    }

    @Test
    void revocationLaterThanTheThresholdAfterTheDeadline_raisesAnAlert() {
        String requestId = SocEvents.id("late");
        String grantId = SocEvents.id("grant");
        Instant deadline = Instant.now().plus(Duration.ofHours(1)); // in the future: only the revocation can tell
        record(REQUESTS, SocEvents.requested(requestId, "lou", "core-db", RequestKind.JIT));
        record(GRANTS, SocEvents.granted(requestId, grantId, "lou", "core-db", Instant.now(), deadline));
        record(GRANTS, SocEvents.revoked(requestId, grantId, "core-db", deadline.plus(Duration.ofMinutes(6))));

        JsonNode alert = awaitAlert(requestId, "late-revocation");
        assertThat(alert.path("data").path("detail").asText()).contains(grantId).contains("PT6M");

        // revoked within the threshold: nothing
        String onTime = SocEvents.id("late");
        String onTimeGrant = SocEvents.id("grant");
        record(REQUESTS, SocEvents.requested(onTime, "lou", "core-db", RequestKind.JIT));
        record(GRANTS, SocEvents.granted(onTime, onTimeGrant, "lou", "core-db", Instant.now(), deadline));
        record(GRANTS, SocEvents.revoked(onTime, onTimeGrant, "core-db", deadline.plus(Duration.ofMinutes(4))));
        SocEvents.awaitProjectionsCaughtUp();
        assertThat(rulesFor(onTime)).isEmpty();
    }

    @Test
    void grantNeverRevokedLongAfterItsDeadline_raisesTheLateRevocationAlertByTheTimedCheck() {
        String requestId = SocEvents.id("stale");
        String grantId = SocEvents.id("grant");
        Instant now = Instant.now();
        record(REQUESTS, SocEvents.requested(requestId, "max", "core-db", RequestKind.JIT));
        record(GRANTS, SocEvents.granted(requestId, grantId, "max", "core-db", now.minus(Duration.ofHours(2)),
                now.minus(Duration.ofHours(1))));
        assertThat(awaitAlert(requestId, "late-revocation").path("data").path("detail").asText())
                .contains("still not revoked");
    }

    @Test
    void sessionActionAfterTheGrantEnded_raisesAnAlert() {
        String requestId = SocEvents.id("after");
        String grantId = SocEvents.id("grant");
        Instant start = Instant.now();
        Instant deadline = start.plus(Duration.ofHours(1));
        record(REQUESTS, SocEvents.requested(requestId, "ned", "core-db", RequestKind.JIT));
        record(GRANTS, SocEvents.granted(requestId, grantId, "ned", "core-db", start, deadline));
        record(SESSIONS, SocEvents.action(requestId, grantId, "SELECT", "ok", start.plusSeconds(60)));
        record(GRANTS, SocEvents.revoked(requestId, grantId, "core-db", start.plusSeconds(120)));
        record(SESSIONS, SocEvents.action(requestId, grantId, "DROP", "payments", start.plusSeconds(180)));

        JsonNode alert = awaitAlert(requestId, "session-after-grant-end");
        assertThat(alert.path("data").path("detail").asText()).contains("DROP").contains("payments");
        assertThat(alert.path("data").path("severity").asText()).isEqualTo("CRITICAL");
    }

    @Test
    void reviewOverdue_raisesAnAlert_bothStillOpenAndCompletedLate() {
        String open = SocEvents.id("rev");
        record(REQUESTS, SocEvents.requested(open, "ola", "core-db", RequestKind.JIT));
        record(REVIEWS, SocEvents.reviewScheduled(open, SocEvents.id("grant"), SocEvents.id("review"),
                Instant.now().minus(Duration.ofHours(1))));
        assertThat(awaitAlert(open, "review-overdue").path("data").path("detail").asText()).contains("still open");

        String late = SocEvents.id("rev");
        String grantId = SocEvents.id("grant");
        String reviewId = SocEvents.id("review");
        record(REQUESTS, SocEvents.requested(late, "pia", "core-db", RequestKind.JIT));
        record(REVIEWS, SocEvents.reviewScheduled(late, grantId, reviewId, Instant.now().minusMillis(1)));
        record(REVIEWS, SocEvents.reviewCompleted(late, grantId, reviewId, "sam"));
        awaitAlert(late, "review-overdue");

        String inTime = SocEvents.id("rev");
        String inTimeReview = SocEvents.id("review");
        record(REQUESTS, SocEvents.requested(inTime, "pia", "core-db", RequestKind.JIT));
        record(REVIEWS, SocEvents.reviewScheduled(inTime, grantId, inTimeReview, Instant.now().plusSeconds(3600)));
        record(REVIEWS, SocEvents.reviewCompleted(inTime, grantId, inTimeReview, "sam"));
        SocEvents.awaitProjectionsCaughtUp();
        assertThat(rulesFor(inTime)).isEmpty();
    }
}
