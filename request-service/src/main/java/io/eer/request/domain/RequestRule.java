package io.eer.request.domain;

import io.eer.support.decider.Rule;

/** Why {@link AccessRequest} refuses a command; {@code rule()} is the problem's {@code rule} member. */
public enum RequestRule implements Rule {
    /** No request has this id. */
    NOT_FOUND,
    /** The request already ended (rejected, denied, expired, ...): there is nothing to cancel. */
    NOT_CANCELLABLE,
    /** A request id is used once. */
    ALREADY_SUBMITTED
}
