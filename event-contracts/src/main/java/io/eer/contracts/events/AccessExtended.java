package io.eer.contracts.events;

import java.time.Instant;

/**
 * A live grant's deadline was moved later, within what the policy allows for its system and role: from
 * {@code previousExpiresAt} to {@code expiresAt}, asked by {@code by} (the beneficiary) for {@code reason}, at
 * {@code at}. Optional: {@code approvedBy}, the second person who approved it when the policy asks for re-approval
 * (never the beneficiary); absent when no re-approval was needed. expiry-service re-arms the grant's timer on it.
 */
public record AccessExtended(
        String grantId,
        String requestId,
        String system,
        Instant previousExpiresAt,
        Instant expiresAt,
        String by,
        String reason,
        Instant at,
        String approvedBy) implements DomainEvent {
}
