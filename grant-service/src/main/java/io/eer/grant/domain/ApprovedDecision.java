package io.eer.grant.domain;

import java.time.Instant;

/** What to do with an {@code Approved}. */
public sealed interface ApprovedDecision {

    /** This request already has its grant (a redelivery or a second approval with another event id). */
    record AlreadyHandled(String existingGrantId) implements ApprovedDecision {
    }

    /** Provision through {@code connector}; the clock starts now. */
    record Provision(String connector, Instant grantedAt, Instant expiresAt) implements ApprovedDecision {
    }

    /** The request was cancelled before its approval reached us: provision nothing, record nothing. */
    record RequestCancelled(String requestId) implements ApprovedDecision {
    }

    /** Nothing can be provisioned: record {@code GrantFailed} naming the error. */
    record Fail(String connector, String error) implements ApprovedDecision {
    }
}
