package io.eer.contracts.events;

import io.eer.contracts.events.Values.ApprovalPlan;
import io.eer.contracts.events.Values.IncidentScope;
import io.eer.contracts.events.Values.MfaEvidence;
import io.eer.contracts.events.Values.Origin;
import io.eer.contracts.events.Values.PolicyRef;
import io.eer.contracts.events.Values.Principal;
import io.eer.contracts.events.Values.RequestKind;
import io.eer.contracts.events.Values.ReviewPlan;
import java.time.Duration;

/**
 * Optional: {@code incident} (EMERGENCY), {@code review}, {@code ticket} (the ticket reference a JIT request cites),
 * {@code maxDuration} (the matched rule's maximum, so reports can compare it with what was asked and granted) and
 * {@code rule} (the id of the policy rule that matched), {@code scope} (the objects the access is for, when the
 * policy or the request names them).
 */
public record EmergencyRequested(
        String requestId,
        RequestKind kind,
        Origin origin,
        Principal requester,
        String beneficiary,
        String system,
        String role,
        String justification,
        String incident,
        Duration requestedDuration,
        MfaEvidence mfa,
        PolicyRef policy,
        ApprovalPlan approval,
        ReviewPlan review,
        String ticket,
        Duration maxDuration,
        String rule,
        IncidentScope scope) implements DomainEvent {

    /** The event as it was before scope. */
    public EmergencyRequested(
            String requestId,
            RequestKind kind,
            Origin origin,
            Principal requester,
            String beneficiary,
            String system,
            String role,
            String justification,
            String incident,
            Duration requestedDuration,
            MfaEvidence mfa,
            PolicyRef policy,
            ApprovalPlan approval,
            ReviewPlan review,
            String ticket,
            Duration maxDuration,
            String rule) {
        this(requestId, kind, origin, requester, beneficiary, system, role, justification, incident,
                requestedDuration, mfa, policy, approval, review, ticket, maxDuration, rule, null);
    }

    /** The event as it was before ticket, maxDuration and rule. */
    public EmergencyRequested(
            String requestId,
            RequestKind kind,
            Origin origin,
            Principal requester,
            String beneficiary,
            String system,
            String role,
            String justification,
            String incident,
            Duration requestedDuration,
            MfaEvidence mfa,
            PolicyRef policy,
            ApprovalPlan approval,
            ReviewPlan review) {
        this(requestId, kind, origin, requester, beneficiary, system, role, justification, incident,
                requestedDuration, mfa, policy, approval, review, null, null, null, null);
    }
}
