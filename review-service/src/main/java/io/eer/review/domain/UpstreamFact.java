package io.eer.review.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the review service learns from other services, in its own words (the edge, {@code infra.out}, translates the
 * received events): the request, each approval, the grant, each recorded session action, the end of each grant's
 * access. The intake schedules from the first three kinds; the evidence of a review is all of them.
 */
public sealed interface UpstreamFact {

    RequestId requestId();

    /**
     * {@code EmergencyRequested}: who asked, for whom, and the review plan (null parts fall back to defaults);
     * {@code emergency}: break-glass kind (the beneficiary must attest before the review is completed);
     * {@code scope}: the objects the access is for, as request-service decided it (empty: none named).
     */
    record Requested(RequestId requestId, String requester, String beneficiary, String system, String role,
            List<String> reviewerGroups, Duration dueWithin, boolean emergency, String justification,
            String incident, List<String> scope) implements UpstreamFact {
        public Requested {
            reviewerGroups = reviewerGroups == null ? List.of() : List.copyOf(reviewerGroups);
            scope = scope == null ? List.of() : List.copyOf(scope);
        }

        public Requested(RequestId requestId, String requester, String beneficiary, String system, String role,
                List<String> reviewerGroups, Duration dueWithin, boolean emergency, String justification,
                String incident) {
            this(requestId, requester, beneficiary, system, role, reviewerGroups, dueWithin, emergency,
                    justification, incident, List.of());
        }

        public Requested(RequestId requestId, String requester, String beneficiary, String system, String role,
                List<String> reviewerGroups, Duration dueWithin) {
            this(requestId, requester, beneficiary, system, role, reviewerGroups, dueWithin, false, null, null);
        }
    }

    /** One approver's decision as the approval recorded it, with its MFA evidence (methods empty when none). */
    record ApprovalDecision(String approver, Instant at, List<String> mfaMethods, Instant mfaAuthTime) {
        public ApprovalDecision {
            mfaMethods = mfaMethods == null ? List.of() : List.copyOf(mfaMethods);
        }
    }

    /**
     * {@code Approved}: the approvers (and the people it names), whether the policy alone approved it, its mode and
     * each decision with its MFA evidence (empty when pre-approved or not recorded).
     */
    record Approval(RequestId requestId, List<String> approvers, String requester, String beneficiary,
            boolean breakGlass, String mode, List<ApprovalDecision> decisions) implements UpstreamFact {
        public Approval {
            approvers = approvers == null ? List.of() : approvers.stream().filter(a -> a != null).toList();
            decisions = decisions == null ? List.of() : List.copyOf(decisions);
        }

        public Approval(RequestId requestId, List<String> approvers, String requester, String beneficiary,
                boolean breakGlass) {
            this(requestId, approvers, requester, beneficiary, breakGlass, null, List.of());
        }
    }

    /** {@code AccessGranted}: the grant window on the target. */
    record Granted(RequestId requestId, GrantId grantId, String system, String role, String account,
            Instant grantedAt, Instant expiresAt) implements UpstreamFact {
    }

    /**
     * {@code SessionActionLogged}: one recorded action of a grant's session, and who recorded it. {@code kind} and
     * {@code statement} are the gateway's (the statement kind it labelled and the text it relayed, truncated or
     * redacted as it was recorded); null on a reported action.
     */
    record Action(RequestId requestId, GrantId grantId, String sessionId, String action, String object, Instant at,
            ActionChannel channel, String reportedBy, String kind, String statement) implements UpstreamFact {

        /** A reported action (grant-service): no statement kind or text. */
        public Action(RequestId requestId, GrantId grantId, String sessionId, String action, String object,
                Instant at, ActionChannel channel, String reportedBy) {
            this(requestId, grantId, sessionId, action, object, at, channel, reportedBy, null, null);
        }

        /**
         * The objects the action is on: the names the gateway parsed from the statement (its {@code object} is them,
         * comma-separated); a reported action's {@code object} is the reporter's own text, kept whole.
         */
        public List<String> objects() {
            return objects(channel, object);
        }

        /** {@link #objects()} of an action {@code channel} recorded with {@code object}. */
        public static List<String> objects(ActionChannel channel, String object) {
            if (object == null || object.isBlank()) {
                return List.of();
            }
            if (channel != ActionChannel.GATEWAY) {
                return List.of(object);
            }
            return java.util.Arrays.stream(object.split(",")).map(String::strip).filter(name -> !name.isEmpty())
                    .toList();
        }

        /**
         * The gateway's marks of a session's end ({@code disconnect}, {@code cut-off}): nothing ran on the target,
         * so they are no use of the access and never "after the deadline" (a cut-off is recorded just after it).
         */
        public boolean sessionEnd() {
            return channel == ActionChannel.GATEWAY && ("disconnect".equals(action) || "cut-off".equals(action));
        }
    }

    /**
     * {@code AccessRevoked}, any reason: the grant's access ended at {@code revokedAt}; the rest is the revocation
     * receipt (why, sessions terminated, whether the connector confirmed nothing was left).
     */
    record Ended(RequestId requestId, GrantId grantId, String system, Instant revokedAt, String reason,
            int sessionsTerminated, boolean confirmed) implements UpstreamFact {

        public Ended(RequestId requestId, GrantId grantId, String system, Instant revokedAt) {
            this(requestId, grantId, system, revokedAt, null, 0, false);
        }
    }
}
