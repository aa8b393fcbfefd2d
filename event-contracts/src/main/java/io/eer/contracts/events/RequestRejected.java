package io.eer.contracts.events;

import io.eer.contracts.events.Values.PolicyRef;
import io.eer.contracts.events.Values.Principal;
import io.eer.contracts.events.Values.RuleViolation;
import java.util.List;

/** A refused attempt is evidence too. */
public record RequestRejected(
        String requestId,
        Principal requester,
        String system,
        String role,
        List<RuleViolation> violations,
        PolicyRef policy) implements DomainEvent {
    public RequestRejected {
        violations = List.copyOf(violations);
    }
}
