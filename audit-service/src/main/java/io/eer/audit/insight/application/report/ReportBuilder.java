package io.eer.audit.insight.application.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.eer.ledger.format.EventKind;
import io.eer.ledger.format.LedgerFact;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds a {@link Report} from ledger entries offered one by one in index order from 0, keeping per request and per
 * grant only what the report shows (session actions are counted, not kept), so a ledger of any length is read in one
 * pass. Plain Java over the CloudEvent JSON: it reads events by kind (ledger-format's EventKind) and field name,
 * ignores types it does not know, and never fails on a missing or malformed field (the cell stays empty).
 */
public final class ReportBuilder {

    static final String SEPARATION_OF_DUTIES = "separation-of-duties";

    private final ReportRequest request;
    private final Map<String, RequestState> requests = new HashMap<>();
    // by grant id, created by whichever event of the grant comes first: the ledger reads several topics, so a
    // revocation or review can be recorded before the AccessGranted it follows
    private final Map<String, GrantState> grants = new HashMap<>();
    private final List<Attempt> attempts = new ArrayList<>();
    private final List<Long> unreadable = new ArrayList<>();
    private long next;
    private String lastChain;
    private Instant lastRecordedAt;

    public ReportBuilder(ReportRequest request) {
        this.request = Objects.requireNonNull(request, "request");
    }

    /** Offers the next entry; entries must come in index order from 0 without gaps. */
    public void accept(LedgerEvent entry) {
        if (entry.index() != next) {
            throw new IllegalArgumentException("expected ledger index " + next + " but got " + entry.index());
        }
        next++;
        lastChain = entry.chain();
        lastRecordedAt = entry.recordedAt();
        JsonNode event = entry.event();
        if (event == null || !event.isObject()) {
            unreadable.add(entry.index());
            return;
        }
        JsonNode data = event.path("data");
        long index = entry.index();
        Instant time = instant(event.path("time"));
        // type strings come from event-contracts through ledger-format's EventKind, never copied here
        switch (EventKind.of(event.path("type").asText())) {
            case EMERGENCY_REQUESTED -> onRequested(index, time, data);
            case APPROVED -> onApproved(index, time, data);
            case DENIED, APPROVAL_TIMED_OUT, REQUEST_CANCELLED -> request(requestId(event, data)).evidence.add(index);
            case ACCESS_GRANTED -> onGranted(index, time, event, data);
            case SESSION_ACTION_LOGGED -> onSessionAction(index, data);
            case ACCESS_REVOKED -> onRevoked(index, data);
            case ACCESS_EXPIRED -> grant(data).ifPresent(grant -> grant.evidence.add(index));
            case ACCESS_EXTENDED -> grant(data).ifPresent(grant -> {
                // revoked on time is measured against the extended deadline
                grant.evidence.add(index);
                Instant extended = instant(data.path("expiresAt"));
                if (extended != null) {
                    grant.expiresAt = extended;
                }
            });
            case REVIEW_SCHEDULED -> onReviewScheduled(index, data);
            case REVIEW_COMPLETED -> onReviewCompleted(index, time, data);
            case ATTEMPT_REFUSED -> onAttemptRefused(index, time, event, data);
            default -> {
                // other types (alerts, failures, types from newer producers) are not part of the report
            }
        }
    }

    /**
     * The report over every entry offered so far, which must be exactly {@code [0, basis.size)} ending at
     * {@code basis.chainHead}: otherwise the report would not be the one its basis names.
     */
    public Report finish(ReportBasis basis) {
        if (next != basis.size()) {
            throw new IllegalStateException("the report read " + next + " ledger entries but its basis has "
                    + basis.size());
        }
        String head = next == 0 ? "0".repeat(64) : lastChain;
        if (!head.equalsIgnoreCase(basis.chainHead())) {
            throw new IllegalStateException("the ledger entries end at chain value " + head
                    + " but the basis names " + basis.chainHead());
        }
        Instant asOf = lastRecordedAt;
        List<AccessRow> rows = new ArrayList<>();
        List<ReportException> exceptions = new ArrayList<>();
        List<GrantState> granted = grants.values().stream().filter(grant -> grant.grantedIndex != null)
                .sorted(Comparator.comparingLong(grant -> grant.grantedIndex)).toList();
        for (GrantState grant : granted) {
            if (!request.overlaps(grant.grantedAt, grant.revokedAt)) {
                continue;
            }
            RequestState req = requests.getOrDefault(grant.requestId, new RequestState(grant.requestId));
            List<ReportException> found = exceptionsOf(grant, req, asOf);
            exceptions.addAll(found);
            rows.add(row(grant, req, found));
        }
        for (Attempt attempt : attempts) {
            if (request.inPeriod(attempt.time)) {
                exceptions.add(new ReportException(ExceptionKind.SEPARATION_OF_DUTIES_ATTEMPT, attempt.requestId,
                        null, attempt.time, attempt.describe(), attempt.index));
            }
        }
        for (long index : unreadable) {
            exceptions.add(new ReportException(ExceptionKind.UNREADABLE_LEDGER_ENTRY, null, null, null,
                    "ledger entry " + index + " is not a readable CloudEvent; run GET /v1/audit/verify", index));
        }
        exceptions.sort(Comparator.comparingLong(ReportException::ledgerIndex)
                .thenComparing(ReportException::kind));
        Map<ExceptionKind, Integer> counts = new EnumMap<>(ExceptionKind.class);
        for (ExceptionKind kind : ExceptionKind.values()) {
            counts.put(kind, 0);
        }
        exceptions.forEach(exception -> counts.merge(exception.kind(), 1, Integer::sum));
        return new Report(request, basis, asOf, rows, exceptions, counts);
    }

    // ---------------------------------------------------------------------------------------------------------
    // events

    private void onRequested(long index, Instant time, JsonNode data) {
        RequestState req = request(text(data.path("requestId")));
        req.evidence.add(index);
        if (req.requestedIndex != null) {
            return; // a second EmergencyRequested for the same request: the first one stands
        }
        req.requestedIndex = index;
        req.requestedAt = time;
        req.kind = text(data.path("kind"));
        req.requester = text(data.path("requester").path("id"));
        req.requesterType = text(data.path("requester").path("type"));
        req.origin = text(data.path("origin"));
        req.beneficiary = text(data.path("beneficiary"));
        req.justification = text(data.path("justification"));
        req.incident = text(data.path("incident"));
        req.system = text(data.path("system"));
        req.role = text(data.path("role"));
        req.policy = policy(data.path("policy"));
        req.requestedDuration = duration(data.path("requestedDuration"));
        req.plannedMode = text(data.path("approval").path("mode"));
        req.reviewDueWithin = duration(data.path("review").path("dueWithin"));
    }

    private void onApproved(long index, Instant time, JsonNode data) {
        RequestState req = request(text(data.path("requestId")));
        req.evidence.add(index);
        if (req.approvedIndex != null) {
            return;
        }
        req.approvedIndex = index;
        req.approvedAt = time;
        req.approvers = texts(data.path("approvers"));
        req.approvalMode = text(data.path("mode"));
        req.approvedDuration = duration(data.path("grantedDuration"));
        if (req.policy == null) {
            req.policy = policy(data.path("policy"));
        }
    }

    private void onGranted(long index, Instant time, JsonNode event, JsonNode data) {
        GrantState grant = grant(data).orElse(null);
        if (grant == null || grant.grantedIndex != null) {
            return; // no grant id, or a second AccessGranted for the same grant: the first one stands
        }
        grant.grantedIndex = index;
        grant.requestId = requestId(event, data);
        grant.evidence.add(index);
        Instant grantedAt = instant(data.path("grantedAt"));
        grant.grantedAt = grantedAt != null ? grantedAt : time;
        grant.expiresAt = instant(data.path("expiresAt"));
        grant.beneficiary = text(data.path("beneficiary"));
        grant.system = text(data.path("system"));
        grant.role = text(data.path("role"));
    }

    private void onSessionAction(long index, JsonNode data) {
        grant(data).ifPresent(grant -> {
            grant.sessionActions++;
            Instant at = instant(data.path("at"));
            if (at != null && (grant.lastActionAt == null || at.isAfter(grant.lastActionAt))) {
                grant.lastActionAt = at;
                grant.lastActionIndex = index;
            }
        });
    }

    private void onRevoked(long index, JsonNode data) {
        grant(data).ifPresent(grant -> {
            grant.evidence.add(index);
            if (grant.revokedIndex != null) {
                return;
            }
            grant.revokedIndex = index;
            grant.revokedAt = instant(data.path("revokedAt"));
            grant.revocationReason = text(data.path("reason"));
            JsonNode confirmed = data.path("confirmed");
            grant.revocationConfirmed = confirmed.isBoolean() ? confirmed.booleanValue() : Boolean.FALSE;
        });
    }

    private void onReviewScheduled(long index, JsonNode data) {
        grant(data).ifPresent(grant -> {
            grant.evidence.add(index);
            if (grant.reviewScheduledIndex == null) {
                grant.reviewScheduledIndex = index;
                grant.reviewDueAt = instant(data.path("dueAt"));
            }
        });
    }

    private void onReviewCompleted(long index, Instant time, JsonNode data) {
        grant(data).ifPresent(grant -> {
            grant.evidence.add(index);
            if (grant.reviewCompletedIndex == null) {
                grant.reviewCompletedIndex = index;
                grant.reviewCompletedAt = time;
                grant.reviewOutcome = text(data.path("outcome"));
                grant.reviewer = text(data.path("reviewer"));
            }
        });
    }

    private void onAttemptRefused(long index, Instant time, JsonNode event, JsonNode data) {
        String rule = text(data.path("rule"));
        if (rule == null || !rule.toLowerCase(Locale.ROOT).contains(SEPARATION_OF_DUTIES)) {
            return;
        }
        attempts.add(new Attempt(index, time, requestId(event, data), text(data.path("actor").path("id")),
                text(data.path("action")), rule, text(data.path("message"))));
    }

    // ---------------------------------------------------------------------------------------------------------
    // exceptions and rows

    private List<ReportException> exceptionsOf(GrantState grant, RequestState req, Instant asOf) {
        List<ReportException> found = new ArrayList<>();
        Duration grace = request.parameters().revocationGrace();
        if (!approvedBefore(grant, req)) {
            found.add(exception(ExceptionKind.ACCESS_WITHOUT_APPROVAL, grant, grant.grantedAt, grant.grantedIndex,
                    req.requestedIndex == null
                            ? "no EmergencyRequested and no Approved recorded for request " + grant.requestId
                            : "no Approved recorded for request " + grant.requestId + " before the grant"));
        }
        Boolean withinPolicy = withinPolicy(grant, req);
        if (Boolean.FALSE.equals(withinPolicy)) {
            found.add(exception(ExceptionKind.DURATION_EXCEEDS_APPROVAL, grant, grant.grantedAt, grant.grantedIndex,
                    "granted " + text(grantedDuration(grant)) + ", requested " + text(req.requestedDuration)
                            + ", approved " + text(req.approvedDuration)));
        }
        if (grant.revokedIndex != null) {
            if (grant.revokedAt != null && grant.expiresAt != null
                    && grant.revokedAt.isAfter(grant.expiresAt.plus(grace))) {
                found.add(exception(ExceptionKind.LATE_REVOCATION, grant, grant.revokedAt, grant.revokedIndex,
                        "revoked " + text(Duration.between(grant.expiresAt, grant.revokedAt))
                                + " after expiry (grace " + text(grace) + ")"));
            }
            if (!Boolean.TRUE.equals(grant.revocationConfirmed)) {
                found.add(exception(ExceptionKind.UNCONFIRMED_REVOCATION, grant, grant.revokedAt,
                        grant.revokedIndex, "the connector did not confirm that the access is gone from "
                                + (grant.system == null ? "the target system" : grant.system)));
            }
            if (grant.revokedAt != null && grant.lastActionAt != null && grant.lastActionAt.isAfter(grant.revokedAt)) {
                found.add(exception(ExceptionKind.ACTIVITY_AFTER_REVOCATION, grant, grant.lastActionAt,
                        grant.lastActionIndex, "session action at " + grant.lastActionAt + ", "
                                + text(Duration.between(grant.revokedAt, grant.lastActionAt)) + " after revocation"));
            }
        } else if (grant.expiresAt != null && asOf != null && asOf.isAfter(grant.expiresAt.plus(grace))) {
            found.add(exception(ExceptionKind.MISSING_REVOCATION, grant, grant.expiresAt.plus(grace),
                    grant.grantedIndex, "expired at " + grant.expiresAt + "; no AccessRevoked recorded by " + asOf));
        }
        reviewException(grant, req, asOf).ifPresent(found::add);
        Set<String> parties = new LinkedHashSet<>();
        if (req.requester != null) {
            parties.add(req.requester);
        }
        String beneficiary = beneficiary(grant, req);
        if (beneficiary != null) {
            parties.add(beneficiary);
        }
        if (req.approvers != null) {
            List<String> selfApprovers = req.approvers.stream().filter(parties::contains).toList();
            if (!selfApprovers.isEmpty()) {
                found.add(exception(ExceptionKind.SEPARATION_OF_DUTIES_VIOLATION, grant, req.approvedAt,
                        req.approvedIndex, "approved by the requester or beneficiary: "
                                + String.join(", ", selfApprovers)));
            }
            parties.addAll(req.approvers);
        }
        if (grant.reviewer != null && parties.contains(grant.reviewer)) {
            found.add(exception(ExceptionKind.SEPARATION_OF_DUTIES_VIOLATION, grant, grant.reviewCompletedAt,
                    grant.reviewCompletedIndex, "reviewed by " + grant.reviewer
                            + ", who requested, received or approved the access"));
        }
        return found;
    }

    /**
     * An {@code Approved} recorded before the grant, or recorded after it but stamped no later than
     * {@code grantedAt}: the ledger reads several topics, so an approval can be recorded a moment after the grant
     * it caused. An approval that comes later in both orders does not count.
     */
    private static boolean approvedBefore(GrantState grant, RequestState req) {
        if (req.approvedIndex == null) {
            return false;
        }
        return req.approvedIndex < grant.grantedIndex
                || (req.approvedAt != null && grant.grantedAt != null && !req.approvedAt.isAfter(grant.grantedAt));
    }

    private java.util.Optional<ReportException> reviewException(GrantState grant, RequestState req, Instant asOf) {
        Instant due = reviewDue(grant, req, asOf);
        if (due == null) {
            return java.util.Optional.empty();
        }
        if (grant.reviewCompletedIndex != null) {
            if (grant.reviewCompletedAt != null && grant.reviewCompletedAt.isAfter(due)) {
                return java.util.Optional.of(exception(ExceptionKind.REVIEW_LATE, grant, grant.reviewCompletedAt,
                        grant.reviewCompletedIndex, "completed " + text(Duration.between(due, grant.reviewCompletedAt))
                                + " after it was due (" + due + ")"));
            }
            return java.util.Optional.empty();
        }
        if (asOf == null || !asOf.isAfter(due)) {
            return java.util.Optional.empty();
        }
        if (grant.reviewScheduledIndex != null) {
            return java.util.Optional.of(exception(ExceptionKind.REVIEW_OVERDUE, grant, due,
                    grant.reviewScheduledIndex, "due " + due + ", not completed by " + asOf));
        }
        return java.util.Optional.of(exception(ExceptionKind.REVIEW_MISSING, grant, due,
                grant.revokedIndex != null ? grant.revokedIndex : grant.grantedIndex,
                "the access ended; a review was due by " + due + " but none was scheduled"));
    }

    /**
     * {@code ReviewScheduled.dueAt}; without one, the end of the access plus the request's review plan (or the
     * default). {@code null} while the access has not ended and no review is scheduled.
     */
    private Instant reviewDue(GrantState grant, RequestState req, Instant asOf) {
        if (grant.reviewScheduledIndex != null) {
            return grant.reviewDueAt;
        }
        Instant end = grant.revokedAt;
        if (end == null && grant.expiresAt != null && asOf != null && asOf.isAfter(grant.expiresAt)) {
            end = grant.expiresAt;
        }
        if (end == null) {
            return null;
        }
        return end.plus(req.reviewDueWithin != null ? req.reviewDueWithin : request.parameters().defaultReviewDue());
    }

    private AccessRow row(GrantState grant, RequestState req, List<ReportException> found) {
        Set<Long> evidence = new TreeSet<>(req.evidence);
        evidence.addAll(grant.evidence);
        String reviewOutcome = grant.reviewCompletedIndex != null ? grant.reviewOutcome
                : grant.reviewScheduledIndex != null ? "PENDING" : "NOT_SCHEDULED";
        Instant reviewDueAt = grant.reviewScheduledIndex != null ? grant.reviewDueAt : null;
        return new AccessRow(grant.requestId, req.kind, req.requestedAt, req.requester, req.requesterType,
                req.origin, beneficiary(grant, req), req.approvers,
                req.approvalMode != null ? req.approvalMode : req.plannedMode, req.approvedAt, req.justification,
                req.incident, grant.system != null ? grant.system : req.system,
                grant.role != null ? grant.role : req.role, req.policy, grant.grantId, grant.grantedAt,
                grant.expiresAt, grant.revokedAt, grant.revocationReason, grant.revocationConfirmed,
                req.requestedDuration, req.approvedDuration, grantedDuration(grant),
                grant.revokedAt != null && grant.grantedAt != null
                        ? Duration.between(grant.grantedAt, grant.revokedAt) : null,
                withinPolicy(grant, req), grant.sessionActions, reviewOutcome, grant.reviewer, reviewDueAt,
                found.stream().map(exception -> exception.kind().name()).distinct().toList(),
                List.copyOf(evidence));
    }

    /**
     * The policy's maximum is enforced at intake and not carried by the events, so the report checks the chain
     * it can see: granted window ≤ approved duration ≤ requested duration. {@code null} when nothing to compare.
     */
    private static Boolean withinPolicy(GrantState grant, RequestState req) {
        Duration granted = grantedDuration(grant);
        if (granted == null || (req.requestedDuration == null && req.approvedDuration == null)) {
            return null;
        }
        boolean ok = (req.requestedDuration == null || granted.compareTo(req.requestedDuration) <= 0)
                && (req.approvedDuration == null || granted.compareTo(req.approvedDuration) <= 0)
                && (req.requestedDuration == null || req.approvedDuration == null
                        || req.approvedDuration.compareTo(req.requestedDuration) <= 0);
        return ok;
    }

    private static Duration grantedDuration(GrantState grant) {
        return grant.grantedAt != null && grant.expiresAt != null
                ? Duration.between(grant.grantedAt, grant.expiresAt) : null;
    }

    private static String beneficiary(GrantState grant, RequestState req) {
        return grant.beneficiary != null ? grant.beneficiary : req.beneficiary;
    }

    private static ReportException exception(ExceptionKind kind, GrantState grant, Instant at, Long index,
            String detail) {
        return new ReportException(kind, grant.requestId, grant.grantId, at, detail,
                index != null ? index : grant.grantedIndex);
    }

    // ---------------------------------------------------------------------------------------------------------
    // reading JSON leniently

    private RequestState request(String requestId) {
        return requests.computeIfAbsent(requestId == null ? "" : requestId, RequestState::new);
    }

    /** The grant the event names (created on first mention), empty when it names none. */
    private java.util.Optional<GrantState> grant(JsonNode data) {
        return java.util.Optional.ofNullable(text(data.path("grantId")))
                .map(grantId -> grants.computeIfAbsent(grantId, GrantState::new));
    }

    private static String requestId(JsonNode event, JsonNode data) {
        String id = text(data.path("requestId"));
        return id != null ? id : text(event.path("subject"));
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static String text(Duration duration) {
        return duration == null ? "unknown" : duration.toString();
    }

    private static List<String> texts(JsonNode node) {
        List<String> values = new ArrayList<>();
        node.forEach(value -> {
            if (value.isTextual()) {
                values.add(value.asText());
            }
        });
        return values;
    }

    private static String policy(JsonNode policy) {
        String id = text(policy.path("id"));
        String version = text(policy.path("version"));
        return id == null ? null : version == null ? id : id + "@" + version;
    }

    private static Instant instant(JsonNode node) {
        return LedgerFact.instant(node);
    }

    private static Duration duration(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        try {
            return Duration.parse(node.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static final class RequestState {
        final String requestId;
        final Set<Long> evidence = new TreeSet<>();
        Long requestedIndex;
        Instant requestedAt;
        String kind;
        String requester;
        String requesterType;
        String origin;
        String beneficiary;
        String justification;
        String incident;
        String system;
        String role;
        String policy;
        Duration requestedDuration;
        String plannedMode;
        Duration reviewDueWithin;
        Long approvedIndex;
        Instant approvedAt;
        List<String> approvers;
        String approvalMode;
        Duration approvedDuration;

        RequestState(String requestId) {
            this.requestId = requestId;
        }
    }

    private static final class GrantState {
        final String grantId;
        String requestId;
        Long grantedIndex; // null until its AccessGranted is read
        final Set<Long> evidence = new TreeSet<>();
        Instant grantedAt;
        Instant expiresAt;
        String beneficiary;
        String system;
        String role;
        long sessionActions;
        Instant lastActionAt;
        Long lastActionIndex;
        Long revokedIndex;
        Instant revokedAt;
        String revocationReason;
        Boolean revocationConfirmed;
        Long reviewScheduledIndex;
        Instant reviewDueAt;
        Long reviewCompletedIndex;
        Instant reviewCompletedAt;
        String reviewOutcome;
        String reviewer;

        GrantState(String grantId) {
            this.grantId = grantId;
        }
    }

    private record Attempt(long index, Instant time, String requestId, String actor, String action, String rule,
            String message) {
        String describe() {
            return (actor == null ? "someone" : actor) + " tried " + (action == null ? "an action" : action)
                    + (requestId == null ? "" : " on request " + requestId) + ": refused by rule " + rule
                    + (message == null ? "" : " (" + message + ")");
        }
    }
}
