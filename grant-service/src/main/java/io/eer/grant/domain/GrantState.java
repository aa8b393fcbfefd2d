package io.eer.grant.domain;

import java.time.Instant;

/**
 * What the grant service knows about one grant, as its own events left it. {@code version} is the number of
 * events the grant's aggregate holds.
 */
public record GrantState(String grantId, String requestId, String beneficiary, String system, String role,
        String account, GrantStatus status, Instant expiresAt, long version) {
}
