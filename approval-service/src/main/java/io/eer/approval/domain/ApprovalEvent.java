package io.eer.approval.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The history of one approval: its only history, stored in {@code domain_event}. {@link Escalated},
 * {@link Concluded} and {@link AttemptRefused} are public (published on {@code eer.approvals}); {@link Opened},
 * {@link DecisionRecorded} and {@link Cancelled} are internal facts only this service reads.
 */
public sealed interface ApprovalEvent {

    /**
     * A request arrived and waits for (or, pre-approved, needs no) decisions. {@code at} is when it was requested:
     * the decision timeout and the validity run from then ({@code null}: no clock runs). {@code details}: what only
     * the read model shows.
     */
    record Opened(ApprovalCase approvalCase, Instant at, RequestDetails details) implements ApprovalEvent {
        public Opened {
            Objects.requireNonNull(approvalCase, "approvalCase");
            details = details == null ? RequestDetails.NONE : details;
        }

        public Opened(ApprovalCase approvalCase, Instant at) {
            this(approvalCase, at, RequestDetails.NONE);
        }

        public Opened(ApprovalCase approvalCase) {
            this(approvalCase, null);
        }
    }

    /**
     * One approver's decision; several may be needed to reach the quorum. {@code groups}: the approver's groups as the
     * token said; {@code mfa}: the evidence behind the decision when the plan asked for it ({@code null} otherwise).
     */
    record DecisionRecorded(String approver, List<String> groups, Decision decision, String comment, Instant at,
            MfaEvidence mfa) implements ApprovalEvent {
        public DecisionRecorded {
            Objects.requireNonNull(approver, "approver");
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(at, "at");
            groups = groups == null ? List.of() : List.copyOf(groups);
        }

        public DecisionRecorded(String approver, Decision decision, String comment, Instant at) {
            this(approver, List.of(), decision, comment, at, null);
        }
    }

    /** Nobody at the current level decided in time: the next group in the chain is asked. */
    record Escalated(ApprovalEscalated escalated) implements ApprovalEvent {
        public Escalated {
            Objects.requireNonNull(escalated, "escalated");
        }
    }

    /** The approval is over: approved, denied or timed out, and the world is told. */
    record Concluded(Outcome outcome) implements ApprovalEvent {
        public Concluded {
            Objects.requireNonNull(outcome, "outcome");
        }

        public ApprovalStatus status() {
            if (outcome instanceof Outcome.Approved) {
                return ApprovalStatus.APPROVED;
            }
            return outcome instanceof Outcome.Denied ? ApprovalStatus.DENIED : ApprovalStatus.EXPIRED;
        }
    }

    /** The requester withdrew the request while it was pending. */
    record Cancelled(String by, Instant at) implements ApprovalEvent {
    }

    /**
     * A decision was refused for a rule a security team wants evidence of (separation of duties, approver group,
     * MFA). Changes nothing in the approval.
     */
    record AttemptRefused(String requestId, Actor actor, String action, String rule, String message,
            PolicyRef policy) implements ApprovalEvent {
    }

    /** What the read model shows beyond the case: request kind, origin, justification (each may be absent). */
    record RequestDetails(String kind, String origin, String justification) {
        public static final RequestDetails NONE = new RequestDetails(null, null, null);
    }
}
