package io.eer.approval.domain;

import io.eer.contracts.events.Approved;
import io.eer.contracts.events.Denied;
import io.eer.contracts.events.DomainEvent;
import java.time.Instant;
import java.util.Objects;

/**
 * The history of one approval. {@link Concluded} carries the public event ({@code Approved} or {@code Denied})
 * that goes to {@code eer.approvals}; the others stay inside this service.
 */
public sealed interface ApprovalEvent {

    /** A request arrived and waits for (or, pre-approved, needs no) decisions. */
    record Opened(ApprovalCase approvalCase) implements ApprovalEvent {
        public Opened {
            Objects.requireNonNull(approvalCase, "approvalCase");
        }
    }

    /** One approver's decision; several may be needed to reach the quorum. */
    record DecisionRecorded(String approver, Decision decision, String comment, Instant at) implements ApprovalEvent {
        public DecisionRecorded {
            Objects.requireNonNull(approver, "approver");
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(at, "at");
        }
    }

    /** The approval is over: the request is approved or denied, and the world is told. */
    record Concluded(DomainEvent outcome) implements ApprovalEvent {
        public Concluded {
            if (!(outcome instanceof Approved) && !(outcome instanceof Denied)) {
                throw new IllegalArgumentException("an approval concludes with Approved or Denied, not " + outcome);
            }
        }

        public ApprovalStatus status() {
            return outcome instanceof Approved ? ApprovalStatus.APPROVED : ApprovalStatus.DENIED;
        }
    }

    /** The requester withdrew the request while it was pending. */
    record Cancelled(String by, Instant at) implements ApprovalEvent {
    }
}
