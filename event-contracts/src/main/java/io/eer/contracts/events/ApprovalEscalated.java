package io.eer.contracts.events;

import io.eer.contracts.events.Values.PolicyRef;
import java.time.Instant;

/**
 * Nobody in {@code fromGroup} decided within the plan's decision timeout, so the request now waits on
 * {@code toGroup} until {@code deadline}. {@code level} counts escalations: 1 is the first group after the
 * approver groups.
 */
public record ApprovalEscalated(
        String requestId,
        String fromGroup,
        String toGroup,
        int level,
        Instant deadline,
        PolicyRef policy) implements DomainEvent {
}
