package io.eer.audit.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.AccessExpired;
import io.eer.contracts.events.AccessGranted;
import io.eer.contracts.events.AccessRevoked;
import io.eer.contracts.events.Approved;
import io.eer.contracts.events.Denied;
import io.eer.contracts.events.EmergencyRequested;
import io.eer.contracts.events.RequestRejected;
import io.eer.contracts.events.ReviewCompleted;
import io.eer.contracts.events.ReviewScheduled;
import io.eer.contracts.events.SessionActionLogged;
import io.eer.contracts.events.Values.ApprovalMode;
import io.eer.contracts.events.Values.ApprovalPlan;
import io.eer.contracts.events.Values.MfaEvidence;
import io.eer.contracts.events.Values.Origin;
import io.eer.contracts.events.Values.PolicyRef;
import io.eer.contracts.events.Values.Principal;
import io.eer.contracts.events.Values.PrincipalType;
import io.eer.contracts.events.Values.RequestKind;
import io.eer.contracts.events.Values.ReviewOutcome;
import io.eer.contracts.events.Values.RevocationReason;
import io.eer.contracts.events.Values.RuleViolation;
import io.eer.support.testing.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Events of one access story (request → grant → sessions → revocation → review), for the SOC tests. */
final class SocEvents {

    static final PolicyRef POLICY = new PolicyRef("eer-local", "1");

    private SocEvents() {
    }

    static EventEnvelope requested(String requestId, String requester, String system, RequestKind kind) {
        return Ledger.envelope("request-service", new EmergencyRequested(requestId, kind, Origin.EMPLOYEE_SELF,
                new Principal(requester, PrincipalType.EMPLOYEE, List.of("oncall-dba")), requester, system,
                "db_admin", "incident work", "INC-1", Duration.ofMinutes(30),
                new MfaEvidence(List.of("pwd", "otp"), Instant.parse("2026-11-26T10:00:00Z")), POLICY,
                new ApprovalPlan(kind == RequestKind.EMERGENCY ? ApprovalMode.PRE_APPROVED : ApprovalMode.STANDARD,
                        List.of("secops"), 1), null));
    }

    static EventEnvelope rejected(String requestId, String requester, String system) {
        return Ledger.envelope("request-service", new RequestRejected(requestId,
                new Principal(requester, PrincipalType.EMPLOYEE, List.of("oncall-dba")), system, "db_admin",
                List.of(new RuleViolation("duration", "max-duration", "too long")), POLICY));
    }

    static EventEnvelope approved(String requestId, String requester, String system, String... approvers) {
        return Ledger.envelope("approval-service", new Approved(requestId, List.of(approvers),
                ApprovalMode.STANDARD, Duration.ofMinutes(30), requester, requester, system, "db_admin", POLICY));
    }

    static EventEnvelope denied(String requestId, String approver) {
        return Ledger.envelope("approval-service", new Denied(requestId, approver, "not now", POLICY));
    }

    static EventEnvelope granted(String requestId, String grantId, String beneficiary, String system,
            Instant grantedAt, Instant expiresAt) {
        return Ledger.envelope("grant-service", new AccessGranted(grantId, requestId, beneficiary, system,
                "db_admin", "postgres", "eer_" + beneficiary, grantedAt, expiresAt));
    }

    static EventEnvelope action(String requestId, String grantId, String action, String object, Instant at) {
        return Ledger.envelope("grant-service", new SessionActionLogged(grantId, requestId, "s-1", action, object,
                at, "psql"));
    }

    static EventEnvelope expired(String requestId, String grantId, Instant deadline) {
        return Ledger.envelope("expiry-service", new AccessExpired(grantId, requestId, deadline,
                deadline.plusMillis(100), 100));
    }

    static EventEnvelope revoked(String requestId, String grantId, String system, Instant revokedAt) {
        return Ledger.envelope("grant-service", new AccessRevoked(grantId, requestId, system,
                RevocationReason.EXPIRED, revokedAt, 1, true));
    }

    static EventEnvelope reviewScheduled(String requestId, String grantId, String reviewId, Instant dueAt) {
        return Ledger.envelope("review-service", new ReviewScheduled(reviewId, grantId, requestId, List.of("secops"),
                List.of(), dueAt));
    }

    static EventEnvelope reviewCompleted(String requestId, String grantId, String reviewId, String reviewer) {
        return Ledger.envelope("review-service", new ReviewCompleted(reviewId, grantId, requestId,
                ReviewOutcome.ACCESS_APPROPRIATE, "fine", reviewer));
    }

    /** An {@code io.eer.AttemptRefused.v1} as approval-service will send it (no record for it in this build). */
    static String attemptRefused(String requestId, String eventId, String actor, String action, String rule) {
        return attemptRefused("/eer/approval-service", requestId, eventId, actor, action, rule);
    }

    /** The same from {@code source} (review-service sends its own on eer.reviews). */
    static String attemptRefused(String source, String requestId, String eventId, String actor, String action,
            String rule) {
        return """
                {"data":{"action":"%s","actor":{"groups":["secops"],"id":"%s","type":"EMPLOYEE"},\
                "message":"nobody approves their own access","policy":{"id":"eer-local","version":"1"},\
                "requestId":"%s","rule":"%s"},"id":"%s","source":"%s",\
                "specversion":"1.0","subject":"%s","time":"%s","type":"io.eer.AttemptRefused.v1"}\
                """.formatted(action, actor, requestId, rule, eventId, source, requestId, Instant.now());
    }

    static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    static void publish(TopicProbe probe, String topic, EventEnvelope... events) {
        for (EventEnvelope event : events) {
            probe.publish(topic, event);
        }
    }

    /** Waits until the projector has applied everything in the ledger right now. */
    static void awaitProjectionsCaughtUp() {
        long size = given().auth().oauth2(Ledger.AUDITOR).get("/v1/projections/status").then().statusCode(200)
                .extract().jsonPath().getLong("ledgerSize");
        await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                .until(() -> given().auth().oauth2(Ledger.AUDITOR).get("/v1/projections/status").then()
                        .statusCode(200).extract().jsonPath().getLong("position") >= size);
    }
}
