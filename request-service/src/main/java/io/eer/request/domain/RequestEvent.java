package io.eer.request.domain;

import java.time.Duration;
import java.util.List;

/**
 * What happened to one access request, in its own words (past tense). {@code infra.out.RequestEventMapping} says how
 * each is stored: {@link Requested}, {@link Rejected}, {@link Cancelled} and {@link CancelRefused} are published on
 * {@code eer.requests}; {@link RejectedAskRecorded} and {@link LifecycleAdvanced} are internal facts that only this
 * service reads (to rebuild the request and its projection).
 */
public sealed interface RequestEvent {

    /**
     * Accepted under {@code ruleId}; approval-service gets {@code approval} and review-service {@code review} and
     * {@code scope} (the objects the access is for; empty when neither the policy nor the request names any).
     */
    record Requested(RequestId requestId, RequestKind kind, Origin origin, Principal requester, UserId beneficiary,
            String system, String role, String justification, String incident, Duration duration, MfaEvidence mfa,
            PolicyRef policy, Policy.Approval approval, Policy.Review review, String ticket, Duration maxDuration,
            String ruleId, List<String> scope) implements RequestEvent {
        public Requested {
            scope = scope == null ? List.of() : List.copyOf(scope);
        }

        public Requested(RequestId requestId, RequestKind kind, Origin origin, Principal requester,
                UserId beneficiary, String system, String role, String justification, String incident,
                Duration duration, MfaEvidence mfa, PolicyRef policy, Policy.Approval approval, Policy.Review review,
                String ticket, Duration maxDuration, String ruleId) {
            this(requestId, kind, origin, requester, beneficiary, system, role, justification, incident, duration,
                    mfa, policy, approval, review, ticket, maxDuration, ruleId, List.of());
        }
    }

    /**
     * No rule accepts the request. {@code stepUp} (what fresher or stronger authentication would change that) is
     * part of the answer only: it is not stored, so an event read back has none.
     */
    record Rejected(RequestId requestId, Principal requester, String system, String role,
            List<RuleViolation> violations, PolicyRef policy, Policy.Mfa stepUp) implements RequestEvent {
        public Rejected {
            violations = List.copyOf(violations);
        }
    }

    /**
     * What a rejected request asked for beyond what {@code RequestRejected} carries (for the status view); as asked,
     * so {@code beneficiary} may be anything the policy refused.
     */
    record RejectedAskRecorded(RequestKind kind, Origin origin, String beneficiary, Duration duration,
            String incident, String ticket) implements RequestEvent {
    }

    record Cancelled(RequestId requestId, UserId by, String reason) implements RequestEvent {
    }

    /** Someone who is neither a party nor an admin tried to cancel: evidence ({@code AttemptRefused}). */
    record CancelRefused(RequestId requestId, Principal actor, String message, PolicyRef policy) implements RequestEvent {
    }

    /**
     * Another service reported a step of the request's life ({@code reported}); {@code grantId} is set when a grant
     * was made. Only recorded when it changes the request.
     */
    record LifecycleAdvanced(RequestStatus reported, String grantId) implements RequestEvent {
    }
}
