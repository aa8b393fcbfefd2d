package io.eer.gateway.domain;

import io.eer.support.decider.Rule;

/** Why the gateway refuses a session or a statement. */
public enum SessionRefusal implements Rule {
    /** The one-time secret is unknown, used, expired, or not for this user/database (answered 28P01, all alike). */
    INVALID_SECRET,
    /** The grant's deadline has passed or it was revoked: nothing more is relayed. */
    SESSION_ENDED
}
