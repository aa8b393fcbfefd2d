package io.eer.contracts.events;

import io.eer.contracts.events.Values.RevocationReason;
import java.time.Instant;

/**
 * {@code confirmed}: the connector checked afterwards that no login, membership or session was left. Optional:
 * {@code revokedBy} (who asked for an early revocation, {@code REVOKED_EARLY}: the beneficiary, or a member of the
 * SOC or admin groups, as the verified token said) and {@code note} (the reason they gave); absent otherwise.
 */
public record AccessRevoked(
        String grantId,
        String requestId,
        String system,
        RevocationReason reason,
        Instant revokedAt,
        int sessionsTerminated,
        boolean confirmed,
        String revokedBy,
        String note) implements DomainEvent {

    /** The event as it was before {@code revokedBy} and {@code note}. */
    public AccessRevoked(String grantId, String requestId, String system, RevocationReason reason, Instant revokedAt,
            int sessionsTerminated, boolean confirmed) {
        this(grantId, requestId, system, reason, revokedAt, sessionsTerminated, confirmed, null, null);
    }
}
