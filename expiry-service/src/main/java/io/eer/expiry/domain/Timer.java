package io.eer.expiry.domain;

import io.eer.contracts.events.AccessExpired;
import io.eer.contracts.events.AccessGranted;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A durable timer for one grant: armed by {@code AccessGranted} with the grant's {@code expiresAt} as deadline,
 * fired once at (or, after downtime, as soon as possible after) the deadline, or cancelled when the access was
 * revoked first. A timer leaves {@link TimerStatus#PENDING} exactly once and never comes back.
 *
 * @param latenessMillis how long after the deadline it fired, as published in {@code AccessExpired}; null until fired
 * @param cancelReason   the revocation reason that disarmed it; null unless cancelled
 */
public record Timer(String grantId, String requestId, Instant deadline, Instant firedAt, Long latenessMillis,
        Instant cancelledAt, String cancelReason) {

    public Timer {
        requireText(grantId, "grantId");
        requireText(requestId, "requestId");
        Objects.requireNonNull(deadline, "deadline");
        if (firedAt != null && cancelledAt != null) {
            throw new IllegalArgumentException("timer " + grantId + " cannot be both fired and cancelled");
        }
        if ((firedAt == null) != (latenessMillis == null)) {
            throw new IllegalArgumentException("timer " + grantId + ": firedAt and latenessMillis go together");
        }
    }

    /** A pending timer for the grant; its deadline is the grant's {@code expiresAt}. */
    public static Timer schedule(AccessGranted granted) {
        if (granted.expiresAt() == null) {
            throw new IllegalArgumentException("AccessGranted " + granted.grantId() + " has no expiresAt");
        }
        return new Timer(granted.grantId(), granted.requestId(), granted.expiresAt(), null, null, null, null);
    }

    public TimerStatus status() {
        if (firedAt != null) {
            return TimerStatus.FIRED;
        }
        return cancelledAt != null ? TimerStatus.CANCELLED : TimerStatus.PENDING;
    }

    /** Pending and its deadline has come: at the deadline itself, or any time after it (e.g. after downtime). */
    public boolean due(Instant now) {
        return status() == TimerStatus.PENDING && !now.isBefore(deadline);
    }

    /**
     * Fires the timer at {@code now}: the fired timer and the {@code AccessExpired} to publish, whose lateness is
     * {@code now - deadline} in whole milliseconds (never negative, because only a due timer fires).
     *
     * @throws IllegalStateException if the timer is not due (too early, already fired, or cancelled)
     */
    public Fired fire(Instant now) {
        if (!due(now)) {
            throw new IllegalStateException("timer " + grantId + " is not due at " + now + " (" + status()
                    + ", deadline " + deadline + ")");
        }
        long lateness = Duration.between(deadline, now).toMillis();
        Timer fired = new Timer(grantId, requestId, deadline, now, lateness, null, null);
        return new Fired(fired, new AccessExpired(grantId, requestId, deadline, now, lateness));
    }

    /**
     * Disarms a pending timer because the access ended before its deadline. A timer that already fired or was
     * already cancelled stays as it is (an {@code AccessRevoked} that follows our own {@code AccessExpired} is the
     * normal end of a grant, not a cancellation).
     */
    public Timer cancel(Instant now, String reason) {
        if (status() != TimerStatus.PENDING) {
            return this;
        }
        return new Timer(grantId, requestId, deadline, null, null, now, reason == null ? "UNKNOWN" : reason);
    }

    /** A fired timer and the event that says so. */
    public record Fired(Timer timer, AccessExpired event) {
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("timer needs a " + name);
        }
    }
}
