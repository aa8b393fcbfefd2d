package io.eer.audit.insight.application;

import io.eer.contracts.events.Values.Severity;
import io.eer.ledger.format.LedgerFact;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The SOC alert rules, as plain functions of one ledger entry and what the projections knew just before it (or of
 * a projection row and the current time, for the time-based checks). Each alert has a key; with its rule it is the
 * alert's identity, so the same situation is raised once however often it is seen.
 */
public final class AlertRules {

    public static final String BREAK_GLASS_GRANTED = "break-glass-granted";
    public static final String REPEATED_REFUSALS = "repeated-refusals";
    public static final String SELF_APPROVAL = "self-approval-attempt";
    public static final String LATE_REVOCATION = "late-revocation";
    public static final String SESSION_AFTER_GRANT_END = "session-after-grant-end";
    public static final String REVIEW_OVERDUE = "review-overdue";
    public static final String LEDGER_DEAD_LETTER = "ledger-dead-letter";
    public static final String DEAD_LETTER = "dead-letter";
    public static final String REVOCATION_FAILING = "revocation-failing";
    public static final String ORPHAN_LOGIN_REMOVED = "orphan-login-removed";
    public static final String FORGED_SOURCE = "forged-source";
    public static final String LEDGER_GAP = "ledger-gap";

    /** The one producer (CloudEvent source) of each domain topic, by topic name without the test prefix. */
    static final Map<String, String> PRODUCERS = Map.of(
            "eer.requests", "/eer/request-service",
            "eer.approvals", "/eer/approval-service",
            "eer.grants", "/eer/grant-service",
            "eer.sessions", "/eer/grant-service",
            "eer.gateway", "/eer/session-gateway",
            "eer.expiries", "/eer/expiry-service",
            "eer.reviews", "/eer/review-service",
            "eer.alerts", "/eer/audit-service",
            "eer.checkpoints", "/eer/audit-service");
    /** Longest piece of a claimed source quoted in an alert (the source is whatever the sender wrote). */
    private static final int MAX_QUOTED = 120;

    /** Our own source: nothing the audit service wrote (AlertRaised) is ever evaluated, so alerts cannot loop. */
    public static final String OWN_SOURCE = "/eer/audit-service";
    // APPROVE_EXTENSION: grant-service's re-approval of an extension (POST /v1/grants/{id}/extend/approval)
    static final Set<String> DECISIONS_ON_ACCESS = Set.of("APPROVE", "DENY", "COMPLETE_REVIEW", "APPROVE_EXTENSION");
    static final String SEPARATION_OF_DUTIES = "separation-of-duties";

    public record Thresholds(int refusalsInARow, Duration lateRevocation, Duration reviewGrace) {
        public Thresholds {
            if (refusalsInARow < 1) {
                throw new IllegalArgumentException("refusals-in-a-row must be at least 1");
            }
            Objects.requireNonNull(lateRevocation, "lateRevocation");
            Objects.requireNonNull(reviewGrace, "reviewGrace");
        }
    }

    public record RequestState(String kind, String requester, String beneficiary) {
    }

    public record GrantState(String grantId, String requestId, String beneficiary, String system, Instant expiresAt,
            Instant revokedAt, long grantedIndex) {
    }

    public record ReviewState(String reviewId, String requestId, String grantId, Instant dueAt, long scheduledIndex) {
    }

    /** What the projections held before the entry: its request, its grant, its review, the requester's streak. */
    public record Context(RequestState request, GrantState grant, ReviewState review, int refusalsBefore) {
    }

    /** {@code trigger}: {@code ledger:<index>} of the entry that made the rule fire. */
    public record Alert(String rule, String key, Severity severity, String requestId, String trigger, String detail) {
    }

    private final Thresholds thresholds;

    public AlertRules(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    public Thresholds thresholds() {
        return thresholds;
    }

    /** The alerts {@code fact} raises, given what the projections held before it. */
    public List<Alert> evaluate(LedgerFact fact, Context context) {
        List<Alert> alerts = new ArrayList<>();
        String trigger = "ledger:" + fact.index();
        String requestId = fact.requestId();
        // before anything else: a forged source must not hide behind our own (which is never evaluated below)
        String producer = producerOf(fact.topic());
        if (producer != null && !producer.equals(fact.source())) {
            alerts.add(new Alert(FORGED_SOURCE, "forged@" + fact.index(), Severity.CRITICAL, requestId, trigger,
                    "%s %s on %s claims source %s, but that topic's producer is %s; recorded, not trusted"
                            .formatted(quoted(fact.shortType()), quoted(fact.id()), fact.topic(),
                                    quoted(fact.source()), producer)));
            return alerts; // no other rule reads a forged event's content
        }
        if (fact.is(LedgerFact.ALERT_RAISED) || OWN_SOURCE.equals(fact.source())) {
            return alerts;
        }
        RequestState request = context.request();
        switch (fact.kind()) {
            case ACCESS_GRANTED -> {
                if (request != null && "EMERGENCY".equals(request.kind())) {
                    alerts.add(new Alert(BREAK_GLASS_GRANTED, fact.text("grantId"), Severity.WARNING, requestId,
                            trigger, "break-glass access granted: %s on %s as %s (grant %s)".formatted(
                                    fact.text("beneficiary"), fact.text("system"), fact.text("role"),
                                    fact.text("grantId"))));
                }
            }
            case REQUEST_REJECTED, DENIED -> {
                String requester = fact.is(LedgerFact.REQUEST_REJECTED) ? fact.text("requester", "id")
                        : request == null ? null : request.requester();
                int inARow = context.refusalsBefore() + 1;
                if (requester != null && inARow % thresholds.refusalsInARow() == 0) {
                    alerts.add(new Alert(REPEATED_REFUSALS, requester + "@" + fact.index(), Severity.WARNING,
                            requestId, trigger, "%s was refused %d times in a row (latest: %s of request %s)"
                                    .formatted(requester, inARow, fact.shortType(), requestId)));
                }
            }
            case ATTEMPT_REFUSED -> {
                String actor = fact.text("actor", "id");
                String action = fact.text("action");
                boolean own = request != null && actor != null
                        && (actor.equals(request.requester()) || actor.equals(request.beneficiary()));
                if (action != null && DECISIONS_ON_ACCESS.contains(action)
                        && (SEPARATION_OF_DUTIES.equals(fact.text("rule")) || own)) {
                    alerts.add(new Alert(SELF_APPROVAL, "attempt@" + fact.index(), Severity.CRITICAL, requestId,
                            trigger, "%s tried to %s their own access (request %s): refused, rule %s".formatted(
                                    actor, action, requestId, fact.text("rule"))));
                }
            }
            case APPROVED -> {
                // defence in depth: the approval service refuses this, but if it ever slipped through, say so
                String requester = request != null ? request.requester() : fact.text("requester");
                String beneficiary = request != null ? request.beneficiary() : fact.text("beneficiary");
                fact.data().path("approvers").forEach(approver -> {
                    String id = approver.asText();
                    if (id.equals(requester) || id.equals(beneficiary)) {
                        alerts.add(new Alert(SELF_APPROVAL, "approved@" + fact.index(), Severity.CRITICAL,
                                requestId, trigger, "%s approved their own access (request %s)"
                                        .formatted(id, requestId)));
                    }
                });
            }
            case REVIEW_COMPLETED -> {
                String reviewer = fact.text("reviewer");
                if (request != null && reviewer != null
                        && (reviewer.equals(request.requester()) || reviewer.equals(request.beneficiary()))) {
                    alerts.add(new Alert(SELF_APPROVAL, "reviewed@" + fact.index(), Severity.CRITICAL, requestId,
                            trigger, "%s reviewed their own access (review %s)".formatted(reviewer,
                                    fact.text("reviewId"))));
                }
                ReviewState review = context.review();
                if (review != null && review.dueAt() != null && fact.time() != null
                        && fact.time().isAfter(review.dueAt().plus(thresholds.reviewGrace()))) {
                    alerts.add(overdue(review, "completed %s, due %s".formatted(fact.time(), review.dueAt()),
                            trigger));
                }
            }
            case ACCESS_REVOKED -> {
                GrantState grant = context.grant();
                Instant revokedAt = fact.instant("revokedAt");
                if (grant != null && grant.expiresAt() != null && revokedAt != null
                        && revokedAt.isAfter(grant.expiresAt().plus(thresholds.lateRevocation()))) {
                    alerts.add(new Alert(LATE_REVOCATION, grant.grantId(), Severity.CRITICAL, requestId, trigger,
                            "grant %s of %s on %s revoked %s after its deadline %s (threshold %s)".formatted(
                                    grant.grantId(), grant.beneficiary(), grant.system(),
                                    Duration.between(grant.expiresAt(), revokedAt), grant.expiresAt(),
                                    thresholds.lateRevocation())));
                }
            }
            case SESSION_ACTION_LOGGED -> {
                GrantState grant = context.grant();
                Instant at = fact.instant("at");
                Instant end = grant == null ? null : grantEnd(grant);
                if (at != null && end != null && at.isAfter(end)) {
                    alerts.add(new Alert(SESSION_AFTER_GRANT_END, grant.grantId(), Severity.CRITICAL, requestId,
                            trigger, "session %s ran %s on %s at %s, after grant %s ended at %s".formatted(
                                    fact.text("sessionId"), fact.text("action"), fact.text("object"), at,
                                    grant.grantId(), end)));
                }
            }
            case REVOCATION_FAILED -> {
                // per grant, not per attempt: the sweeper retries, the SOC needs to hear it once
                String grantId = fact.text("grantId");
                alerts.add(new Alert(REVOCATION_FAILING, grantId != null ? grantId : "request:" + requestId,
                        Severity.CRITICAL, requestId, trigger, ("revocation of grant %s (request %s) on %s is failing: "
                                + "attempt %s, %s; next attempt %s; the access may still be live").formatted(grantId,
                                        requestId, fact.text("system"), fact.text("attempt"), fact.text("error"),
                                        fact.text("nextAttemptAt"))));
            }
            case ORPHAN_LOGIN_REMOVED -> alerts.add(new Alert(ORPHAN_LOGIN_REMOVED, "orphan@" + fact.index(),
                    Severity.HIGH, requestId, trigger, ("login %s on %s existed without a grant and was removed at %s "
                            + "(%s)").formatted(fact.text("account"), fact.text("system"), fact.text("removedAt"),
                                    fact.text("reason"))));
            default -> {
                // no rule for this type
            }
        }
        return alerts;
    }

    /** The producer of {@code topic} ({@code test-audit.eer.grants} → grant-service), null for other topics. */
    static String producerOf(String topic) {
        if (topic == null) {
            return null;
        }
        int at = topic.lastIndexOf("eer.");
        return at < 0 ? null : PRODUCERS.get(topic.substring(at));
    }

    private static String quoted(String text) {
        if (text == null) {
            return "(none)";
        }
        return "'" + (text.length() > MAX_QUOTED ? text.substring(0, MAX_QUOTED) + "…" : text) + "'";
    }

    /** The grant ended at its deadline, or earlier when it was revoked before it. */
    static Instant grantEnd(GrantState grant) {
        if (grant.revokedAt() == null) {
            return grant.expiresAt();
        }
        return grant.expiresAt() == null || grant.revokedAt().isBefore(grant.expiresAt()) ? grant.revokedAt()
                : grant.expiresAt();
    }

    /** A review still open past its due time (plus grace) at {@code now}. */
    public List<Alert> checkOpenReview(ReviewState review, Instant now) {
        if (review.dueAt() != null && now.isAfter(review.dueAt().plus(thresholds.reviewGrace()))) {
            return List.of(overdue(review, "still open at " + now + ", due " + review.dueAt(),
                    "ledger:" + review.scheduledIndex()));
        }
        return List.of();
    }

    /** A grant not revoked by its deadline plus the threshold at {@code now}. */
    public List<Alert> checkActiveGrant(GrantState grant, Instant now) {
        if (grant.revokedAt() == null && grant.expiresAt() != null
                && now.isAfter(grant.expiresAt().plus(thresholds.lateRevocation()))) {
            return List.of(new Alert(LATE_REVOCATION, grant.grantId(), Severity.CRITICAL, grant.requestId(),
                    "ledger:" + grant.grantedIndex(), ("grant %s of %s on %s is still not revoked at %s, deadline %s "
                            + "(threshold %s)").formatted(grant.grantId(), grant.beneficiary(), grant.system(), now,
                                    grant.expiresAt(), thresholds.lateRevocation())));
        }
        return List.of();
    }

    /**
     * A record the ledger could not hold went to the dead-letter topic: no ledger rule can ever see it, so it is
     * raised from the consumer. {@code why} names the kind of failure only, never the record's content.
     */
    public static Alert deadLettered(String requestId, String coordinates, String why) {
        return new Alert(LEDGER_DEAD_LETTER, coordinates, Severity.CRITICAL, requestId, "kafka:" + coordinates,
                "the record at %s is not in the ledger, it went to the dead-letter topic: %s".formatted(coordinates,
                        why));
    }

    /**
     * A record on a dead-letter topic ({@code eer.dlq.<service>}): named by its own coordinates (the alert's key, so
     * each dead letter raises one alert), the original coordinates and the kind of failure from SmallRye's
     * {@code dead-letter-*} headers; never the record's content.
     */
    public static Alert deadLetterRecord(String requestId, String service, String coordinates, String original,
            String failure) {
        return new Alert(DEAD_LETTER, coordinates, Severity.CRITICAL, requestId, "kafka:" + coordinates,
                "%s dead-lettered the record %s (%s); it sits at %s and its effect is missing until it is replayed"
                        .formatted(service, original, failure, coordinates));
    }

    /**
     * Events of {@code producer} with these sequence numbers have not reached the ledger for longer than the bound:
     * they were lost or are stuck (the producer can republish them). Once per gap.
     */
    public static Alert gap(String producer, long first, long last, Instant openSince) {
        String missing = first == last ? "sequence " + first : "sequences " + first + ".." + last;
        return new Alert(LEDGER_GAP, producer + "#" + first + "-" + last, Severity.CRITICAL, "unknown",
                "gap:" + producer + "#" + first, "the ledger lacks %s from %s (missing since %s): events lost or stuck; "
                        .formatted(missing, producer, openSince) + "republish with POST /v1/admin/republish?from="
                        + first + " on that service");
    }

    private Alert overdue(ReviewState review, String what, String trigger) {
        return new Alert(REVIEW_OVERDUE, review.reviewId(), Severity.WARNING, review.requestId(), trigger,
                "review %s of grant %s is overdue: %s".formatted(review.reviewId(), review.grantId(), what));
    }
}
