package io.eer.approval.projection;

import io.eer.approval.domain.ApprovalStatus;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One request's approval: what was asked (from {@code EmergencyRequested}), how it is decided, where it stands.
 * {@code version} counts the aggregate's events in {@code domain_event} (0 while pending, 1 once concluded).
 */
@Entity
@Table(name = "approval")
public class ApprovalRow extends PanacheEntityBase {
    @Id
    @Column(name = "request_id")
    public String requestId;
    @Enumerated(EnumType.STRING)
    public ApprovalStatus status;
    public String kind;
    public String origin;
    public String requester;
    public String beneficiary;
    public String system;
    public String role;
    public String justification;
    public String incident;
    /** ISO-8601, as {@code Duration#toString} writes it. */
    @Column(name = "requested_duration")
    public String requestedDuration;
    public String mode;
    public int quorum;
    @Column(name = "policy_id")
    public String policyId;
    @Column(name = "policy_version")
    public String policyVersion;
    @Column(name = "cancelled_by")
    public String cancelledBy;
    public long version;
    @Column(name = "requested_at")
    public Instant requestedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "closed_at")
    public Instant closedAt;
}
