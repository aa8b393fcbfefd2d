package io.eer.grant.infra.connector;

import java.time.Instant;

/** What to create on the target. */
public record Provisioning(String grantId, String requestId, String beneficiary, String role, Instant expiresAt) {
}
