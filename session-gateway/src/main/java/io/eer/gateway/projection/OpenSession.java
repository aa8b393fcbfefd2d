package io.eer.gateway.projection;

import java.time.Instant;

/** An open gateway session as operators see it (kept in memory by the instance that holds it; never a secret). */
public record OpenSession(String sessionId, String grantId, Instant deadline) {
}
