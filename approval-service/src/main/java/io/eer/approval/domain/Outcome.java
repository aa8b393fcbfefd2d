package io.eer.approval.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** How an approval ends: approved, denied, or timed out undecided. Published on {@code eer.approvals}. */
public sealed interface Outcome {

    String requestId();

    /** One APPROVE that the approval rests on: who, in which groups, when, why, with which MFA evidence. */
    record ApprovalDecision(String approver, List<String> groups, Instant at, String comment, MfaEvidence mfa) {
        public ApprovalDecision {
            groups = List.copyOf(groups);
        }
    }

    record Approved(String requestId, List<String> approvers, ApprovalMode mode, Duration grantedDuration,
            String requester, String beneficiary, String system, String role, PolicyRef policy,
            List<ApprovalDecision> decisions, Duration maxDuration) implements Outcome {
        public Approved {
            approvers = List.copyOf(approvers);
            decisions = decisions == null ? null : List.copyOf(decisions);
        }

        public Approved(String requestId, List<String> approvers, ApprovalMode mode, Duration grantedDuration,
                String requester, String beneficiary, String system, String role, PolicyRef policy) {
            this(requestId, approvers, mode, grantedDuration, requester, beneficiary, system, role, policy, null,
                    null);
        }
    }

    record Denied(String requestId, String approver, String reason, PolicyRef policy, MfaEvidence mfa,
            List<String> groups) implements Outcome {
        public Denied {
            groups = groups == null ? null : List.copyOf(groups);
        }

        public Denied(String requestId, String approver, String reason, PolicyRef policy) {
            this(requestId, approver, reason, policy, null, null);
        }
    }

    record ApprovalTimedOut(String requestId, List<String> escalationPath, String reason, PolicyRef policy)
            implements Outcome {
        /** The last escalation level let its decision timeout pass (EXPEDITED). */
        public static final String DECISION_TIMEOUT = "DECISION_TIMEOUT";
        /** The request stayed undecided past the plan's validity. */
        public static final String REQUEST_VALIDITY_EXPIRED = "REQUEST_VALIDITY_EXPIRED";

        public ApprovalTimedOut {
            escalationPath = List.copyOf(escalationPath);
        }
    }
}
