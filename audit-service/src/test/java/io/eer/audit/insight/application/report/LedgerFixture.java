package io.eer.audit.insight.application.report;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.eer.contracts.events.Values.ReviewPlan;
import io.eer.contracts.events.Values.RevocationReason;
import io.eer.ledger.format.LedgerEntry;
import io.eer.ledger.format.LedgerHash;
import io.eer.ledger.format.LedgerHead;
import io.eer.ledger.format.LedgerRecord;
import io.eer.ledger.format.ReceivedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A ledger built in memory the way the service builds it (real leaves and chain values), from events as the
 * upstream services write them; each entry is recorded one second after the previous one unless told otherwise.
 */
final class LedgerFixture {

    static final PolicyRef POLICY = new PolicyRef("break-glass-prod", "2026.03.1");

    private final List<LedgerEntry> entries = new ArrayList<>();
    private LedgerHead head = LedgerHead.empty();
    private int counter;

    LedgerFixture add(String service, Instant time, DomainEvent event) {
        return addRaw(EventCodec.encodeToString(EventEnvelope.of("e-" + (++counter), "/eer/" + service, time,
                event)), time);
    }

    /** Any CloudEvent text, recorded at {@code time} (plus a microsecond per entry, so times are distinct). */
    LedgerFixture addRaw(String cloudEvent, Instant recordedAt) {
        ReceivedEvent received = ReceivedEvent.parse("eer.test", 0, entries.size(),
                cloudEvent.getBytes(StandardCharsets.UTF_8));
        LedgerEntry entry = head.append(received, recordedAt.plusNanos(1000L * entries.size()));
        entries.add(entry);
        head = entry.head();
        return this;
    }

    long size() {
        return entries.size();
    }

    String chainHead() {
        return head.chainHeadHex();
    }

    ReportBasis basis() {
        return ReportBasis.ofLedgerHead(size(), chainHead());
    }

    List<LedgerEvent> events() {
        return entries.stream().map(entry -> new LedgerEvent(entry.index(), entry.record().recordedAt(),
                LedgerHash.hex(entry.chain()), entry.record().event())).toList();
    }

    Report report(ReportRequest request) {
        ReportBuilder builder = new ReportBuilder(request);
        events().forEach(builder::accept);
        return builder.finish(basis());
    }

    /** The export, as GET /v1/audit/events writes it. */
    String ndjson() {
        return entries.stream().map(entry -> {
            LedgerRecord record = entry.record();
            ObjectNode line = EventCodec.mapper().createObjectNode();
            line.put("index", record.index());
            line.put("recordedAt", LedgerRecord.formatTime(record.recordedAt()));
            line.put("topic", record.topic());
            line.put("partition", record.partition());
            line.put("offset", record.offset());
            line.put("leaf", LedgerHash.hex(entry.leaf()));
            line.put("chain", LedgerHash.hex(entry.chain()));
            line.set("event", record.event());
            return line.toString();
        }).collect(Collectors.joining("\n", "", "\n"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // events

    static EmergencyRequested requested(String requestId, String requester, Duration duration, Duration reviewDue) {
        return new EmergencyRequested(requestId, RequestKind.EMERGENCY, Origin.EMPLOYEE_SELF,
                new Principal(requester, PrincipalType.EMPLOYEE, List.of("sre-oncall")), requester, "payments-db",
                "dba", "replica lag, failover needed", "INC-4711", duration,
                new MfaEvidence(List.of("hwk"), Instant.parse("2026-03-01T08:59:00Z")), POLICY,
                new ApprovalPlan(ApprovalMode.EXPEDITED, List.of("sec-leads"), 1),
                reviewDue == null ? null : new ReviewPlan(List.of("iam-reviewers"), reviewDue));
    }

    static Approved approved(String requestId, String requester, Duration duration, String... approvers) {
        return new Approved(requestId, List.of(approvers), ApprovalMode.EXPEDITED, duration, requester, requester,
                "payments-db", "dba", POLICY);
    }

    static AccessGranted granted(String requestId, String grantId, String beneficiary, Instant at, Instant expires) {
        return new AccessGranted(grantId, requestId, beneficiary, "payments-db", "dba", "postgres", "eer_" + grantId,
                at, expires);
    }

    static SessionActionLogged action(String requestId, String grantId, Instant at) {
        return new SessionActionLogged(grantId, requestId, "s-1", "query", "SELECT 1", at, "agent-1");
    }

    static AccessRevoked revoked(String requestId, String grantId, Instant at, boolean confirmed) {
        return new AccessRevoked(grantId, requestId, "payments-db", RevocationReason.EXPIRED, at, 1, confirmed);
    }

    static ReviewScheduled reviewScheduled(String requestId, String grantId, Instant due) {
        return new ReviewScheduled("review-" + grantId, grantId, requestId, List.of("iam-reviewers"), List.of(), due);
    }

    static ReviewCompleted reviewCompleted(String requestId, String grantId, String reviewer, ReviewOutcome outcome) {
        return new ReviewCompleted("review-" + grantId, grantId, requestId, outcome, "ok", reviewer);
    }

    /** {@code io.eer.AttemptRefused.v1}, which has no record in event-contracts here: written as raw JSON. */
    static String attemptRefused(String id, String requestId, String actor, String action, String rule,
            Instant time) {
        ObjectNode event = EventCodec.mapper().createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", id);
        event.put("source", "/eer/approval-service");
        event.put("type", "io.eer.AttemptRefused.v1");
        event.put("subject", requestId);
        event.put("time", time.toString());
        ObjectNode data = event.putObject("data");
        data.put("requestId", requestId);
        ObjectNode who = data.putObject("actor");
        who.put("id", actor);
        who.put("type", "EMPLOYEE");
        who.putArray("groups").add("sec-leads");
        data.put("action", action);
        data.put("rule", rule);
        data.put("message", "nobody approves their own access");
        ObjectNode policy = data.putObject("policy");
        policy.put("id", POLICY.id());
        policy.put("version", POLICY.version());
        return event.toString();
    }

    static JsonNode json(String text) {
        try {
            return EventCodec.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
