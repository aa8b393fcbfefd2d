package io.eer.contracts.events;

import io.eer.contracts.events.Values.ApprovalMode;
import io.eer.contracts.events.Values.Decision;
import io.eer.contracts.events.Values.PolicyRef;
import java.time.Duration;
import java.util.List;

/**
 * Carries what the grant needs, so the grant service depends on this one event. Optional: {@code decisions}
 * (each approval with the approver's groups, time and MFA evidence; absent when pre-approved or written before it
 * existed) and {@code maxDuration} (the policy rule's maximum).
 */
public record Approved(
        String requestId,
        List<String> approvers,
        ApprovalMode mode,
        Duration grantedDuration,
        String requester,
        String beneficiary,
        String system,
        String role,
        PolicyRef policy,
        List<Decision> decisions,
        Duration maxDuration) implements DomainEvent {
    public Approved {
        approvers = List.copyOf(approvers);
        decisions = decisions == null ? null : List.copyOf(decisions);
    }

    /** The event as it was before decisions and maxDuration. */
    public Approved(
            String requestId,
            List<String> approvers,
            ApprovalMode mode,
            Duration grantedDuration,
            String requester,
            String beneficiary,
            String system,
            String role,
            PolicyRef policy) {
        this(requestId, approvers, mode, grantedDuration, requester, beneficiary, system, role, policy, null, null);
    }
}
