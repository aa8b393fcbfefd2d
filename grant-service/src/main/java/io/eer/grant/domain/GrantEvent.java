package io.eer.grant.domain;

import java.time.Instant;

/**
 * What happened to a request's grant, in the grant service's own words. The aggregate is the request (one grant per
 * request), so a cancellation that arrives before the approval is part of the same history. {@code infra.out}'s
 * mapping stores the public ones as event-contracts events ({@code eer.grants}, {@code eer.sessions}) and the rest as
 * internal records.
 */
public sealed interface GrantEvent {

    /** An approval reached the service and got a grant id (internal). */
    record Opened(GrantId grantId, RequestId requestId, String beneficiary, String system, String role,
            String connector, Instant at) implements GrantEvent {
    }

    /** The login exists on the target (published as {@code AccessGranted}). */
    record Granted(GrantId grantId, RequestId requestId, String beneficiary, String system, String role,
            String connector, LoginName account, Instant grantedAt, Instant expiresAt) implements GrantEvent {
    }

    /** Where the login connects (internal; the secret is never in an event). */
    record LoginIssued(GrantId grantId, String host, Integer port, String database) implements GrantEvent {
    }

    /** Nothing was provisioned (published as {@code GrantFailed}). */
    record Failed(RequestId requestId, String system, String connector, String error) implements GrantEvent {
    }

    /** The requester cancelled the request (internal): no grant from now on, a live one is revoked. */
    record Cancelled(RequestId requestId, String by, String reason, Instant at) implements GrantEvent {
    }

    /** A revocation attempt failed; the grant stays active and due (published as {@code RevocationFailed}). */
    record RevocationFailed(GrantId grantId, RequestId requestId, String system, int attempt, String error,
            Instant nextAttemptAt) implements GrantEvent {
    }

    /** Why the pending revocation was asked for, so a retry revokes for that reason (internal). */
    record RevocationPending(GrantId grantId, RevocationReason reason, Instant at, String by, String note)
            implements GrantEvent {
        public RevocationPending(GrantId grantId, RevocationReason reason, Instant at) {
            this(grantId, reason, at, null, null);
        }
    }

    /** The login is gone (published as {@code AccessRevoked}). */
    record Revoked(GrantId grantId, RequestId requestId, String system, RevocationReason reason, Instant revokedAt,
            int sessionsTerminated, boolean confirmed, String revokedBy, String note) implements GrantEvent {
        public Revoked(GrantId grantId, RequestId requestId, String system, RevocationReason reason,
                Instant revokedAt, int sessionsTerminated, boolean confirmed) {
            this(grantId, requestId, system, reason, revokedAt, sessionsTerminated, confirmed, null, null);
        }
    }

    /**
     * The deadline moved from {@code previousExpiresAt} to {@code expiresAt}, asked by {@code by} for {@code reason};
     * {@code approvedBy}: who re-approved it (null when the policy asks for none). Published as {@code AccessExtended}.
     */
    record Extended(GrantId grantId, RequestId requestId, String system, Instant previousExpiresAt, Instant expiresAt,
            String by, String reason, Instant at, String approvedBy) implements GrantEvent {
    }

    /** An extension waits for re-approval by a member of {@code approverGroups} other than {@code by} (internal). */
    record ExtensionRequested(GrantId grantId, Instant expiresAt, String by, String reason,
            java.util.List<String> approverGroups, Instant at) implements GrantEvent {
        public ExtensionRequested {
            approverGroups = java.util.List.copyOf(approverGroups);
        }
    }

    /**
     * Someone tried to act on the grant and a rule refused it (published as {@code AttemptRefused}: evidence, no
     * secret). {@code action}: REVOKE, EXTEND, APPROVE_EXTENSION.
     */
    record AttemptRefused(RequestId requestId, Actor actor, String action, String rule, String message)
            implements GrantEvent {
    }

    /** The final check found something left on the target (internal; what, for the operators). */
    record RevocationUnconfirmed(GrantId grantId, String leftovers) implements GrantEvent {
    }

    /** Something done in a session opened with the grant (published on {@code eer.sessions}; stream {@code <grantId>/actions}). */
    record SessionActionLogged(GrantId grantId, RequestId requestId, String sessionId, String action, String object,
            Instant at, String source, String reportedVia) implements GrantEvent {
        public SessionActionLogged(GrantId grantId, RequestId requestId, String sessionId, String action,
                String object, Instant at, String source) {
            this(grantId, requestId, sessionId, action, object, at, source, null);
        }
    }

    /**
     * The reconciler removed a temporary login no ACTIVE grant explained (published as {@code OrphanLoginRemoved}).
     * {@code requestId}: the request its comment names, null when it names none; {@code reason}: why it was an orphan.
     */
    record OrphanLoginRemoved(RequestId requestId, String system, String account, String reason, Instant at)
            implements GrantEvent {
    }
}
