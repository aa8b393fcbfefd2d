package io.eer.grant.infra.out.connector;

import java.time.Instant;

/** What to create on the target. */
public record Provisioning(String grantId, String requestId, String beneficiary, String role, Instant expiresAt) {
}
