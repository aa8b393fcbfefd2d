package io.eer.contracts.events;

import java.time.Instant;

/**
 * grant-service's reconciler found a temporary login on a target that no active grant explains (e.g. left by a crash
 * between creating it and recording the grant) and removed it. {@code requestId} is the request named in the login's
 * comment, or the literal {@code unknown} when none can be derived; {@code reason} says why it was an orphan.
 */
public record OrphanLoginRemoved(
        String requestId,
        String system,
        String account,
        String reason,
        Instant removedAt) implements DomainEvent {

    /** The subject used when the login names no request. */
    public static final String UNKNOWN_REQUEST = "unknown";
}
