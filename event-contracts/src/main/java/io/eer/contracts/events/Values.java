package io.eer.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
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

    public enum Severity { INFO, WARNING, HIGH, CRITICAL }

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

    /**
     * How the request is to be decided, fixed by the policy rule that accepted it. Every component after
     * {@code quorum} is optional (absent in events written before it existed):
     * {@code distinctGroups}: the approvers must each come from a different approver group (false is left out of
     * the JSON, so absent means false); {@code decisionTimeout}: how long each escalation level has to decide
     * (EXPEDITED); {@code escalation}: the groups asked next, in order, after {@code approverGroups} (EXPEDITED);
     * {@code validity}: how long the request may stay undecided (STANDARD); {@code approverMfa}: the
     * authentication an approver must show (absent: none beyond a valid token).
     */
    public record ApprovalPlan(
            ApprovalMode mode,
            List<String> approverGroups,
            int quorum,
            @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean distinctGroups,
            Duration decisionTimeout,
            List<String> escalation,
            Duration validity,
            MfaRequirement approverMfa) {
        public ApprovalPlan {
            approverGroups = List.copyOf(approverGroups);
            escalation = escalation == null ? null : List.copyOf(escalation);
        }

        /** The plan as it was before distinct groups, timeouts, escalation, validity and approver MFA. */
        public ApprovalPlan(ApprovalMode mode, List<String> approverGroups, int quorum) {
            this(mode, approverGroups, quorum, false, null, null, null, null);
        }
    }

    /**
     * The authentication a decision needs: one of {@code acceptedMethods} (RFC 8176 amr values) in the token, and
     * an {@code auth_time} no older than {@code maxAge} when the decision is made (absent: no age limit).
     */
    public record MfaRequirement(List<String> acceptedMethods, Duration maxAge) {
        public MfaRequirement {
            acceptedMethods = List.copyOf(acceptedMethods);
        }
    }

    /**
     * One approver's decision, as the verified token said: the approver's {@code groups} when deciding, and the
     * MFA evidence behind it (absent when the plan asked for none). {@code comment} is optional.
     */
    public record Decision(String approver, List<String> groups, Instant at, String comment, MfaEvidence mfa) {
        public Decision {
            groups = List.copyOf(groups);
        }
    }

    /** Who reviews the access once it ends, and how soon. */
    public record ReviewPlan(List<String> reviewerGroups, Duration dueWithin) {
        public ReviewPlan {
            reviewerGroups = List.copyOf(reviewerGroups);
        }
    }

    /**
     * The objects (tables, views, schemas; {@code schema.name} as the session gateway records them, {@code *} any
     * characters) an emergency access is for, as request-service decided it: the policy's scope of the system, or
     * the narrower one the request named. review-service raises {@code outside-incident-scope} for a gateway action
     * on any other object.
     */
    public record IncidentScope(List<String> objects) {
        public IncidentScope {
            objects = List.copyOf(objects);
        }
    }

    /** One failed policy rule, naming the request field it concerns. */
    public record RuleViolation(String field, String rule, String message) {
    }
}
