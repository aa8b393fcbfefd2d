package io.eer.grant.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** What can be asked of a request's grant. */
public sealed interface GrantCommand {

    /**
     * An approval arrived: provision, unless the request has a grant or was cancelled. {@code connector}: the type of
     * the connector configured for the system (empty: none); {@code bounds}: what the policy allows at most;
     * {@code now}: the clock starts at grant, not at approval.
     */
    record Provision(GrantId grantId, RequestId requestId, String beneficiary, String system, String role,
            Duration grantedDuration, Duration maxDuration, Optional<String> connector, PolicyBounds bounds,
            Instant now) implements GrantCommand {
    }

    /** The connector created the login: record the grant. */
    record RecordProvisioned(Provision provision, LoginName account, String host, Integer port, String database)
            implements GrantCommand {
    }

    /** The connector failed: record the grant as failed, naming the error (never a secret). */
    record RecordProvisioningFailure(Provision provision, String error) implements GrantCommand {
    }

    /** The requester cancelled the request. */
    record Cancel(RequestId requestId, String by, String reason, Instant at) implements GrantCommand {
    }

    /** May the grant be revoked now? {@code reason} null: the reason of the pending attempt, else EXPIRED. */
    record Revoke(RevocationReason reason) implements GrantCommand {
    }

    /** The connector revoked the login. */
    record RecordRevoked(RevocationReason reason, int sessionsTerminated, boolean confirmed, String leftovers,
            Instant at) implements GrantCommand {
    }

    /** The revocation failed ({@code error}: the failure's kind only); try again after {@code backoff}. */
    record RecordRevocationFailure(RevocationReason reason, String error, Instant at, Backoff backoff)
            implements GrantCommand {
    }

    /** A session action reported by {@code callerId} (in {@code groups}; an agent serving {@code agentSystems}). */
    record LogSessionAction(String callerId, Set<String> groups, Set<String> agentSystems, String sessionId,
            String action, String object, String source, Instant at) implements GrantCommand {
    }
}
