package io.eer.contracts.events;

import java.time.Instant;

public record SessionActionLogged(
        String grantId,
        String requestId,
        String sessionId,
        String action,
        String object,
        Instant at,
        String source) implements DomainEvent {
}
