package io.eer.contracts.events;

import io.eer.contracts.events.Values.PolicyRef;
import io.eer.contracts.events.Values.Principal;

/**
 * Evidence of a refused attempt to act on a request: who tried ({@code actor}, as the verified token said), what
 * ({@code action}: APPROVE, DENY, COMPLETE_REVIEW, CANCEL), and which rule refused it ({@code rule}, e.g.
 * separation-of-duties, approver-group, mfa-required, not-requester). Strings rather than enums, so a new action or
 * rule does not break older consumers. Carries no secret: never a token, password or credential.
 * Optional: {@code policy}.
 */
public record AttemptRefused(
        String requestId,
        Principal actor,
        String action,
        String rule,
        String message,
        PolicyRef policy) implements DomainEvent {
}
