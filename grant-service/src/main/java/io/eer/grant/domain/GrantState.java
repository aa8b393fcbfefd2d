package io.eer.grant.domain;

import java.time.Instant;

/**
 * A request's grant as its events left it. {@code status} is null while the request has no grant (nothing, or only a
 * cancellation); {@code version} is the number of events folded.
 */
public record GrantState(GrantId grantId, RequestId requestId, String beneficiary, String system, String role,
        String connector, LoginName account, GrantStatus status, Instant grantedAt, Instant expiresAt,
        String loginHost, Integer loginPort, String loginDatabase, boolean cancelled, int revocationAttempts,
        Instant nextRevocationAt, RevocationReason pendingReason, Instant revokedAt, RevocationReason revocationReason,
        Integer sessionsTerminated, Boolean confirmed, String failure, Instant createdAt, Instant updatedAt,
        long version, String pendingBy, String pendingNote, String revokedBy, String revocationNote,
        GrantEvent.ExtensionRequested pendingExtension, boolean extended) {

    public static final GrantState NONE = new GrantState(null, null, null, null, null, null, null, null, null, null,
            null, null, null, false, 0, null, null, null, null, null, null, null, null, null, 0, null, null, null,
            null, null, false);

    public boolean exists() {
        return status != null;
    }

    Builder with() {
        return new Builder(this);
    }

    /** Copies with changes; keeps {@link Grant#evolve} readable. */
    static final class Builder {
        GrantId grantId;
        RequestId requestId;
        String beneficiary;
        String system;
        String role;
        String connector;
        LoginName account;
        GrantStatus status;
        Instant grantedAt;
        Instant expiresAt;
        String loginHost;
        Integer loginPort;
        String loginDatabase;
        boolean cancelled;
        int revocationAttempts;
        Instant nextRevocationAt;
        RevocationReason pendingReason;
        Instant revokedAt;
        RevocationReason revocationReason;
        Integer sessionsTerminated;
        Boolean confirmed;
        String failure;
        Instant createdAt;
        Instant updatedAt;
        long version;
        String pendingBy;
        String pendingNote;
        String revokedBy;
        String revocationNote;
        GrantEvent.ExtensionRequested pendingExtension;
        boolean extended;

        private Builder(GrantState s) {
            grantId = s.grantId;
            requestId = s.requestId;
            beneficiary = s.beneficiary;
            system = s.system;
            role = s.role;
            connector = s.connector;
            account = s.account;
            status = s.status;
            grantedAt = s.grantedAt;
            expiresAt = s.expiresAt;
            loginHost = s.loginHost;
            loginPort = s.loginPort;
            loginDatabase = s.loginDatabase;
            cancelled = s.cancelled;
            revocationAttempts = s.revocationAttempts;
            nextRevocationAt = s.nextRevocationAt;
            pendingReason = s.pendingReason;
            revokedAt = s.revokedAt;
            revocationReason = s.revocationReason;
            sessionsTerminated = s.sessionsTerminated;
            confirmed = s.confirmed;
            failure = s.failure;
            createdAt = s.createdAt;
            updatedAt = s.updatedAt;
            version = s.version + 1;
            pendingBy = s.pendingBy;
            pendingNote = s.pendingNote;
            revokedBy = s.revokedBy;
            revocationNote = s.revocationNote;
            pendingExtension = s.pendingExtension;
            extended = s.extended;
        }

        GrantState build() {
            return new GrantState(grantId, requestId, beneficiary, system, role, connector, account, status,
                    grantedAt, expiresAt, loginHost, loginPort, loginDatabase, cancelled, revocationAttempts,
                    nextRevocationAt, pendingReason, revokedAt, revocationReason, sessionsTerminated, confirmed,
                    failure, createdAt, updatedAt, version, pendingBy, pendingNote, revokedBy, revocationNote,
                    pendingExtension, extended);
        }
    }
}
