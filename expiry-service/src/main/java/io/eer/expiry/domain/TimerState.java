package io.eer.expiry.domain;

import java.time.Instant;

/**
 * A grant's timer as its events leave it; {@link #NONE} before it was scheduled.
 *
 * @param latenessMillis how long after the deadline it fired; null until fired
 * @param cancelReason   the revocation reason that disarmed it; null unless cancelled
 */
public record TimerState(GrantId grantId, RequestId requestId, Instant deadline, Instant scheduledAt,
        Instant firedAt, Long latenessMillis, Instant cancelledAt, String cancelReason) {

    public static final TimerState NONE = new TimerState(null, null, null, null, null, null, null, null);

    public boolean exists() {
        return grantId != null;
    }

    /** Null before it was scheduled. */
    public TimerStatus status() {
        if (!exists()) {
            return null;
        }
        if (firedAt != null) {
            return TimerStatus.FIRED;
        }
        return cancelledAt != null ? TimerStatus.CANCELLED : TimerStatus.PENDING;
    }

    /** Pending and its deadline has come: at the deadline itself, or any time after it (e.g. after downtime). */
    public boolean due(Instant now) {
        return status() == TimerStatus.PENDING && !now.isBefore(deadline);
    }
}
