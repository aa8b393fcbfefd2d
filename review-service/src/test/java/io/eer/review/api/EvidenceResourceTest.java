package io.eer.review.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.eer.contracts.events.AccessGranted;
import io.eer.contracts.events.AccessRevoked;
import io.eer.contracts.events.Approved;
import io.eer.contracts.events.EmergencyRequested;
import io.eer.contracts.events.ReviewCompleted;
import io.eer.contracts.events.ReviewOverdue;
import io.eer.contracts.events.ReviewScheduled;
import io.eer.contracts.events.SessionActionLogged;
import io.eer.contracts.events.Values.ApprovalMode;
import io.eer.contracts.events.Values.ApprovalPlan;
import io.eer.contracts.events.Values.Decision;
import io.eer.contracts.events.Values.IncidentScope;
import io.eer.contracts.events.Values.MfaEvidence;
import io.eer.contracts.events.Values.Origin;
import io.eer.contracts.events.Values.Principal;
import io.eer.contracts.events.Values.PrincipalType;
import io.eer.contracts.events.Values.RequestKind;
import io.eer.contracts.events.Values.ReviewPlan;
import io.eer.contracts.events.Values.RevocationReason;
import io.eer.support.testing.TestTokens;
import io.eer.support.webhook.WebhookSigner;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The evidence of a review, end to end on the real broker and database: a break-glass access under {@code read_only}
 * whose actions come from the gateway ({@code eer.gateway}), a session agent and the beneficiary; the findings, the
 * attestation the completion waits for, the evidence pack (JSON and HTML), and the overdue reminders.
 */
@QuarkusTest
@QuarkusTestResource(ReviewerWebhookRecorder.class)
class EvidenceResourceTest extends ReviewFixture {

    // erin asks for herself (break-glass); frank approves with MFA; heidi (secops) reviews
    private static final String ERIN = TestTokens.employee("erin", "oncall-dba");
    private static final String HEIDI = TestTokens.employee("heidi", "secops");
    private static final String OSCAR = TestTokens.employee("oscar", "oncall-dba");
    private static final String AUDREY = TestTokens.employee("audrey", "auditors");
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** A break-glass access of erin under {@code role}, granted at {@code grantedAt} for four hours. */
    static void breakGlass(String requestId, String role, Instant grantedAt, Duration dueWithin) {
        breakGlass(requestId, role, grantedAt, dueWithin, null);
    }

    /** The same, the request carrying the incident scope {@code scope} (null: none). */
    static void breakGlass(String requestId, String role, Instant grantedAt, Duration dueWithin,
            IncidentScope scope) {
        publish(REQUESTS, "/eer/request-service", new EmergencyRequested(requestId, RequestKind.EMERGENCY,
                Origin.EMPLOYEE_SELF, new Principal("erin", PrincipalType.EMPLOYEE, List.of("oncall-dba")), "erin",
                "payments-db", role, "payments stuck", "INC-42", Duration.ofHours(4),
                new MfaEvidence(List.of("pwd", "otp"), grantedAt), POLICY,
                new ApprovalPlan(ApprovalMode.EXPEDITED, List.of("secops"), 1),
                new ReviewPlan(List.of("secops"), dueWithin), null, Duration.ofHours(4), "break-glass-dba", scope));
        publish(APPROVALS, "/eer/approval-service", new Approved(requestId, List.of("frank"), ApprovalMode.EXPEDITED,
                Duration.ofHours(4), "erin", "erin", "payments-db", role, POLICY,
                List.of(new Decision("frank", List.of("secops"), grantedAt, "ok",
                        new MfaEvidence(List.of("hwk"), grantedAt.minusSeconds(30)))), null));
        publish(GRANTS, "/eer/grant-service", new AccessGranted("grant-" + requestId, requestId, "erin",
                "payments-db", role, "postgres", "eer_erin_1", grantedAt, grantedAt.plus(Duration.ofHours(4))));
    }

    static void action(String topic, String source, String requestId, String action, String object, Instant at,
            String reportedBy) {
        publish(topic, source, new SessionActionLogged("grant-" + requestId, requestId, "s-1", action, object, at,
                reportedBy));
    }

    static String revoke(String requestId, Instant at) {
        publish(GRANTS, "/eer/grant-service", new AccessRevoked("grant-" + requestId, requestId, "payments-db",
                RevocationReason.REVOKED_EARLY, at, 2, true));
        await().atMost(WAIT).until(() -> published(requestId, ReviewScheduled.class).size() == 1);
        return published(requestId, ReviewScheduled.class).get(0).reviewId();
    }

    static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    static String body(String field, String value) {
        return "{\"%s\":\"%s\"}".formatted(field, value);
    }

    @Test
    void breakGlassReview_showsEvidenceAndFindings_andWaitsForTheBeneficiarysAttestation() {
        String requestId = UUID.randomUUID().toString();
        Instant granted = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofHours(5));
        breakGlass(requestId, "read_only", granted, Duration.ofDays(2));
        action(GATEWAY, "/eer/session-gateway", requestId, "query", "UPDATE payments SET state = 'retry'",
                granted.plusSeconds(60), "gateway-1");
        action(SESSIONS, "/eer/grant-service", requestId, "command", "restarted the payment worker <script>x</script>",
                granted.plusSeconds(120), "self-reported");
        action(SESSIONS, "/eer/grant-service", requestId, "query", "SELECT count(*) FROM payments",
                granted.plusSeconds(180), "agent:pg-agent-7");
        String reviewId = revoke(requestId, granted.plus(Duration.ofHours(1)));

        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(HEIDI).get("/v1/reviews/" + reviewId)
                .then().statusCode(200)
                .body("attestationRequired", equalTo(true))
                .body("automaticFindings.rule", hasItem("outside-role-scope"))
                .body("automaticFindings.rule", hasItem("grant-longer-than-use"))
                // the request named no incident scope: no such finding, whatever the statements touched
                .body("automaticFindings.rule", not(hasItem("outside-incident-scope"))));

        // break-glass: no completion before the beneficiary attested (problem+json naming the rule), nothing published
        given().auth().oauth2(HEIDI).contentType("application/json").body(body("outcome", "ACCESS_APPROPRIATE"))
                .post("/v1/reviews/" + reviewId + "/complete")
                .then().statusCode(409).contentType("application/problem+json")
                .body("violations[0].field", equalTo("attestation"))
                .body("violations[0].rule", equalTo("attestation-required"));
        // only the beneficiary attests
        given().auth().oauth2(HEIDI).contentType("application/json").body(body("statement", "I did it"))
                .post("/v1/reviews/" + reviewId + "/attestation")
                .then().statusCode(403).contentType("application/problem+json")
                .body("violations[0].rule", equalTo("beneficiary-only"));
        given().auth().oauth2(ERIN).contentType("application/json").body(body("statement", " "))
                .post("/v1/reviews/" + reviewId + "/attestation")
                .then().statusCode(400).body("violations[0].field", equalTo("statement"))
                .body("violations[0].rule", equalTo("required"));
        given().auth().oauth2(ERIN).contentType("application/json")
                .body(body("statement", "retried the stuck payments; the UPDATE was needed, read_only was wrong"))
                .post("/v1/reviews/" + reviewId + "/attestation")
                .then().statusCode(200).body("attestedBy", equalTo("erin")).body("status", equalTo("OPEN"));
        given().auth().oauth2(ERIN).contentType("application/json").body(body("statement", "again"))
                .post("/v1/reviews/" + reviewId + "/attestation")
                .then().statusCode(409).body("violations[0].rule", equalTo("attest-once"));
        assertThat(published(requestId, ReviewCompleted.class)).isEmpty();
        // ... and the beneficiary never completes their own review
        given().auth().oauth2(ERIN).contentType("application/json").body(body("outcome", "ACCESS_APPROPRIATE"))
                .post("/v1/reviews/" + reviewId + "/complete").then().statusCode(403);

        given().auth().oauth2(HEIDI).contentType("application/json")
                .body("{\"outcome\":\"FINDINGS_RAISED\",\"findings\":\"write under read_only\"}")
                .post("/v1/reviews/" + reviewId + "/complete").then().statusCode(200)
                .body("status", equalTo("COMPLETED"));
        await().atMost(WAIT).until(() -> published(requestId, ReviewCompleted.class).size() == 1);

        given().auth().oauth2(AUDREY).get("/v1/reviews/" + reviewId + "/evidence")
                .then().statusCode(200).contentType("application/json")
                .body("format", equalTo("eer-review-evidence/1"))
                .body("review.reviewId", equalTo(reviewId))
                .body("request.emergency", equalTo(true))
                .body("request.incident", equalTo("INC-42"))
                .body("approvals[0].decisions[0].approver", equalTo("frank"))
                .body("approvals[0].decisions[0].mfaMethods", contains("hwk"))
                .body("grant.account", equalTo("eer_erin_1"))
                .body("grant.length", equalTo("PT4H"))
                .body("actions.gateway.object", contains("UPDATE payments SET state = 'retry'"))
                .body("actions.agent.reportedBy", contains("agent:pg-agent-7"))
                .body("actions.selfReported.action", contains("command"))
                .body("revocation.reason", equalTo("REVOKED_EARLY"))
                .body("revocation.sessionsTerminated", equalTo(2))
                .body("revocation.confirmed", equalTo(true))
                .body("attestation.by", equalTo("erin"))
                .body("findings.rule", hasItem("outside-role-scope"))
                .body("ledger.status", equalTo("unavailable"));

        String html = given().auth().oauth2(HEIDI).accept("text/html").get("/v1/reviews/" + reviewId + "/evidence")
                .then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<!DOCTYPE html>"))
                .body(containsString("Observed by the session gateway (1)"))
                .body(containsString("Self-reported by the beneficiary (1)"))
                .body(containsString("outside-role-scope"))
                .extract().asString();
        // what was received is text, never markup; the JSON inside has no "<" that could end its script element
        assertThat(html).contains("&lt;script&gt;x&lt;/script&gt;").doesNotContain("<script>x</script>")
                .contains("<script type=\"application/json\" id=\"eer-evidence\">")
                .contains("\\u003cscript>x\\u003c/script>");
    }

    @Test
    void review_showsEveryActionWithItsSource_andFindsGatewayStatementsOutsideTheIncidentScope() {
        String requestId = UUID.randomUUID().toString();
        Instant granted = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofHours(2));
        breakGlass(requestId, "db_admin", granted, Duration.ofDays(2),
                new IncidentScope(List.of("payments.invoices", "payments.refund_*")));
        String grantId = "grant-" + requestId;
        publish(GATEWAY, "/eer/session-gateway", new SessionActionLogged(grantId, requestId, "s-1", "query",
                "payments.invoices,payments.refund_7", granted.plusSeconds(60), "session-gateway", "SELECT",
                "select * from payments.invoices join payments.refund_7 using (id)", false));
        publish(GATEWAY, "/eer/session-gateway", new SessionActionLogged(grantId, requestId, "s-2", "query",
                "users", granted.plusSeconds(120), "session-gateway", "DML", "update users set role = ?", false));
        // a reported action names an object outside the scope too: free text, not judged
        action(SESSIONS, "/eer/grant-service", requestId, "SELECT", "public.users", granted.plusSeconds(180),
                "agent:pg-agent-7");
        action(SESSIONS, "/eer/grant-service", requestId, "command", "restarted the worker",
                granted.plusSeconds(240), "self-reported");
        String reviewId = revoke(requestId, granted.plus(Duration.ofMinutes(30)));

        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(HEIDI).get("/v1/reviews/" + reviewId)
                .then().statusCode(200)
                .body("automaticFindings.findAll { it.rule == 'outside-incident-scope' }.sessions", contains(
                        List.of("s-2")))
                .body("automaticFindings.find { it.rule == 'outside-incident-scope' }.detail",
                        containsString("[users]"))
                .body("actions.source", contains("gateway", "gateway", "agent", "self-reported")));
        // the review itself: its fields as before, then the approvals, the grant window, every action, the receipt
        given().auth().oauth2(HEIDI).get("/v1/reviews/" + reviewId).then().statusCode(200)
                .body("reviewId", equalTo(reviewId))
                .body("status", equalTo("OPEN"))
                .body("approvals[0].decisions[0].approver", equalTo("frank"))
                .body("approvals[0].decisions[0].mfaMethods", contains("hwk"))
                .body("grant.grantedAt", equalTo(granted.toString()))
                .body("grant.expiresAt", equalTo(granted.plus(Duration.ofHours(4)).toString()))
                .body("actions[0].objects", contains("payments.invoices", "payments.refund_7"))
                .body("actions[0].kind", equalTo("SELECT"))
                .body("actions[1].at", equalTo(granted.plusSeconds(120).toString()))
                .body("actions[1].kind", equalTo("DML"))
                .body("actions[1].statement", equalTo("update users set role = ?"))
                .body("actions[1].sessionId", equalTo("s-2"))
                .body("actions[2].objects", contains("public.users"))
                .body("actions[2].kind", nullValue())
                .body("actions[3].reportedBy", equalTo("self-reported"))
                .body("revocation.reason", equalTo("REVOKED_EARLY"))
                .body("revocation.sessionsTerminated", equalTo(2))
                .body("ledger", nullValue());
        given().auth().oauth2(HEIDI).get("/v1/reviews/" + reviewId + "/evidence").then().statusCode(200)
                .body("request.scope", contains("payments.invoices", "payments.refund_*"))
                .body("findings.rule", hasItem("outside-incident-scope"));
    }

    @Test
    void evidence_isForReviewersAndAuditorsOnly() {
        String requestId = UUID.randomUUID().toString();
        breakGlass(requestId, "db_admin", Instant.now().truncatedTo(ChronoUnit.MILLIS), Duration.ofDays(2));
        String reviewId = revoke(requestId, Instant.now().truncatedTo(ChronoUnit.MILLIS));

        given().auth().oauth2(OSCAR).get("/v1/reviews/" + reviewId + "/evidence").then().statusCode(403)
                .contentType("application/problem+json").body("violations[0].rule", equalTo("reviewer-group"));
        given().get("/v1/reviews/" + reviewId + "/evidence").then().statusCode(401);
        given().auth().oauth2(HEIDI).get("/v1/reviews/" + UUID.randomUUID() + "/evidence").then().statusCode(404);
        given().auth().oauth2(HEIDI).get("/v1/reviews/" + reviewId + "/evidence").then().statusCode(200)
                .body("findings.rule", contains("never-used"))
                .body("attestation", nullValue());
    }

    @Test
    void actionArrivingAfterTheReviewWasScheduled_updatesItsFindings() {
        String requestId = UUID.randomUUID().toString();
        Instant granted = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofHours(6));
        breakGlass(requestId, "db_admin", granted, Duration.ofDays(2));
        String reviewId = revoke(requestId, granted.plus(Duration.ofHours(4)));
        given().auth().oauth2(HEIDI).get("/v1/reviews/" + reviewId).then().statusCode(200)
                .body("automaticFindings.rule", contains("never-used"));

        // the gateway's record of a statement run after the deadline arrives late
        action(GATEWAY, "/eer/session-gateway", requestId, "query", "DELETE FROM payments",
                granted.plus(Duration.ofHours(5)), "gateway-1");

        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(HEIDI).get("/v1/reviews/" + reviewId)
                .then().statusCode(200)
                .body("automaticFindings.rule", contains("after-deadline"))
                .body("automaticFindings.rule", not(hasItem("never-used"))));
    }

    @Test
    void overdueReview_isReminded_thenEscalated_andNoLongerOnceCompleted() {
        String requestId = UUID.randomUUID().toString();
        Instant granted = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        breakGlass(requestId, "db_admin", granted, Duration.ofHours(1));
        String reviewId = revoke(requestId, granted);
        given().auth().oauth2(ERIN).contentType("application/json").body(body("statement", "looked, changed nothing"))
                .post("/v1/reviews/" + reviewId + "/attestation").then().statusCode(200);

        clock.advance(Duration.ofHours(1).plusSeconds(1)); // due time passed

        await().atMost(WAIT).untilAsserted(() -> assertThat(published(requestId, ReviewOverdue.class))
                .singleElement().satisfies(overdue -> {
                    assertThat(overdue.reviewId()).isEqualTo(reviewId);
                    assertThat(overdue.reminder()).isEqualTo(1);
                    assertThat(overdue.reviewerGroups()).containsExactly("secops");
                    assertThat(overdue.escalatedTo()).isNull();
                }));
        given().auth().oauth2(HEIDI).get("/v1/reviews/" + reviewId).then().statusCode(200)
                .body("reminders", equalTo(1)).body("overdue", equalTo(true));

        clock.advance(Duration.ofDays(1)); // the reminder interval: the second one escalates (escalate-from=2)
        await().atMost(WAIT).untilAsserted(() -> assertThat(published(requestId, ReviewOverdue.class))
                .hasSize(2).last().satisfies(overdue -> {
                    assertThat(overdue.reminder()).isEqualTo(2);
                    assertThat(overdue.escalatedTo()).containsExactly("eer-admins");
                }));

        // the reviewers were told, on their webhook, signed: when it was due, then each reminder, the last escalated
        WebhookSigner signer = WebhookSigner.withSecret("test-webhook-secret");
        await().atMost(WAIT).untilAsserted(() -> assertThat(ReviewerWebhookRecorder.postsAbout(reviewId))
                .extracting(post -> json(post.body()).path("kind").asText())
                .containsExactly("review-due", "review-overdue", "review-overdue"));
        List<ReviewerWebhookRecorder.Post> posts = ReviewerWebhookRecorder.postsAbout(reviewId);
        assertThat(json(posts.get(0).body()).path("dueAt").asText())
                .isEqualTo(granted.plus(Duration.ofHours(1)).toString());
        assertThat(json(posts.get(2).body()).path("escalatedTo").get(0).asText()).isEqualTo("eer-admins");
        assertThat(signer.verify(posts.get(2).body().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                posts.get(2).signature(), clock.instant(), Duration.ofMinutes(5))).isTrue();

        clock.reset(); // a day on, the test tokens (an hour long) would have expired
        given().auth().oauth2(HEIDI).contentType("application/json").body(body("outcome", "ACCESS_APPROPRIATE"))
                .post("/v1/reviews/" + reviewId + "/complete").then().statusCode(200);
        clock.advance(Duration.ofDays(3)); // past the next reminder time: a completed review gets none
        await().during(Duration.ofSeconds(3)).atMost(WAIT).untilAsserted(() ->
                assertThat(published(requestId, ReviewOverdue.class)).hasSize(2));
    }
}
