package io.eer.expiry.domain;

/** Where a grant's timer stands: waiting for its deadline, fired once, or disarmed because access ended early. */
public enum TimerStatus {
    PENDING,
    FIRED,
    CANCELLED
}
