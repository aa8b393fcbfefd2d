package io.eer.approval.domain;

import io.eer.contracts.events.ApprovalEscalated;
import io.eer.contracts.events.ApprovalTimedOut;
import io.eer.contracts.events.Approved;
import io.eer.contracts.events.Denied;
import io.eer.contracts.events.DomainEvent;
import io.eer.contracts.events.Values.MfaEvidence;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The history of one approval. {@link Escalated} and {@link Concluded} carry the public event
 * ({@code ApprovalEscalated}; {@code Approved}, {@code Denied} or {@code ApprovalTimedOut}) that goes to
 * {@code eer.approvals}; the others stay inside this service.
 */
public sealed interface ApprovalEvent {

    /**
     * A request arrived and waits for (or, pre-approved, needs no) decisions. {@code at} is when it was requested:
     * the decision timeout and the validity run from then ({@code null}: no clock runs).
     */
    record Opened(ApprovalCase approvalCase, Instant at) implements ApprovalEvent {
        public Opened {
            Objects.requireNonNull(approvalCase, "approvalCase");
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
    record Concluded(DomainEvent outcome) implements ApprovalEvent {
        public Concluded {
            if (!(outcome instanceof Approved) && !(outcome instanceof Denied)
                    && !(outcome instanceof ApprovalTimedOut)) {
                throw new IllegalArgumentException(
                        "an approval concludes with Approved, Denied or ApprovalTimedOut, not " + outcome);
            }
        }

        public ApprovalStatus status() {
            if (outcome instanceof Approved) {
                return ApprovalStatus.APPROVED;
            }
            return outcome instanceof Denied ? ApprovalStatus.DENIED : ApprovalStatus.EXPIRED;
        }
    }

    /** The requester withdrew the request while it was pending. */
    record Cancelled(String by, Instant at) implements ApprovalEvent {
    }
}
