package io.eer.contracts;

import io.eer.contracts.events.AccessExpired;
import io.eer.contracts.events.AccessGranted;
import io.eer.contracts.events.AccessExtended;
import io.eer.contracts.events.AccessRevoked;
import io.eer.contracts.events.AlertRaised;
import io.eer.contracts.events.ApprovalEscalated;
import io.eer.contracts.events.ApprovalTimedOut;
import io.eer.contracts.events.Approved;
import io.eer.contracts.events.AttemptRefused;
import io.eer.contracts.events.Denied;
import io.eer.contracts.events.DomainEvent;
import io.eer.contracts.events.EmergencyRequested;
import io.eer.contracts.events.GrantFailed;
import io.eer.contracts.events.OrphanLoginRemoved;
import io.eer.contracts.events.RequestCancelled;
import io.eer.contracts.events.RequestRejected;
import io.eer.contracts.events.ReviewCompleted;
import io.eer.contracts.events.ReviewOverdue;
import io.eer.contracts.events.ReviewScheduled;
import io.eer.contracts.events.RevocationFailed;
import io.eer.contracts.events.SessionActionLogged;
import io.eer.contracts.events.Values.ApprovalMode;
import io.eer.contracts.events.Values.ApprovalPlan;
import io.eer.contracts.events.Values.Decision;
import io.eer.contracts.events.Values.MfaEvidence;
import io.eer.contracts.events.Values.MfaRequirement;
import io.eer.contracts.events.Values.Origin;
import io.eer.contracts.events.Values.PolicyRef;
import io.eer.contracts.events.Values.Principal;
import io.eer.contracts.events.Values.PrincipalType;
import io.eer.contracts.events.Values.RequestKind;
import io.eer.contracts.events.Values.ReviewOutcome;
import io.eer.contracts.events.Values.ReviewPlan;
import io.eer.contracts.events.Values.RevocationReason;
import io.eer.contracts.events.Values.RuleViolation;
import io.eer.contracts.events.Values.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One event of every type built in Java. {@link #full} is the same event as the golden sample
 * {@code golden/<EventName>.v1.json} (every optional field set); {@link #minimal} leaves every optional field out.
 */
final class SampleEvents {

    static final String REQ = "3f2b8c1e-5d4a-4e7b-9c21-7a6d0e9f1b42";
    static final String GRANT = "grant-8e41c7d2";
    static final String REVIEW = "review-51a9e0b3";
    static final PolicyRef POLICY = new PolicyRef("break-glass-prod", "2026.03.1");
    static final Principal JSMITH = new Principal("u-jsmith", PrincipalType.EMPLOYEE, List.of("sre-oncall", "db-admins"));

    private SampleEvents() {
    }

    /** The golden sample's bytes, or empty when {@code type} has none. */
    static Optional<byte[]> golden(String type) {
        String resource = "golden/" + type.substring("io.eer.".length()) + ".json";
        try (InputStream in = SampleEvents.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The Java twin of the golden sample of {@code type}, or empty when none was written. */
    static Optional<EventEnvelope> full(String type) {
        return Optional.ofNullable(FULL.get(type));
    }

    /** An event of {@code type} with every optional field absent, or empty when none was written. */
    static Optional<EventEnvelope> minimal(String type) {
        return Optional.ofNullable(MINIMAL.get(type));
    }

    private static EventEnvelope env(String id, String service, String time, DomainEvent data) {
        return EventEnvelope.of(id, "/eer/" + service, Instant.parse(time), data);
    }

    private static String id(int n) {
        return String.format("a1f0c3d2-%04x-4b6e-8f10-2c3d4e5f6a%02x", n, n);
    }

    private static Instant at(String s) {
        return Instant.parse(s);
    }

    private static Map.Entry<String, EventEnvelope> entry(EventEnvelope e) {
        return Map.entry(e.type(), e);
    }

    private static final Map<String, EventEnvelope> FULL = Map.ofEntries(
            entry(env(id(1), "request-service", "2026-03-01T09:15:00Z", new EmergencyRequested(
                    REQ, RequestKind.EMERGENCY, Origin.ON_BEHALF, JSMITH, "c-mmüller", "payments-db", "dba",
                    "Zahlungen stehen – INC-4711: replica lag 40 min, \"failover\" needed\nsee runbook /ops/db/failover",
                    "INC-4711", Duration.ofMinutes(90),
                    new MfaEvidence(List.of("hwk", "mfa"), at("2026-03-01T09:14:31Z")),
                    POLICY,
                    new ApprovalPlan(ApprovalMode.EXPEDITED, List.of("sec-leads", "dba-leads"), 2, true,
                            Duration.ofMinutes(15), List.of("ciso-office", "cto-office"), Duration.ofHours(4),
                            new MfaRequirement(List.of("hwk", "otp"), Duration.ofMinutes(10))),
                    new ReviewPlan(List.of("iam-reviewers"), Duration.ofDays(3)),
                    "CHG-20931", Duration.ofHours(4), "prod-db-break-glass"))),
            entry(env(id(2), "request-service", "2026-03-01T09:15:00.125Z", new RequestRejected(
                    REQ, new Principal("c-mmüller", PrincipalType.CONTRACTOR, List.of()), "payments-db", "superuser",
                    List.of(new RuleViolation("role", "role-allowed", "role superuser is not requestable on payments-db"),
                            new RuleViolation("requestedDuration", "max-duration", "PT8H exceeds the maximum PT4H")),
                    POLICY))),
            entry(env(id(3), "request-service", "2026-03-01T09:20:00Z", new RequestCancelled(REQ, "u-jsmith",
                    "replica caught up by itself; access no longer needed"))),
            entry(env(id(4), "approval-service", "2026-03-01T09:17:12.500Z", new Approved(
                    REQ, List.of("u-akim", "u-bdiaz"), ApprovalMode.EXPEDITED, Duration.ofHours(1), "u-jsmith",
                    "c-mmüller", "payments-db", "dba", POLICY,
                    List.of(new Decision("u-akim", List.of("sec-leads"), at("2026-03-01T09:16:58Z"),
                                    "one hour, not 90 minutes",
                                    new MfaEvidence(List.of("hwk", "mfa"), at("2026-03-01T09:16:40Z"))),
                            new Decision("u-bdiaz", List.of("dba-leads", "sre-oncall"), at("2026-03-01T09:17:12.250Z"),
                                    null, new MfaEvidence(List.of("otp"), at("2026-03-01T09:12:03Z")))),
                    Duration.ofHours(4)))),
            entry(env(id(5), "approval-service", "2026-03-01T09:17:40Z",
                    new Denied(REQ, "u-akim", "use the read-only role first", POLICY,
                            new MfaEvidence(List.of("hwk", "mfa"), at("2026-03-01T09:17:30Z")), List.of("sec-leads")))),
            entry(env(id(6), "approval-service", "2026-03-01T09:45:00Z", new ApprovalTimedOut(
                    REQ, List.of("sec-leads", "ciso-office"), ApprovalTimedOut.DECISION_TIMEOUT, POLICY))),
            entry(env(id(7), "grant-service", "2026-03-01T09:17:15Z", new AccessGranted(
                    GRANT, REQ, "c-mmüller", "payments-db", "dba", "postgres", "eer_mmuller_8e41",
                    at("2026-03-01T09:17:14.803Z"), at("2026-03-01T10:17:14.803Z")))),
            entry(env(id(8), "grant-service", "2026-03-01T09:17:15Z", new GrantFailed(
                    REQ, "payments-db", "postgres", "FATAL: role \"eer_mmuller_8e41\" already exists"))),
            entry(env(id(9), "grant-service", "2026-03-01T09:21:03.000001Z", new SessionActionLogged(
                    GRANT, REQ, "pg-backend-41873", "query", "SELECT pg_promote();\t-- /var/lib/postgresql",
                    at("2026-03-01T09:21:03.000001Z"), "agent-db-07"))),
            entry(env(id(10), "grant-service", "2026-03-01T10:17:16Z", new AccessRevoked(
                    GRANT, REQ, "payments-db", RevocationReason.EXPIRED, at("2026-03-01T10:17:15.900Z"), 2, true))),
            entry(env(id(11), "expiry-service", "2026-03-01T10:17:15.200Z", new AccessExpired(
                    GRANT, REQ, at("2026-03-01T10:17:14.803Z"), at("2026-03-01T10:17:15.200Z"), 397))),
            entry(env(id(12), "review-service", "2026-03-01T10:17:17Z", new ReviewScheduled(
                    REVIEW, GRANT, REQ, List.of("iam-reviewers"), List.of("u-jsmith", "c-mmüller", "u-akim"),
                    at("2026-03-04T10:17:15.900Z")))),
            entry(env(id(13), "review-service", "2026-03-02T14:02:00Z", new ReviewCompleted(
                    REVIEW, GRANT, REQ, ReviewOutcome.FINDINGS_RAISED,
                    "promoted the replica as planned; also read 3 rows of card_tokens \uD83D\uDE41", "u-lchen"))),
            entry(env(id(14), "audit-service", "2026-03-01T09:21:04Z", new AlertRaised(
                    "alert-2c90", REQ, "sensitive-table-read", Severity.CRITICAL, "ledger:10452",
                    "card_tokens read during break-glass session pg-backend-41873\u0007"))),
            entry(env(id(15), "approval-service", "2026-03-01T09:30:00Z", new ApprovalEscalated(
                    REQ, "sec-leads", "ciso-office", 1, at("2026-03-01T09:45:00Z"), POLICY))),
            entry(env(id(16), "approval-service", "2026-03-01T09:16:20.042Z", new AttemptRefused(
                    REQ, JSMITH, "APPROVE", "separation-of-duties",
                    "u-jsmith asked for this access and may not approve it", POLICY))),
            entry(env(id(17), "grant-service", "2026-03-01T09:30:00.125Z", new OrphanLoginRemoved(
                    REQ, "payments-db", "eer_5d0c3e7a9b21f4c86e1d2a3b4c5d6e7f", "request unknown here; no active grant",
                    at("2026-03-01T09:30:00.120Z")))),
            entry(env(id(18), "grant-service", "2026-03-01T10:17:20Z", new RevocationFailed(
                    GRANT, REQ, "payments-db", 3, "ConnectException", at("2026-03-01T10:17:40Z")))),
            entry(env(id(19), "review-service", "2026-03-05T10:17:16Z", new ReviewOverdue(
                    REVIEW, GRANT, REQ, at("2026-03-04T10:17:15.900Z"), 2, List.of("iam-reviewers"),
                    List.of("eer-admins")))),
            entry(env(id(19), "grant-service", "2026-03-01T10:05:00.250Z", new AccessExtended(
                    GRANT, REQ, "payments-db", at("2026-03-01T10:17:14.803Z"), at("2026-03-01T10:47:14.803Z"),
                    "c-mmüller", "failover still running", at("2026-03-01T10:05:00.250Z"), "u-akim"))));

    private static final Map<String, EventEnvelope> MINIMAL = Map.ofEntries(
            entry(env(id(101), "request-service", "2026-03-01T09:15:00Z", new EmergencyRequested(
                    REQ, RequestKind.JIT, Origin.EMPLOYEE_SELF, JSMITH, "u-jsmith", "crm", "read-only",
                    "quarterly export", null, Duration.ofSeconds(1800, 500_000_000),
                    new MfaEvidence(List.of("otp"), at("2026-03-01T09:14:31.123456789Z")),
                    POLICY, new ApprovalPlan(ApprovalMode.PRE_APPROVED, List.of(), 0), null))),
            entry(env(id(102), "request-service", "2026-03-01T09:15:00Z", new RequestRejected(
                    REQ, JSMITH, null, null, List.of(new RuleViolation(null, "no-policy", "no policy lets you ask")),
                    null))),
            entry(env(id(103), "request-service", "2026-03-01T09:20:00Z", new RequestCancelled(REQ, "u-jsmith"))),
            entry(env(id(104), "approval-service", "2026-03-01T09:17:12Z", new Approved(
                    REQ, List.of(), ApprovalMode.PRE_APPROVED, Duration.ofMinutes(15), "u-jsmith", "u-jsmith",
                    "crm", "read-only", POLICY))),
            entry(env(id(105), "approval-service", "2026-03-01T09:17:40Z",
                    new Denied(REQ, "u-akim", "no", POLICY))),
            entry(env(id(106), "approval-service", "2026-03-01T09:45:00Z", new ApprovalTimedOut(REQ, List.of()))),
            entry(env(id(107), "grant-service", "2026-03-01T09:17:15Z", new AccessGranted(
                    GRANT, REQ, "u-jsmith", "crm", "read-only", "ldap", null,
                    at("2026-03-01T09:17:14Z"), at("2026-03-01T09:32:14Z")))),
            entry(env(id(108), "grant-service", "2026-03-01T09:17:15Z",
                    new GrantFailed(REQ, "crm", "ldap", "timeout"))),
            entry(env(id(109), "grant-service", "2026-03-01T09:21:03Z", new SessionActionLogged(
                    GRANT, REQ, "s-1", "login", null, at("2026-03-01T09:21:03Z"), "agent-crm-01"))),
            entry(env(id(110), "grant-service", "2026-03-01T09:18:00Z", new AccessRevoked(
                    GRANT, REQ, "crm", RevocationReason.REQUEST_CANCELLED, at("2026-03-01T09:18:00Z"), 0, false))),
            entry(env(id(111), "expiry-service", "2026-03-01T09:32:14Z", new AccessExpired(
                    GRANT, REQ, at("2026-03-01T09:32:14Z"), at("2026-03-01T09:32:14Z"), 0))),
            entry(env(id(112), "review-service", "2026-03-01T09:33:00Z", new ReviewScheduled(
                    REVIEW, GRANT, REQ, List.of("iam-reviewers"), List.of(), at("2026-03-04T09:33:00Z")))),
            entry(env(id(113), "review-service", "2026-03-02T14:02:00Z", new ReviewCompleted(
                    REVIEW, GRANT, REQ, ReviewOutcome.ACCESS_APPROPRIATE, null, "u-lchen"))),
            entry(env(id(114), "audit-service", "2026-03-01T09:21:04Z", new AlertRaised(
                    "alert-2c91", REQ, "off-hours-grant", Severity.INFO, "ledger:10453", null))),
            entry(env(id(115), "approval-service", "2026-03-01T09:45:00Z", new ApprovalEscalated(
                    REQ, "ciso-office", "cto-office", 2, at("2026-03-01T10:00:00.5Z"), POLICY))),
            entry(env(id(116), "review-service", "2026-03-02T14:01:00Z", new AttemptRefused(
                    REQ, new Principal("u-akim", PrincipalType.EMPLOYEE, List.of()), "COMPLETE_REVIEW",
                    "separation-of-duties", "u-akim approved this access and may not review it", null))),
            entry(env(id(117), "grant-service", "2026-03-01T09:30:00Z", new OrphanLoginRemoved(
                    OrphanLoginRemoved.UNKNOWN_REQUEST, "crm", "eer_1", "no grant", at("2026-03-01T09:30:00Z")))),
            entry(env(id(118), "grant-service", "2026-03-01T10:17:20Z", new RevocationFailed(
                    GRANT, REQ, "crm", 1, "timeout", at("2026-03-01T10:17:21Z")))),
            entry(env(id(119), "review-service", "2026-03-05T09:33:01Z", new ReviewOverdue(
                    REVIEW, GRANT, REQ, at("2026-03-04T09:33:00Z"), 1, List.of("iam-reviewers"), null))),
            entry(env(id(119), "grant-service", "2026-03-01T09:20:00Z", new AccessExtended(
                    GRANT, REQ, "crm", at("2026-03-01T09:32:14Z"), at("2026-03-01T09:47:14Z"), "u-jsmith", "more",
                    at("2026-03-01T09:20:00Z"), null))));
}
