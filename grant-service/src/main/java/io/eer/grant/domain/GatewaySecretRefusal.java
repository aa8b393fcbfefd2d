package io.eer.grant.domain;

import io.eer.support.decider.Rule;

/** Why a gateway secret is not redeemed. */
public enum GatewaySecretRefusal implements Rule {
    /** Only the session gateway's identity may redeem secrets. */
    NOT_A_GATEWAY,
    /** Unknown, already used, expired, for another user or database, or its grant is no longer active (all alike). */
    INVALID_SECRET
}
