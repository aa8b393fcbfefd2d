package io.eer.contracts.events;

import java.time.Instant;

/**
 * An attempt to revoke a grant on its target failed; the grant stays due and is tried again at
 * {@code nextAttemptAt}. {@code error} is the kind of failure (an exception class or a short category), never a
 * message that could carry a secret. {@code attempt} counts from 1.
 */
public record RevocationFailed(
        String grantId,
        String requestId,
        String system,
        int attempt,
        String error,
        Instant nextAttemptAt) implements DomainEvent {
}
