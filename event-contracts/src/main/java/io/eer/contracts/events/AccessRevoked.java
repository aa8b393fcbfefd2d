package io.eer.contracts.events;

import io.eer.contracts.events.Values.RevocationReason;
import java.time.Instant;

/** {@code confirmed}: the connector checked afterwards that no login, membership or session was left. */
public record AccessRevoked(
        String grantId,
        String requestId,
        String system,
        RevocationReason reason,
        Instant revokedAt,
        int sessionsTerminated,
        boolean confirmed) implements DomainEvent {
}
