package io.eer.audit.insight.projection;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One grant: ACTIVE from AccessGranted until AccessRevoked is in the ledger. */
@Entity
@Table(name = "proj_grant")
public class GrantView extends PanacheEntityBase {
    public static final String ACTIVE = "ACTIVE";
    public static final String REVOKED = "REVOKED";

    @Id
    @Column(name = "grant_id")
    public String grantId;
    @Column(name = "request_id", nullable = false)
    public String requestId;
    public String beneficiary;
    public String system;
    public String role;
    @Column(name = "granted_at")
    public Instant grantedAt;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "expired_at")
    public Instant expiredAt;
    @Column(name = "revoked_at")
    public Instant revokedAt;
    @Column(name = "revoke_reason")
    public String revokeReason;
    @Column(nullable = false)
    public String status;
    @Column(name = "action_count", nullable = false)
    public int actionCount;
    @Column(name = "last_action_at")
    public Instant lastActionAt;
    @Column(name = "granted_index", nullable = false)
    public long grantedIndex;
}
