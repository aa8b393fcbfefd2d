package io.eer.expiry.domain;

import java.time.Instant;

/** What happened to a grant's timer. Only {@link TimerFired} leaves the service (as {@code AccessExpired}). */
public sealed interface TimerEvent {

    GrantId grantId();

    RequestId requestId();

    /**
     * Armed with the grant's deadline; {@code scheduledAt} is when this service learnt of the grant, {@code trace} the
     * trace context it arrived in (null when none, or stored before traces were kept).
     */
    record TimerScheduled(GrantId grantId, RequestId requestId, Instant deadline, Instant scheduledAt, String trace)
            implements TimerEvent {

        /** Without a trace. */
        public TimerScheduled(GrantId grantId, RequestId requestId, Instant deadline, Instant scheduledAt) {
            this(grantId, requestId, deadline, scheduledAt, null);
        }
    }

    /** Disarmed at {@code cancelledAt} because the access was revoked first ({@code reason}: the revocation's). */
    record TimerCancelled(GrantId grantId, RequestId requestId, Instant cancelledAt, String reason)
            implements TimerEvent {
    }

    /** The deadline moved from {@code previousDeadline} to {@code deadline} (the grant was extended). */
    record TimerExtended(GrantId grantId, RequestId requestId, Instant previousDeadline, Instant deadline,
            Instant extendedAt) implements TimerEvent {
    }

    /** Fired at {@code firedAt}, {@code latenessMillis} after {@code deadline}: the access has expired. */
    record TimerFired(GrantId grantId, RequestId requestId, Instant deadline, Instant firedAt, long latenessMillis)
            implements TimerEvent {
    }
}
