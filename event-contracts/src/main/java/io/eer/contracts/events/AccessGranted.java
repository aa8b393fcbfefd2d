package io.eer.contracts.events;

import java.time.Instant;

/** {@code account} is the temporary login created on the target; its password never leaves the grant service. */
public record AccessGranted(
        String grantId,
        String requestId,
        String beneficiary,
        String system,
        String role,
        String connector,
        String account,
        Instant grantedAt,
        Instant expiresAt) implements DomainEvent {
}
