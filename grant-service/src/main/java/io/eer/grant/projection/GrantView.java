package io.eer.grant.projection;

import io.eer.grant.domain.RevocationReason;
import io.eer.grant.domain.GrantState;
import io.eer.grant.domain.GrantStatus;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A grant's current state (never its secret), kept in the transaction of the event that changed it. */
@Entity
@Table(name = "grant_view")
public class GrantView extends PanacheEntityBase {

    /** For the revocation sweeper's due-work poller: the table, its key column and the order due rows go in. */
    public static final String TABLE = "grant_view";
    public static final String REQUEST_KEY = "request_id";
    public static final String REVOCATION_ORDER = "coalesce(next_revocation_at, expires_at), request_id";

    @Id
    @Column(name = "grant_id")
    public String grantId;
    @Column(name = "request_id")
    public String requestId;
    public String beneficiary;
    public String system;
    public String role;
    public String connector;
    public String account;
    @Enumerated(EnumType.STRING)
    public GrantStatus status;
    @Column(name = "granted_at")
    public Instant grantedAt;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "revoked_at")
    public Instant revokedAt;
    @Enumerated(EnumType.STRING)
    @Column(name = "revocation_reason")
    public RevocationReason revocationReason;
    @Column(name = "sessions_terminated")
    public Integer sessionsTerminated;
    public Boolean confirmed;
    public String failure;
    @Column(name = "login_host")
    public String loginHost;
    @Column(name = "login_port")
    public Integer loginPort;
    @Column(name = "login_database")
    public String loginDatabase;
    /** Number of events in the grant's aggregate. */
    public long version;
    /** Number of events in the grant's session-action stream (aggregate {@code <grantId>/actions}). */
    @Column(name = "actions_logged")
    public long actionsLogged;
    /** Failed revocation attempts so far (the sweeper retries until one succeeds). */
    @Column(name = "revocation_attempts")
    public int revocationAttempts;
    /** When the sweeper tries again after a failed revocation; null: no failed revocation pending. */
    @Column(name = "next_revocation_at")
    public Instant nextRevocationAt;
    /** Why the pending revocation was asked for (EXPIRED, REQUEST_CANCELLED, ...). */
    @Enumerated(EnumType.STRING)
    @Column(name = "pending_revocation_reason")
    public RevocationReason pendingRevocationReason;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /**
     * When an ACTIVE grant is due for the sweeper ({@code ?1} is now): its deadline passed more than {@code grace} ago
     * and no revocation failed yet, or a failed revocation's next attempt has come.
     */
    public static String revocationDue(java.time.Duration grace) {
        // ?1 is cast: "?1 - interval" alone would make PostgreSQL take ?1 for an interval
        return "status = 'ACTIVE' and ((next_revocation_at is null and expires_at < cast(?1 as timestamptz) - interval '"
                + grace.toNanos() / 1_000 + " microseconds') or next_revocation_at <= ?1)";
    }

    public static Uni<GrantView> forRequest(String requestId) {
        return find("requestId", requestId).firstResult();
    }

    /** Copies what the grant's events say; {@code actionsLogged} is kept by the session-action stream. */
    void copy(GrantState state) {
        grantId = state.grantId().value();
        requestId = state.requestId().value();
        beneficiary = state.beneficiary() == null ? "" : state.beneficiary();
        system = state.system() == null ? "" : state.system();
        role = state.role() == null ? "" : state.role();
        connector = state.connector();
        account = state.account() == null ? null : state.account().value();
        status = state.status();
        grantedAt = state.grantedAt();
        expiresAt = state.expiresAt();
        revokedAt = state.revokedAt();
        revocationReason = state.revocationReason();
        sessionsTerminated = state.sessionsTerminated();
        confirmed = state.confirmed();
        failure = state.failure();
        loginHost = state.loginHost();
        loginPort = state.loginPort();
        loginDatabase = state.loginDatabase();
        version = state.version();
        revocationAttempts = state.revocationAttempts();
        nextRevocationAt = state.nextRevocationAt();
        pendingRevocationReason = state.pendingReason();
        createdAt = state.createdAt();
        updatedAt = state.updatedAt();
    }
}
