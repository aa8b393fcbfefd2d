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
import io.eer.support.webhook.WebhookSigner;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
        await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                .until(() -> alertsFor(requestId).stream()
                        .anyMatch(event -> event.path("data").path("rule").asText().equals(rule)));
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
        // signed over the exact bytes with the configured secret; any changed byte fails
        WebhookSigner signer = WebhookSigner.withSecret("test-webhook-secret");
        assertThat(post.signature()).matches("t=\\d+,v1=[0-9a-f]{64}");
        assertThat(signer.verify(post.bytes(), post.signature(), Instant.now(), Duration.ofMinutes(5))).isTrue();
        byte[] changed = post.bytes().clone();
        changed[changed.length / 2] ^= 1;
        assertThat(signer.verify(changed, post.signature(), Instant.now(), Duration.ofMinutes(5))).isFalse();
        assertThat(WebhookSigner.withSecret("another-secret").verify(post.bytes(), post.signature(), Instant.now(),
                Duration.ofMinutes(5))).isFalse();
        return alert;
    }

    /** The Slack message the webhook got for {@code alert}. */
    private static JsonNode webhookMessage(JsonNode alert) {
        String alertId = alert.path("data").path("alertId").asText();
        return Ledger.parse(WebhookRecorder.POSTS.stream().filter(p -> p.status() == 200 && p.body().contains(alertId))
                .findFirst().orElseThrow().body());
    }

    /** A CloudEvent of a grant-service type this build has no record for, as grant-service sends it. */
    private static String grantServiceEvent(String type, String requestId, String data) {
        return """
                {"specversion":"1.0","id":"%s","source":"/eer/grant-service","type":"%s","subject":"%s",\
                "time":"%s","data":%s}""".formatted(UUID.randomUUID(), type, requestId, Instant.now(), data);
    }

    @Test
    void hostileSessionActionText_reachesTheWebhookEscaped_andSigned() {
        String requestId = SocEvents.id("hostile");
        String grantId = SocEvents.id("grant");
        Instant start = Instant.now();
        record(REQUESTS, SocEvents.requested(requestId, "eve", "core-db", RequestKind.JIT));
        record(GRANTS, SocEvents.granted(requestId, grantId, "eve", "core-db", start, start.plusSeconds(60)));
        record(GRANTS, SocEvents.revoked(requestId, grantId, "core-db", start.plusSeconds(60)));
        record(SESSIONS, SocEvents.action(requestId, grantId, "<!channel> @here <https://evil.example|reset MFA>",
                "`x` & <@U024BE7LH> http://evil.example/login", start.plusSeconds(120)));

        JsonNode alert = awaitAlert(requestId, "session-after-grant-end");
        // the event and the alert keep the text as it was; only the Slack rendering is escaped
        assertThat(alert.path("data").path("detail").asText()).contains("<!channel> @here");
        JsonNode message = webhookMessage(alert);
        String section = message.path("blocks").get(0).path("text").path("text").asText();
        for (String shown : List.of(section, message.path("text").asText())) {
            assertThat(shown).doesNotContain("<!channel>", "<https://", "<@U024BE7LH>", "@here", "http://evil",
                    "`x`");
            assertThat(shown).contains("&lt;!channel&gt;", "&lt;https:\u2060//evil.example|reset MFA&gt;",
                    "&amp;", "@\u2060here");
        }
        assertThat(message.path("blocks").get(0).path("text").path("verbatim").asBoolean()).isTrue();
        assertThat(message.path("parse").asText()).isEqualTo("none");
    }

    @Test
    void revocationFailing_raisesOneCriticalAlertPerGrant_notPerAttempt() {
        String requestId = SocEvents.id("revfail");
        String grantId = SocEvents.id("grant");
        for (int attempt = 1; attempt <= 3; attempt++) {
            String event = grantServiceEvent("io.eer.RevocationFailed.v1", requestId, """
                    {"grantId":"%s","requestId":"%s","system":"core-db","attempt":%d,\
                    "error":"connection refused (08001)","nextAttemptAt":"%s"}""".formatted(grantId, requestId,
                    attempt, Instant.now().plusSeconds(30L * attempt)));
            probe.publishRaw(GRANTS, requestId, event);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> Ledger.lines().stream()
                .filter(line -> line.at("/event/type").asText().equals("io.eer.RevocationFailed.v1"))
                .filter(line -> line.at("/event/subject").asText().equals(requestId)).count() == 3);
        SocEvents.awaitProjectionsCaughtUp();

        JsonNode alert = awaitAlert(requestId, "revocation-failing");
        assertThat(alert.path("data").path("severity").asText()).isEqualTo("CRITICAL");
        assertThat(alert.path("data").path("detail").asText()).contains(grantId).contains("core-db")
                .contains("08001");
        assertThat(rulesFor(requestId)).containsExactly("revocation-failing");
    }

    @Test
    void orphanLoginRemoved_raisesAHighAlert() {
        String requestId = SocEvents.id("orphan");
        probe.publishRaw(GRANTS, requestId, grantServiceEvent("io.eer.OrphanLoginRemoved.v1", requestId, """
                {"system":"payments-db","account":"eer_ghost_1","reason":"no live grant","removedAt":"%s"}\
                """.formatted(Instant.now())));

        JsonNode alert = awaitAlert(requestId, "orphan-login-removed");
        assertThat(alert.path("data").path("severity").asText()).isEqualTo("HIGH");
        assertThat(alert.path("data").path("detail").asText()).contains("eer_ghost_1").contains("payments-db");
    }

    @Test
    void eventWhoseSourceIsNotItsTopicsProducer_isRecorded_andRaisesForgedSource() {
        String requestId = SocEvents.id("forged");
        String grantId = SocEvents.id("grant");
        Instant now = Instant.now();
        // an AccessGranted on eer.grants claiming to come from request-service (or from the audit service itself)
        EventEnvelope forged = Ledger.envelope("request-service", new io.eer.contracts.events.AccessGranted(grantId,
                requestId, "mallory", "core-db", "db_admin", "postgres", "eer_mallory", now, now.plusSeconds(60)));
        record(GRANTS, forged);
        JsonNode alert = awaitAlert(requestId, "forged-source");
        assertThat(alert.path("data").path("severity").asText()).isEqualTo("CRITICAL");
        assertThat(alert.path("data").path("detail").asText()).contains("/eer/request-service")
                .contains("/eer/grant-service").contains(forged.id());

        String ownSource = SocEvents.id("forged");
        record(GRANTS, Ledger.envelope("audit-service", new io.eer.contracts.events.AccessGranted(
                SocEvents.id("grant"), ownSource, "mallory", "core-db", "db_admin", "postgres", "eer_m", now,
                now.plusSeconds(60))));
        awaitAlert(ownSource, "forged-source");

        // the real producer raises nothing of the kind
        String genuine = SocEvents.id("genuine");
        record(REQUESTS, SocEvents.requested(genuine, "ivy", "core-db", RequestKind.JIT));
        record(GRANTS, SocEvents.granted(genuine, SocEvents.id("grant"), "ivy", "core-db", now, now.plusSeconds(60)));
        SocEvents.awaitProjectionsCaughtUp();
        assertThat(rulesFor(genuine)).isEmpty();
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
    void theWebhookIsPostedOutsideAnyTransaction_theRowIsLeasedNotLocked_whileThePostIsInFlight() throws Exception {
        String requestId = SocEvents.id("held");
        Instant now = Instant.now();
        WebhookRecorder.hold();
        try {
            record(REQUESTS, SocEvents.requested(requestId, "held-ivy", "core-db", RequestKind.EMERGENCY));
            record(GRANTS, SocEvents.granted(requestId, SocEvents.id("grant"), "held-ivy", "core-db", now,
                    now.plusSeconds(1800)));
            // the receiver has the POST and has not answered yet
            await().atMost(Duration.ofSeconds(30)).until(() -> WebhookRecorder.HELD.stream()
                    .anyMatch(body -> body.contains(requestId)));

            try (Connection db = Ledger.jdbc()) {
                db.setAutoCommit(false);
                // no transaction holds the row during the post (the old sender posted under FOR UPDATE: 55P03 here)
                try (PreparedStatement lock = db.prepareStatement("""
                        select attempts, next_attempt_at, delivered_at from alert_notification
                        where payload like ? for update nowait""")) {
                    lock.setString(1, "%" + requestId + "%");
                    try (ResultSet row = lock.executeQuery()) {
                        assertThat(row.next()).isTrue();
                        // leased: the attempt is counted and the row is not due again while the post may last
                        assertThat(row.getInt("attempts")).isEqualTo(1);
                        assertThat(row.getTimestamp("next_attempt_at").toInstant()).isAfter(Instant.now());
                        assertThat(row.getTimestamp("delivered_at")).isNull();
                    }
                }
                db.rollback();
            }
        } finally {
            WebhookRecorder.release();
        }
        // answered: recorded as delivered, in a transaction of its own
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (Connection db = Ledger.jdbc(); PreparedStatement delivered = db.prepareStatement(
                    "select 1 from alert_notification where payload like ? and delivered_at is not null")) {
                delivered.setString(1, "%" + requestId + "%");
                try (ResultSet row = delivered.executeQuery()) {
                    return row.next();
                }
            }
        });
        assertThat(WebhookRecorder.POSTS.stream().filter(post -> post.body().contains(requestId))
                .map(WebhookRecorder.Post::status).toList()).containsExactly(200);
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
                SocEvents.attemptRefused("/eer/review-service", other, review, "kim", "COMPLETE_REVIEW",
                        "separation-of-duties"));
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
