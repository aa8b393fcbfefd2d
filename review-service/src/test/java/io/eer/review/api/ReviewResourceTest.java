package io.eer.review.api;

import io.eer.contracts.EventEnvelope;
import io.eer.support.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.AccessRevoked;
import io.eer.contracts.events.Approved;
import io.eer.contracts.events.AttemptRefused;
import io.eer.contracts.events.EmergencyRequested;
import io.eer.contracts.events.ReviewCompleted;
import io.eer.contracts.events.ReviewOverdue;
import io.eer.contracts.events.ReviewScheduled;
import io.eer.contracts.events.Values.ApprovalMode;
import io.eer.contracts.events.Values.ApprovalPlan;
import io.eer.contracts.events.Values.MfaEvidence;
import io.eer.contracts.events.Values.Origin;
import io.eer.contracts.events.Values.Principal;
import io.eer.contracts.events.Values.PrincipalType;
import io.eer.contracts.events.Values.RequestKind;
import io.eer.contracts.events.Values.ReviewOutcome;
import io.eer.contracts.events.Values.ReviewPlan;
import io.eer.contracts.events.Values.RevocationReason;
import io.eer.review.application.RebuildReviews;
import io.eer.support.testing.TestTokens;
import java.util.Optional;
import io.eer.support.testing.MetricsScrape;
import io.eer.support.testing.TopicProbe;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Drives the review service as the other services would: upstream events on the {@code test-review.} topics, REST
 * calls with signed tokens; reads what it publishes on {@code test-review.eer.reviews}.
 */
@QuarkusTest
class ReviewResourceTest extends ReviewFixture {

    // dave (on call, also in secops) asks for erin; frank approves; heidi (secops) reviews
    private static final String DAVE = TestTokens.employee("dave", "oncall-dba", "secops");
    private static final String ERIN = TestTokens.employee("erin", "oncall-dba", "secops");
    private static final String FRANK = TestTokens.employee("frank", "secops");
    private static final String HEIDI = TestTokens.employee("heidi", "secops");
    private static final String OSCAR = TestTokens.employee("oscar", "oncall-dba");
    private static final String AUDREY = TestTokens.employee("audrey", "auditors");

    @Inject
    AgroalDataSource database;
    @Inject
    RebuildReviews rebuildReviews;

    @Test
    void overdueReviews_gauge_countsAnOpenReviewPastItsDueTime() throws Exception {
        double before = await().atMost(WAIT).until(this::overdueGaugeIfCurrent, Optional::isPresent).get();

        // access that ended 400 days ago: its review was due long since
        String requestId = UUID.randomUUID().toString();
        publishRequested(requestId);
        publishApproved(requestId);
        publishRevoked("grant-" + requestId, requestId, Instant.now().minus(Duration.ofDays(400))
                .truncatedTo(ChronoUnit.MILLIS));
        await().atMost(WAIT).until(() -> scheduledFor(requestId).size() == 1);

        await().atMost(WAIT).untilAsserted(() -> assertThat(overdueGaugeIfCurrent())
                .hasValueSatisfying(after -> assertThat(after).isGreaterThanOrEqualTo(before + 1)));
    }

    /** eer_overdue_reviews when it equals what its query answers now (it refreshes every 0.2 s in tests). */
    private Optional<Double> overdueGaugeIfCurrent() throws SQLException {
        long overdue = count("select count(*) from review where status = 'OPEN' and due_at < ?",
                java.time.OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC));
        return MetricsScrape.sample("eer_overdue_reviews").filter(gauge -> gauge == overdue);
    }

    // ---- upstream events, as request-, approval- and grant-service publish them

    static EmergencyRequested requested(String requestId) {
        return requested(requestId, new ReviewPlan(List.of("secops"), Duration.ofDays(2)));
    }

    static EmergencyRequested requested(String requestId, ReviewPlan plan) {
        Instant now = Instant.now();
        return new EmergencyRequested(requestId, RequestKind.JIT, Origin.ON_BEHALF,
                new Principal("dave", PrincipalType.EMPLOYEE, List.of("oncall-dba", "secops")), "erin",
                "payments-db", "db_admin", "month-end fix", "INC-7", Duration.ofMinutes(30),
                new MfaEvidence(List.of("pwd", "mfa", "otp"), now), POLICY,
                new ApprovalPlan(ApprovalMode.STANDARD, List.of("secops"), 1), plan);
    }

    static Approved approved(String requestId) {
        return new Approved(requestId, List.of("frank"), ApprovalMode.STANDARD, Duration.ofMinutes(30), "dave", "erin",
                "payments-db", "db_admin", POLICY);
    }

    static AccessRevoked revoked(String grantId, String requestId, Instant at) {
        return new AccessRevoked(grantId, requestId, "payments-db", RevocationReason.EXPIRED, at, 1, true);
    }

    static EventEnvelope publishRequested(String requestId) {
        return publish(REQUESTS, "/eer/request-service", requested(requestId));
    }

    static EventEnvelope publishApproved(String requestId) {
        return publish(APPROVALS, "/eer/approval-service", approved(requestId));
    }

    static EventEnvelope publishRevoked(String grantId, String requestId, Instant at) {
        return publish(GRANTS, "/eer/grant-service", revoked(grantId, requestId, at));
    }

    static List<ReviewScheduled> scheduledFor(String requestId) {
        return published(requestId, ReviewScheduled.class);
    }

    static List<AttemptRefused> refusedFor(String requestId) {
        return published(requestId, AttemptRefused.class);
    }

    static List<ReviewCompleted> completedFor(String requestId) {
        return published(requestId, ReviewCompleted.class);
    }

    /** A request whose access ended: returns the id of its scheduled review. */
    static String reviewOfEndedAccess(String requestId) {
        publishRequested(requestId);
        publishApproved(requestId);
        publishRevoked("grant-" + requestId, requestId, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        await().atMost(WAIT).until(() -> scheduledFor(requestId).size() == 1);
        return scheduledFor(requestId).get(0).reviewId();
    }

    // ---- what the service did, read from its database

    long count(String sql, Object... parameters) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /** Every event handled by the consumer and every event it caused published by the outbox relay. */
    void awaitSettled(String requestId, EventEnvelope... handled) {
        await().atMost(WAIT).untilAsserted(() -> {
            for (EventEnvelope event : handled) {
                assertThat(count("select count(*) from processed_event where event_id = ?", event.id()))
                        .as("event %s handled", event.id()).isEqualTo(1);
            }
            assertThat(count("select count(*) from outbox where record_key = ? and published_at is null", requestId))
                    .isZero();
        });
    }

    static String complete(String outcome, String findings) {
        return findings == null ? "{\"outcome\":\"%s\"}".formatted(outcome)
                : "{\"outcome\":\"%s\",\"findings\":\"%s\"}".formatted(outcome, findings);
    }

    // ---- scheduling

    @Test
    void accessRevoked_afterRequestAndApproval_schedulesReviewExcludingEveryoneInvolved() {
        String requestId = UUID.randomUUID().toString();
        Instant revokedAt = Instant.parse("2026-03-01T09:30:00.123Z");
        publishRequested(requestId);
        publishApproved(requestId);
        publishRevoked("grant-" + requestId, requestId, revokedAt);

        await().atMost(WAIT).untilAsserted(() -> assertThat(scheduledFor(requestId)).singleElement()
                .satisfies(scheduled -> {
                    assertThat(scheduled.grantId()).isEqualTo("grant-" + requestId);
                    assertThat(scheduled.requestId()).isEqualTo(requestId);
                    assertThat(scheduled.reviewerGroups()).containsExactly("secops");
                    assertThat(scheduled.excludedReviewers()).containsExactly("dave", "erin", "frank");
                    assertThat(scheduled.dueAt()).isEqualTo(revokedAt.plus(Duration.ofDays(2)));
                }));
        String reviewId = scheduledFor(requestId).get(0).reviewId();
        // one ReviewScheduled, from review-service (its due time lies in the past, so ReviewOverdue reminders follow)
        assertThat(probe.events()).filteredOn(e -> e.subject().equals(requestId))
                .filteredOn(e -> e.data() instanceof ReviewScheduled).singleElement()
                .satisfies(e -> assertThat(e.source()).isEqualTo("/eer/review-service"));

        given().auth().oauth2(HEIDI).get("/v1/reviews/" + reviewId)
                .then().statusCode(200)
                .body("reviewId", equalTo(reviewId))
                .body("grantId", equalTo("grant-" + requestId))
                .body("requestId", equalTo(requestId))
                .body("requester", equalTo("dave"))
                .body("beneficiary", equalTo("erin"))
                .body("system", equalTo("payments-db"))
                .body("role", equalTo("db_admin"))
                .body("approvers", contains("frank"))
                .body("reviewerGroups", contains("secops"))
                .body("dueAt", equalTo("2026-03-03T09:30:00.123Z"))
                .body("status", equalTo("OPEN"))
                .body("outcome", nullValue())
                .body("findings", nullValue())
                .body("reviewer", nullValue());
        given().auth().oauth2(HEIDI).get("/v1/reviews?limit=1000")
                .then().statusCode(200).body("reviewId", hasItem(reviewId));
    }

    @Test
    void accessRevoked_beforeRequestContext_isKeptAndScheduledOnceContextArrives() throws SQLException {
        String requestId = UUID.randomUUID().toString();
        Instant revokedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        EventEnvelope revoked = publishRevoked("grant-" + requestId, requestId, revokedAt);
        awaitSettled(requestId, revoked);
        assertThat(count("select count(*) from review where request_id = ?", requestId)).isZero();
        assertThat(count("select count(*) from review_input where request_id = ?", requestId)).isEqualTo(1);

        EventEnvelope requested = publishRequested(requestId);
        EventEnvelope approved = publishApproved(requestId);
        awaitSettled(requestId, requested, approved);

        await().atMost(WAIT).during(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(scheduledFor(requestId))
                .singleElement().satisfies(scheduled -> {
                    assertThat(scheduled.grantId()).isEqualTo("grant-" + requestId);
                    assertThat(scheduled.excludedReviewers()).containsExactly("dave", "erin", "frank");
                    assertThat(scheduled.dueAt()).isEqualTo(revokedAt.plus(Duration.ofDays(2)));
                }));
        assertThat(count("select count(*) from review where grant_id = ?", "grant-" + requestId)).isEqualTo(1);
    }

    @Test
    void accessRevoked_twice_schedulesOneReview() throws SQLException {
        String requestId = UUID.randomUUID().toString();
        String grantId = "grant-" + requestId;
        Instant revokedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        EventEnvelope requested = publishRequested(requestId);
        EventEnvelope approved = publishApproved(requestId);
        EventEnvelope revoked = publishRevoked(grantId, requestId, revokedAt);
        probe.publish(GRANTS, revoked); // redelivered: same event id
        EventEnvelope again = publishRevoked(grantId, requestId, revokedAt.plusSeconds(60)); // same grant, new id
        awaitSettled(requestId, requested, approved, revoked, again);

        await().atMost(WAIT).during(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(scheduledFor(requestId))
                .singleElement()
                .satisfies(scheduled -> assertThat(scheduled.dueAt()).isEqualTo(revokedAt.plus(Duration.ofDays(2)))));
        assertThat(count("select count(*) from review where grant_id = ?", grantId)).isEqualTo(1);
    }

    @Test
    void consumer_whenEventMalformed_deadLettersItAndCarriesOn() {
        String requestId = UUID.randomUUID().toString();
        // no source, subject, time or data: cannot be read, must not block the partition it shares with the grant
        String poison = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID()
                + "\",\"type\":\"io.eer.AccessRevoked.v1\"}";
        try (TopicProbe deadLetters = new TopicProbe(DEAD_LETTERS)) {
            probe.publishRaw(GRANTS, requestId, poison);
            String reviewId = reviewOfEndedAccess(requestId);

            assertThat(reviewId).isNotBlank();
            await().atMost(WAIT).untilAsserted(() -> assertThat(deadLetters.records())
                    .anySatisfy(record -> assertThat(record.value()).isEqualTo(poison)));
        }
    }

    // ---- completing

    @Test
    void complete_whenRequester_isForbidden() {
        String requestId = UUID.randomUUID().toString();
        String reviewId = reviewOfEndedAccess(requestId);

        given().auth().oauth2(DAVE).contentType("application/json").body(complete("ACCESS_APPROPRIATE", null))
                .post("/v1/reviews/" + reviewId + "/complete")
                .then().statusCode(403).contentType("application/problem+json")
                .body("violations[0].rule", equalTo("separation-of-duties"))
                .body("violations[0].field", equalTo("reviewer"));

        given().auth().oauth2(HEIDI).get("/v1/reviews/" + reviewId)
                .then().statusCode(200).body("status", equalTo("OPEN")).body("reviewer", nullValue());
        await().atMost(WAIT).untilAsserted(() -> assertThat(refusedFor(requestId)).singleElement()
                .satisfies(refused -> {
                    assertThat(refused.actor().id()).isEqualTo("dave");
                    assertThat(refused.action()).isEqualTo("COMPLETE_REVIEW");
                    assertThat(refused.rule()).isEqualTo("separation-of-duties");
                    assertThat(refused.policy()).isEqualTo(POLICY);
                }));
    }

    @Test
    void complete_whenBeneficiary_isForbidden() {
        String requestId = UUID.randomUUID().toString();
        String reviewId = reviewOfEndedAccess(requestId);

        given().auth().oauth2(ERIN).contentType("application/json").body(complete("ACCESS_APPROPRIATE", null))
                .post("/v1/reviews/" + reviewId + "/complete")
                .then().statusCode(403).body("violations[0].rule", equalTo("separation-of-duties"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(refusedFor(requestId))
                .extracting(r -> r.actor().id() + "/" + r.action() + "/" + r.rule())
                .containsExactly("erin/COMPLETE_REVIEW/separation-of-duties"));
    }

    @Test
    void complete_whenApprover_isForbidden() {
        String requestId = UUID.randomUUID().toString();
        String reviewId = reviewOfEndedAccess(requestId);

        given().auth().oauth2(FRANK).contentType("application/json")
                .body(complete("FINDINGS_RAISED", "looked fine to me"))
                .post("/v1/reviews/" + reviewId + "/complete")
                .then().statusCode(403).contentType("application/problem+json")
                .body("violations[0].rule", equalTo("separation-of-duties"));

        given().auth().oauth2(HEIDI).get("/v1/reviews/" + reviewId)
                .then().statusCode(200).body("status", equalTo("OPEN"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(refusedFor(requestId))
                .extracting(r -> r.actor().id() + "/" + r.action() + "/" + r.rule())
                .containsExactly("frank/COMPLETE_REVIEW/separation-of-duties"));
    }

    @Test
    void complete_whenNotInReviewerGroup_isForbidden() {
        String requestId = UUID.randomUUID().toString();
        String reviewId = reviewOfEndedAccess(requestId);

        given().auth().oauth2(OSCAR).contentType("application/json").body(complete("ACCESS_APPROPRIATE", null))
                .post("/v1/reviews/" + reviewId + "/complete")
                .then().statusCode(403).body("violations[0].rule", equalTo("reviewer-group"));
        given().auth().oauth2(AUDREY).contentType("application/json").body(complete("ACCESS_APPROPRIATE", null))
                .post("/v1/reviews/" + reviewId + "/complete")
                .then().statusCode(403).body("violations[0].rule", equalTo("reviewer-group"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(refusedFor(requestId))
                .extracting(r -> r.actor().id() + "/" + r.rule())
                .containsExactly("oscar/reviewer-group", "audrey/reviewer-group"));
        given().auth().oauth2(HEIDI).get("/v1/reviews/" + reviewId)
                .then().statusCode(200).body("status", equalTo("OPEN"));
    }

    @Test
    void breakGlassAccess_getsAMandatoryReview_otherAccessDoesNot() {
        String breakGlass = UUID.randomUUID().toString();
        publishRequested(breakGlass);
        publish(APPROVALS, "/eer/approval-service", new Approved(breakGlass, List.of("policy:eer-local@2026-11-26.1"),
                ApprovalMode.PRE_APPROVED, Duration.ofMinutes(30), "dave", "erin", "payments-db", "db_admin", POLICY));
        publishRevoked("grant-" + breakGlass, breakGlass, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        await().atMost(WAIT).until(() -> scheduledFor(breakGlass).size() == 1);
        String standard = UUID.randomUUID().toString();
        String standardReview = reviewOfEndedAccess(standard);

        given().auth().oauth2(HEIDI).get("/v1/reviews/" + scheduledFor(breakGlass).get(0).reviewId())
                .then().statusCode(200).body("mandatory", equalTo(true))
                .body("mandatoryReason", equalTo("break-glass"));
        given().auth().oauth2(HEIDI).get("/v1/reviews/" + standardReview)
                .then().statusCode(200).body("mandatory", equalTo(false))
                .body("mandatoryReason", nullValue());
    }

    @Test
    void complete_bySecopsMember_publishesReviewCompleted_once() throws SQLException {
        String requestId = UUID.randomUUID().toString();
        String reviewId = reviewOfEndedAccess(requestId);

        given().auth().oauth2(HEIDI).contentType("application/json")
                .body(complete("FINDINGS_RAISED", "ran DDL outside the incident scope"))
                .post("/v1/reviews/" + reviewId + "/complete")
                .then().statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("outcome", equalTo("FINDINGS_RAISED"))
                .body("findings", equalTo("ran DDL outside the incident scope"))
                .body("reviewer", equalTo("heidi"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(completedFor(requestId)).singleElement()
                .isEqualTo(new ReviewCompleted(reviewId, "grant-" + requestId, requestId,
                        ReviewOutcome.FINDINGS_RAISED, "ran DDL outside the incident scope", "heidi")));
        given().auth().oauth2(HEIDI).get("/v1/reviews/" + reviewId)
                .then().statusCode(200).body("status", equalTo("COMPLETED")).body("reviewer", equalTo("heidi"));
        given().auth().oauth2(HEIDI).get("/v1/reviews?status=completed&limit=1000")
                .then().statusCode(200).body("reviewId", hasItem(reviewId));
        given().auth().oauth2(HEIDI).get("/v1/reviews?limit=1000")
                .then().statusCode(200).body("reviewId", not(hasItem(reviewId)));

        given().auth().oauth2(TestTokens.employee("ivan", "secops")).contentType("application/json")
                .body(complete("ACCESS_APPROPRIATE", null))
                .post("/v1/reviews/" + reviewId + "/complete")
                .then().statusCode(409).contentType("application/problem+json")
                .body("violations[0].rule", equalTo("complete-once"));
        assertThat(count("select count(*) from domain_event where aggregate_id = ?", reviewId)).isEqualTo(2);
    }

    @Test
    void complete_withBadOutcomeOrMissingFindings_isBadRequest() {
        String reviewId = reviewOfEndedAccess(UUID.randomUUID().toString());

        given().auth().oauth2(HEIDI).contentType("application/json").body(complete("LOOKS_OK", null))
                .post("/v1/reviews/" + reviewId + "/complete")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("outcome"))
                .body("violations[0].rule", equalTo("one-of"));
        given().auth().oauth2(HEIDI).contentType("application/json").body("{\"findings\":\"x\"}")
                .post("/v1/reviews/" + reviewId + "/complete")
                .then().statusCode(400).body("violations[0].field", equalTo("outcome"));
        given().auth().oauth2(HEIDI).contentType("application/json").body(complete("ACCESS_MISUSED", null))
                .post("/v1/reviews/" + reviewId + "/complete")
                .then().statusCode(400).body("violations[0].field", equalTo("findings"))
                .body("violations[0].rule", equalTo("required"));
        given().auth().oauth2(HEIDI).contentType("application/json")
                .body(complete("ACCESS_MISUSED", "x".repeat(4001)))
                .post("/v1/reviews/" + reviewId + "/complete")
                .then().statusCode(400).body("violations[0].field", equalTo("findings"))
                .body("violations[0].rule", equalTo("max-length"));
        given().auth().oauth2(HEIDI).contentType("application/json").body("{\"outcome\": ")
                .post("/v1/reviews/" + reviewId + "/complete")
                .then().statusCode(400).body("violations[0].rule", equalTo("json-syntax"));

        given().auth().oauth2(HEIDI).get("/v1/reviews/" + reviewId)
                .then().statusCode(200).body("status", equalTo("OPEN"));
    }

    @Test
    void complete_unknownReview_isNotFound() {
        given().auth().oauth2(HEIDI).contentType("application/json").body(complete("ACCESS_APPROPRIATE", null))
                .post("/v1/reviews/" + UUID.randomUUID() + "/complete")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(HEIDI).get("/v1/reviews/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    // ---- reading

    @Test
    void list_showsReviewsOnlyToReviewerGroupsAndAuditors() {
        String reviewId = reviewOfEndedAccess(UUID.randomUUID().toString());

        given().auth().oauth2(HEIDI).get("/v1/reviews?status=open&limit=1000")
                .then().statusCode(200).body("reviewId", hasItem(reviewId));
        given().auth().oauth2(AUDREY).get("/v1/reviews?status=all&limit=1000")
                .then().statusCode(200).body("reviewId", hasItem(reviewId));
        given().auth().oauth2(OSCAR).get("/v1/reviews?status=all&limit=1000")
                .then().statusCode(200).body("reviewId", not(hasItem(reviewId)));
        given().auth().oauth2(AUDREY).get("/v1/reviews/" + reviewId).then().statusCode(200);
        given().auth().oauth2(OSCAR).get("/v1/reviews/" + reviewId)
                .then().statusCode(403).body("violations[0].rule", equalTo("reviewer-group"));
    }

    @Test
    void list_withBadStatus_isBadRequest() {
        given().auth().oauth2(HEIDI).get("/v1/reviews?status=pending")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("status"))
                .body("violations[0].rule", equalTo("one-of"));
        given().auth().oauth2(HEIDI).get("/v1/reviews?limit=0")
                .then().statusCode(400).body("violations[0].field", equalTo("limit"));
    }

    @Test
    void reviews_withoutToken_isUnauthorized() {
        given().get("/v1/reviews").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"));
        given().contentType("application/json").body(complete("ACCESS_APPROPRIATE", null))
                .post("/v1/reviews/" + UUID.randomUUID() + "/complete")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(HEIDI.substring(0, HEIDI.length() - 4) + "AAAA").get("/v1/reviews")
                .then().statusCode(401);
    }

    // ---- overdue, at the service's clock

    @Test
    void review_whenStillOpenAfterItsDueTime_isOverdue_untilCompleted() throws SQLException {
        String requestId = UUID.randomUUID().toString();
        publish(REQUESTS, "/eer/request-service", requested(requestId, new ReviewPlan(List.of("secops"),
                Duration.ofHours(1))));
        publishApproved(requestId);
        Instant revokedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publishRevoked("grant-" + requestId, requestId, revokedAt);
        await().atMost(WAIT).until(() -> scheduledFor(requestId).size() == 1);
        String reviewId = scheduledFor(requestId).get(0).reviewId();

        given().auth().oauth2(HEIDI).get("/v1/reviews/" + reviewId).then().statusCode(200)
                .body("dueAt", equalTo(revokedAt.plus(Duration.ofHours(1)).toString()))
                .body("overdue", equalTo(false));

        clock.advance(Duration.ofHours(1).plusSeconds(1)); // the hour passes, in no time

        given().auth().oauth2(HEIDI).get("/v1/reviews/" + reviewId).then().statusCode(200)
                .body("overdue", equalTo(true));
        List<Boolean> overdue = given().auth().oauth2(HEIDI).get("/v1/reviews?limit=1000").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.reviewId == '" + reviewId + "' }.overdue");
        assertThat(overdue).containsExactly(true);
        // the reminder poller records its ReviewOverdue on the same review; the test completes once it is in (the race
        // of the two is completing_whileTheReminderAppends_isDecidedAgain_notAConflict)
        await().atMost(WAIT).until(() -> published(requestId, ReviewOverdue.class).size() == 1);

        given().auth().oauth2(HEIDI).contentType("application/json").body(complete("ACCESS_APPROPRIATE", null))
                .post("/v1/reviews/" + reviewId + "/complete")
                .then().statusCode(200).body("status", equalTo("COMPLETED")).body("overdue", equalTo(false));
    }

    /**
     * The race itself: the reminder poller and a reviewer both decide on the same version of the review. The test holds
     * the producer's counter row (where every append queues), lets the poller queue first and the completion behind
     * it, then lets go: the poller's {@code ReviewOverdue} commits first, and the completion, finding the review moved
     * on, is decided again on the new version (Aggregates) instead of answering 409 "retry the request".
     */
    @Test
    void completing_whileTheReminderAppends_isDecidedAgain_notAConflict() throws Exception {
        String requestId = UUID.randomUUID().toString();
        publish(REQUESTS, "/eer/request-service", requested(requestId, new ReviewPlan(List.of("secops"),
                Duration.ofHours(1))));
        publishApproved(requestId);
        publishRevoked("grant-" + requestId, requestId, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        await().atMost(WAIT).until(() -> scheduledFor(requestId).size() == 1);
        String reviewId = scheduledFor(requestId).get(0).reviewId();

        java.util.concurrent.CompletableFuture<io.restassured.response.Response> completion;
        try (Connection holder = database.getConnection(); Connection observer = database.getConnection()) {
            holder.setAutoCommit(false);
            holder.createStatement().executeQuery("select last_value from producer_sequence for update").close();
            clock.advance(Duration.ofHours(1).plusSeconds(1)); // the reminder falls due; its poller queues
            await().atMost(WAIT).until(() -> appendersQueued(observer) == 1 && claimedByPoller(observer, reviewId));
            completion = java.util.concurrent.CompletableFuture.supplyAsync(() -> given().auth().oauth2(HEIDI)
                    .contentType("application/json").body(complete("ACCESS_APPROPRIATE", null))
                    .post("/v1/reviews/" + reviewId + "/complete"));
            await().atMost(WAIT).until(() -> appendersQueued(observer) == 2);
            holder.commit(); // the poller goes first (PostgreSQL grants the lock in queue order)
        }

        completion.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).then().statusCode(200)
                .body("status", equalTo("COMPLETED"));
        await().atMost(WAIT).until(() -> published(requestId, ReviewCompleted.class).size() == 1);
        assertThat(published(requestId, ReviewOverdue.class)).hasSize(1); // the reminder was not lost either
        try (Connection connection = database.getConnection();
                PreparedStatement types = connection.prepareStatement(
                        "select type from domain_event where aggregate_id = ? order by version")) {
            types.setString(1, reviewId);
            List<String> stored = new ArrayList<>();
            try (ResultSet rows = types.executeQuery()) {
                while (rows.next()) {
                    stored.add(rows.getString(1));
                }
            }
            assertThat(stored).containsExactly("io.eer.ReviewScheduled.v1", "io.eer.ReviewOverdue.v1",
                    "io.eer.ReviewCompleted.v1");
        }
    }

    /** Whether the review's row is locked (the reminder poller claims it FOR UPDATE in its transaction). */
    private static boolean claimedByPoller(Connection observer, String reviewId) throws SQLException {
        try (PreparedStatement free = observer.prepareStatement(
                "select 1 from review where review_id = ? for update skip locked")) {
            free.setString(1, reviewId);
            try (ResultSet rows = free.executeQuery()) {
                return !rows.next();
            }
        }
    }

    /** Transactions of this service waiting for a lock on the producer's counter row (appends queued behind it). */
    private static int appendersQueued(Connection observer) throws SQLException {
        try (ResultSet rows = observer.createStatement().executeQuery("select count(*) from pg_stat_activity where"
                + " datname = current_database() and wait_event_type = 'Lock' and query like '%producer_sequence%'")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    // ---- the read model is a projection of the events

    @Test
    void readModel_rebuiltFromTheEvents_isWhatItWas() throws Throwable {
        String openRequest = UUID.randomUUID().toString();
        String doneRequest = UUID.randomUUID().toString();
        reviewOfEndedAccess(openRequest);
        String done = reviewOfEndedAccess(doneRequest);
        given().auth().oauth2(HEIDI).contentType("application/json").body(complete("FINDINGS_RAISED", "ran DDL"))
                .post("/v1/reviews/" + done + "/complete").then().statusCode(200);
        awaitSettled(doneRequest);
        awaitSettled(openRequest);

        List<String> before = rows();
        try (Connection connection = database.getConnection()) {
            connection.createStatement().executeUpdate("delete from review_group");
            connection.createStatement().executeUpdate("delete from review");
        }
        assertThat(count("select count(*) from review")).isZero();
        given().auth().oauth2(HEIDI).get("/v1/reviews/" + done).then().statusCode(404);

        long applied = VertxContextSupport.subscribeAndAwait(rebuildReviews::execute);

        assertThat(applied).isGreaterThanOrEqualTo(3);
        assertThat(rows()).isEqualTo(before).anySatisfy(row -> assertThat(row).contains(done, "FINDINGS_RAISED"));
        given().auth().oauth2(HEIDI).get("/v1/reviews/" + done).then().statusCode(200)
                .body("status", equalTo("COMPLETED")).body("findings", equalTo("ran DDL"))
                .body("approvers", contains("frank"));
    }

    /** Every row of the read model as JSON (review) and review/group pairs, in a stable order. */
    List<String> rows() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = database.getConnection();
                ResultSet reviews = connection.createStatement().executeQuery(
                        "select row_to_json(r)::text from review r order by review_id")) {
            while (reviews.next()) {
                rows.add(reviews.getString(1));
            }
            try (ResultSet groups = connection.createStatement().executeQuery(
                    "select review_id || '/' || group_name from review_group order by 1")) {
                while (groups.next()) {
                    rows.add(groups.getString(1));
                }
            }
        }
        return rows;
    }
}
