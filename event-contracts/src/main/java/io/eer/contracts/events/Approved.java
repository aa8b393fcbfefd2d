package io.eer.contracts.events;

import io.eer.contracts.events.Values.ApprovalMode;
import io.eer.contracts.events.Values.PolicyRef;
import java.time.Duration;
import java.util.List;

/** Carries what the grant needs, so the grant service depends on this one event. */
public record Approved(
        String requestId,
        List<String> approvers,
        ApprovalMode mode,
        Duration grantedDuration,
        String requester,
        String beneficiary,
        String system,
        String role,
        PolicyRef policy) implements DomainEvent {
    public Approved {
        approvers = List.copyOf(approvers);
    }
}
