package io.eer.grant.projection;

import io.eer.contracts.events.Values.RevocationReason;
import io.eer.grant.domain.GrantState;
import io.eer.grant.domain.GrantStatus;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** A grant's current state (never its secret), kept in the transaction of the event that changed it. */
@Entity
@Table(name = "grant_view")
public class GrantView extends PanacheEntityBase {
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

    public static Uni<GrantView> forRequest(String requestId) {
        return find("requestId", requestId).firstResult();
    }

    /** The grant, its row locked until the transaction ends (serialises revocations and action logging). */
    public static Uni<GrantView> lockedById(String grantId) {
        return findById(grantId, LockModeType.PESSIMISTIC_WRITE);
    }

    public GrantState state() {
        return new GrantState(grantId, requestId, beneficiary, system, role, account, status, expiresAt, version);
    }

    public static Optional<GrantState> state(GrantView view) {
        return view == null ? Optional.empty() : Optional.of(view.state());
    }
}
