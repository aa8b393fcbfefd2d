package io.eer.contracts.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Small value types shared by several events. */
public final class Values {
    private Values() {
    }

    public enum RequestKind { EMERGENCY, JIT }

    public enum Origin { EMPLOYEE_SELF, CONTRACTOR_SELF, ON_BEHALF }

    public enum PrincipalType { EMPLOYEE, CONTRACTOR }

    public enum ApprovalMode { PRE_APPROVED, EXPEDITED, STANDARD }

    public enum RevocationReason { EXPIRED, REVOKED_EARLY, REQUEST_CANCELLED }

    public enum ReviewOutcome { ACCESS_APPROPRIATE, FINDINGS_RAISED, ACCESS_MISUSED }

    public enum Severity { INFO, WARNING, CRITICAL }

    /** Who acted, as the verified token said. */
    public record Principal(String id, PrincipalType type, List<String> groups) {
        public Principal {
            groups = List.copyOf(groups);
        }
    }

    /** The authentication evidence behind a request or decision (RFC 8176 methods, token auth_time). */
    public record MfaEvidence(List<String> methods, Instant authTime) {
        public MfaEvidence {
            methods = List.copyOf(methods);
        }
    }

    public record PolicyRef(String id, String version) {
    }

    /** How the request is to be decided, fixed by the policy rule that accepted it. */
    public record ApprovalPlan(ApprovalMode mode, List<String> approverGroups, int quorum) {
        public ApprovalPlan {
            approverGroups = List.copyOf(approverGroups);
        }
    }

    /** Who reviews the access once it ends, and how soon. */
    public record ReviewPlan(List<String> reviewerGroups, Duration dueWithin) {
        public ReviewPlan {
            reviewerGroups = List.copyOf(reviewerGroups);
        }
    }

    /** One failed policy rule, naming the request field it concerns. */
    public record RuleViolation(String field, String rule, String message) {
    }
}
