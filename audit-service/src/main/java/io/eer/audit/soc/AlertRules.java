package io.eer.audit.soc;

import io.eer.audit.projection.LedgerFact;
import io.eer.contracts.events.Values.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    /** Our own source: nothing the audit service wrote (AlertRaised) is ever evaluated, so alerts cannot loop. */
    public static final String OWN_SOURCE = "/eer/audit-service";
    static final Set<String> DECISIONS_ON_ACCESS = Set.of("APPROVE", "DENY", "COMPLETE_REVIEW");
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
        if (fact.is(LedgerFact.ALERT_RAISED) || OWN_SOURCE.equals(fact.source())) {
            return alerts;
        }
        String trigger = "ledger:" + fact.index();
        String requestId = fact.requestId();
        RequestState request = context.request();
        switch (fact.type()) {
            case LedgerFact.ACCESS_GRANTED -> {
                if (request != null && "EMERGENCY".equals(request.kind())) {
                    alerts.add(new Alert(BREAK_GLASS_GRANTED, fact.text("grantId"), Severity.WARNING, requestId,
                            trigger, "break-glass access granted: %s on %s as %s (grant %s)".formatted(
                                    fact.text("beneficiary"), fact.text("system"), fact.text("role"),
                                    fact.text("grantId"))));
                }
            }
            case LedgerFact.REQUEST_REJECTED, LedgerFact.DENIED -> {
                String requester = fact.is(LedgerFact.REQUEST_REJECTED) ? fact.text("requester", "id")
                        : request == null ? null : request.requester();
                int inARow = context.refusalsBefore() + 1;
                if (requester != null && inARow % thresholds.refusalsInARow() == 0) {
                    alerts.add(new Alert(REPEATED_REFUSALS, requester + "@" + fact.index(), Severity.WARNING,
                            requestId, trigger, "%s was refused %d times in a row (latest: %s of request %s)"
                                    .formatted(requester, inARow, fact.shortType(), requestId)));
                }
            }
            case LedgerFact.ATTEMPT_REFUSED -> {
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
            case LedgerFact.APPROVED -> {
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
            case LedgerFact.REVIEW_COMPLETED -> {
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
            case LedgerFact.ACCESS_REVOKED -> {
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
            case LedgerFact.SESSION_ACTION_LOGGED -> {
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
            default -> {
                // no rule for this type
            }
        }
        return alerts;
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

    private Alert overdue(ReviewState review, String what, String trigger) {
        return new Alert(REVIEW_OVERDUE, review.reviewId(), Severity.WARNING, review.requestId(), trigger,
                "review %s of grant %s is overdue: %s".formatted(review.reviewId(), review.grantId(), what));
    }
}
