package io.eer.approval.domain;

import java.time.Instant;
import java.util.Objects;

/** What can be asked of an approval. {@link Decide} is its own file (the approvers' command). */
public sealed interface ApprovalCommand permits ApprovalCommand.Open, Decide, ApprovalCommand.Tick,
        ApprovalCommand.Cancel, ApprovalCommand.RecordRefusal {

    /** A request arrived (requested at {@code at}; {@code null}: no clock runs). */
    record Open(ApprovalCase approvalCase, Instant at, ApprovalEvent.RequestDetails details) implements ApprovalCommand {
        public Open {
            Objects.requireNonNull(approvalCase, "approvalCase");
        }

        public Open(ApprovalCase approvalCase, Instant at) {
            this(approvalCase, at, ApprovalEvent.RequestDetails.NONE);
        }
    }

    /** Time passes: whatever is due at {@code now} happens (escalation, time-out). */
    record Tick(Instant now) implements ApprovalCommand {
        public Tick {
            Objects.requireNonNull(now, "now");
        }
    }

    /** The request was cancelled by {@code by} at {@code at}. */
    record Cancel(String by, Instant at) implements ApprovalCommand {
    }

    /** Keep evidence of a refused decision: {@code attempt} was refused under {@code refusal}. */
    record RecordRefusal(Decide attempt, String actorType, Refusal refusal, String message) implements ApprovalCommand {
        public RecordRefusal {
            Objects.requireNonNull(attempt, "attempt");
            Objects.requireNonNull(refusal, "refusal");
        }
    }
}
