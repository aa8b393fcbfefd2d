package io.eer.approval.projection;

import io.eer.approval.domain.ApprovalStatus;
import io.eer.support.persistence.StringListConverter;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * One request's approval: what was asked (from {@code EmergencyRequested}), how it is decided, where it stands.
 * {@code version} counts the aggregate's events in {@code domain_event} (escalations, refused attempts, the outcome).
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
    @Column(name = "distinct_groups")
    public boolean distinctGroups;
    /** ISO-8601 durations, as {@code Duration#toString} writes them; {@code null} when the plan has none. */
    @Column(name = "decision_timeout")
    public String decisionTimeout;
    public String validity;
    @Column(name = "max_duration")
    public String maxDuration;
    /** Whether the plan asks for approver MFA; then {@link #mfaMethods} and {@link #mfaMaxAge} say which. */
    @Column(name = "approver_mfa")
    public boolean approverMfa;
    /** The approver MFA's accepted methods (an empty list when none is asked) and maximum age. */
    @Convert(converter = StringListConverter.class)
    @Column(name = "mfa_methods")
    public List<String> mfaMethods;
    @Column(name = "mfa_max_age")
    public String mfaMaxAge;
    @Column(name = "escalation_level")
    public int escalationLevel;
    /** Durable timers: the current level's decision deadline and the request's validity; cleared once closed. */
    @Column(name = "decision_deadline")
    public Instant decisionDeadline;
    @Column(name = "valid_until")
    public Instant validUntil;
}
