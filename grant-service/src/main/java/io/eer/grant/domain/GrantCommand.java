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

    /**
     * May the grant be revoked now? {@code reason} null: the reason of the pending attempt, else EXPIRED.
     * {@code expiredDeadline}: the deadline an {@code AccessExpired} fired for (null otherwise); refused when the
     * grant has been extended past it since (a grant never extended is revoked whatever the deadline said).
     */
    record Revoke(RevocationReason reason, Instant expiredDeadline) implements GrantCommand {
        public Revoke(RevocationReason reason) {
            this(reason, null);
        }
    }

    /**
     * The connector revoked the login. {@code by}, {@code note}: who asked for an early revocation and why (null:
     * those of the pending attempt, if any).
     */
    record RecordRevoked(RevocationReason reason, int sessionsTerminated, boolean confirmed, String leftovers,
            Instant at, String by, String note) implements GrantCommand {
        public RecordRevoked(RevocationReason reason, int sessionsTerminated, boolean confirmed, String leftovers,
                Instant at) {
            this(reason, sessionsTerminated, confirmed, leftovers, at, null, null);
        }
    }

    /** The revocation failed ({@code error}: the failure's kind only); try again after {@code backoff}. */
    record RecordRevocationFailure(RevocationReason reason, String error, Instant at, Backoff backoff, String by,
            String note) implements GrantCommand {
        public RecordRevocationFailure(RevocationReason reason, String error, Instant at, Backoff backoff) {
            this(reason, error, at, backoff, null, null);
        }
    }

    /**
     * End the grant before its deadline ({@code REVOKED_EARLY}): the beneficiary ("done"), the SOC or an admin, with
     * a {@code note}. Accepted with no event: the connector revokes, then {@link RecordRevoked} records it.
     */
    record RevokeEarly(Actor actor, String note, Instant at) implements GrantCommand {
    }

    /**
     * Move the deadline to {@code expiresAt} (the beneficiary asks, for {@code reason}), within what {@code bounds}
     * allow for the grant's system and role; pending re-approval when the policy asks for it.
     */
    record Extend(Actor actor, Instant expiresAt, String reason, PolicyBounds bounds, Instant now)
            implements GrantCommand {
    }

    /** A second person approves the pending extension. */
    record ApproveExtension(Actor actor, PolicyBounds bounds, Instant now) implements GrantCommand {
    }

    /** Record a refused attempt ({@code action}, refused under {@code rule}) as evidence. */
    record RecordRefusal(Actor actor, String action, io.eer.support.decider.Rule rule, String message)
            implements GrantCommand {
    }

    /** A session action reported by {@code callerId} (in {@code groups}; an agent serving {@code agentSystems}). */
    record LogSessionAction(String callerId, Set<String> groups, Set<String> agentSystems, String sessionId,
            String action, String object, String source, Instant at) implements GrantCommand {
    }

    /**
     * A temporary login found on a target by the reconciler: is it an orphan that no ACTIVE grant explains? Decided on
     * the grant of the request its comment names ({@code request} null: it names none, and the state is empty).
     * {@code heldByActiveGrant}: whether an ACTIVE grant of any request holds {@code account} (the read model says).
     * Accepted with no event: remove it; refused {@link GrantRefusal#LOGIN_IN_USE}: leave it alone.
     */
    record ReconcileLogin(String system, String account, RequestId request, boolean heldByActiveGrant)
            implements GrantCommand {
    }

    /** The connector removed the orphan login {@code login} (confirmed) at {@code at}: record it. */
    record RecordOrphanRemoved(ReconcileLogin login, Instant at) implements GrantCommand {
    }
}
