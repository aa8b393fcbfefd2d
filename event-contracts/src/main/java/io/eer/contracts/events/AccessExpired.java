package io.eer.contracts.events;

import java.time.Instant;

/** {@code latenessMillis}: how long after the deadline the timer fired (0 when on time). */
public record AccessExpired(
        String grantId,
        String requestId,
        Instant deadline,
        Instant firedAt,
        long latenessMillis) implements DomainEvent {
}
