package io.eer.audit.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.AccessGranted;
import io.eer.contracts.events.AccessRevoked;
import io.eer.contracts.events.Approved;
import io.eer.contracts.events.DomainEvent;
import io.eer.contracts.events.EmergencyRequested;
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
import io.eer.support.testing.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Two accesses published to the real topics as the upstream services would, a month ago: {@code ok} (approved,
 * used, revoked on time and confirmed, reviewed) and {@code bad} (no approval, granted longer than requested,
 * revoked late and unconfirmed, never reviewed, a justification full of markup), plus a refused self-approval of
 * {@code bad} ({@code io.eer.AttemptRefused.v1}, written as raw JSON).
 */
final class ReportScenario {

    static final PolicyRef POLICY = new PolicyRef("eer-local", "1");
    static final String NASTY_JUSTIFICATION = "<script>document.title='pwned'</script>"
            + "<img src=x onerror=\"document.title='pwned'\"> \"fix\" & go";

    final Instant base = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
    final String ok = UUID.randomUUID().toString();
    final String bad = UUID.randomUUID().toString();
    final String okGrant = "grant-" + UUID.randomUUID();
    final String badGrant = "grant-" + UUID.randomUUID();
    final String attemptId = UUID.randomUUID().toString();

    Instant t(long minutes) {
        return base.plus(Duration.ofMinutes(minutes));
    }

    /** Publishes everything and waits until the ledger holds it. */
    ReportScenario publish(TopicProbe probe) {
        List<Object[]> events = List.of(
                new Object[] {Ledger.REQUESTS, "request-service", t(0), requested(ok, "ron", Duration.ofHours(1),
                        "database locked")},
                new Object[] {Ledger.APPROVALS, "approval-service", t(1), new Approved(ok, List.of("sam"),
                        ApprovalMode.EXPEDITED, Duration.ofHours(1), "ron", "ron", "payments-db", "db_admin", POLICY)},
                new Object[] {Ledger.GRANTS, "grant-service", t(2), granted(ok, okGrant, "ron", t(2), t(62))},
                new Object[] {Ledger.SESSIONS, "grant-service", t(3), action(ok, okGrant, t(3))},
                new Object[] {Ledger.SESSIONS, "grant-service", t(4), action(ok, okGrant, t(4))},
                new Object[] {Ledger.GRANTS, "grant-service", t(62), new AccessRevoked(okGrant, ok, "payments-db",
                        RevocationReason.EXPIRED, t(62), 1, true)},
                new Object[] {Ledger.REVIEWS, "review-service", t(63), new ReviewScheduled("rv-" + okGrant, okGrant,
                        ok, List.of("secops"), List.of("ron", "sam"), t(62 + 72 * 60))},
                new Object[] {Ledger.REVIEWS, "review-service", t(24 * 60), new ReviewCompleted("rv-" + okGrant,
                        okGrant, ok, ReviewOutcome.ACCESS_APPROPRIATE, "fine", "rita")},
                new Object[] {Ledger.REQUESTS, "request-service", t(6), requested(bad, "mal",
                        Duration.ofMinutes(30), NASTY_JUSTIFICATION)},
                new Object[] {Ledger.GRANTS, "grant-service", t(10), granted(bad, badGrant, "mal", t(10), t(70))},
                new Object[] {Ledger.GRANTS, "grant-service", t(90), new AccessRevoked(badGrant, bad, "payments-db",
                        RevocationReason.EXPIRED, t(90), 0, false)});
        List<EventEnvelope> sent = new java.util.ArrayList<>();
        for (Object[] e : events) {
            EventEnvelope envelope = EventEnvelope.of(UUID.randomUUID().toString(), "/eer/" + e[1], (Instant) e[2],
                    (DomainEvent) e[3]);
            probe.publish((String) e[0], envelope);
            sent.add(envelope);
        }
        probe.publishRaw(Ledger.APPROVALS, bad, attemptRefused());
        sent.forEach(Ledger::awaitLine); // several topics: each is recorded in its own time
        Ledger.awaitLine(bad, attemptId);
        return this;
    }

    String attemptRefused() {
        ObjectNode event = EventCodec.mapper().createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", attemptId);
        event.put("source", "/eer/approval-service");
        event.put("type", "io.eer.AttemptRefused.v1");
        event.put("subject", bad);
        event.put("time", t(5).toString());
        ObjectNode data = event.putObject("data");
        data.put("requestId", bad);
        ObjectNode actor = data.putObject("actor");
        actor.put("id", "mal");
        actor.put("type", "EMPLOYEE");
        actor.putArray("groups").add("secops");
        data.put("action", "APPROVE");
        data.put("rule", "separation-of-duties");
        data.put("message", "nobody approves their own access");
        data.putObject("policy").put("id", POLICY.id()).put("version", POLICY.version());
        return event.toString();
    }

    static EmergencyRequested requested(String requestId, String requester, Duration duration, String why) {
        return new EmergencyRequested(requestId, RequestKind.EMERGENCY, Origin.EMPLOYEE_SELF,
                new Principal(requester, PrincipalType.EMPLOYEE, List.of("oncall-dba")), requester, "payments-db",
                "db_admin", why, "INC-1234", duration,
                new MfaEvidence(List.of("pwd", "otp"), Instant.parse("2026-11-26T10:00:00Z")), POLICY,
                new ApprovalPlan(ApprovalMode.EXPEDITED, List.of("secops"), 1), null);
    }

    static AccessGranted granted(String requestId, String grantId, String who, Instant at, Instant expires) {
        return new AccessGranted(grantId, requestId, who, "payments-db", "db_admin", "postgres", "eer_" + who, at,
                expires);
    }

    static SessionActionLogged action(String requestId, String grantId, Instant at) {
        return new SessionActionLogged(grantId, requestId, "s-1", "SELECT", "payments.invoices", at, "psql");
    }
}
