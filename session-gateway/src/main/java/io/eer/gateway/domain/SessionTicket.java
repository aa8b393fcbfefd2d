package io.eer.gateway.domain;

import java.time.Instant;
import java.util.Arrays;

/**
 * What grant-service answered for a redeemed one-time secret: whose grant, the temporary login on the target and
 * its password (only the gateway ever holds it), and the deadline. {@link #toString()} never shows the password.
 */
public record SessionTicket(String grantId, String requestId, String system, String login, char[] password,
        String host, int port, String database, Instant expiresAt, boolean redactLiterals) {

    /** Forgets the password once the upstream login is done. */
    public void wipe() {
        Arrays.fill(password, '\0');
    }

    @Override
    public String toString() {
        return "SessionTicket[grant=" + grantId + ", system=" + system + ", database=" + database + ", expiresAt="
                + expiresAt + ", password=redacted]";
    }
}
