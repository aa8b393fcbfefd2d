package io.eer.grant.domain;

import java.time.Duration;

/**
 * When a failed revocation is tried again: {@code first} after the first failure, doubling, at most {@code max}. It
 * also bounds how often {@code RevocationFailed} is recorded for one grant.
 */
public record Backoff(Duration first, Duration max) {

    public Backoff {
        if (first == null || max == null || first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("back-off: first > 0 and max >= first");
        }
    }

    /** The pause after failed attempt number {@code attempt} (1 = the first failure). */
    public Duration after(int attempt) {
        Duration pause = first;
        for (int i = 1; i < attempt && pause.compareTo(max) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(max) > 0 ? max : pause;
    }
}
