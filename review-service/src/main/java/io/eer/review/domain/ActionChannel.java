package io.eer.review.domain;

/**
 * Who recorded a session action, kept apart in a review because they are not equally trustworthy: the session
 * gateway saw it on the wire; an agent on the target reported it; the beneficiary reported it themself.
 */
public enum ActionChannel {
    /** {@code eer.gateway}, source {@code /eer/session-gateway}: observed by the gateway. */
    GATEWAY,
    /** grant-service, {@code source} {@code agent:<sub>} (or any other agent id): a session agent reported it. */
    AGENT,
    /** grant-service, {@code source} {@code self-reported}: the beneficiary said so. */
    SELF_REPORTED;

    /** The label grant-service gives an action the beneficiary reported. */
    public static final String SELF_REPORTED_SOURCE = "self-reported";
}
