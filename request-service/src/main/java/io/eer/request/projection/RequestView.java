package io.eer.request.projection;

import io.eer.request.domain.RequestStatus;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A request's current lifecycle status, kept in the transaction of the event that changed it. */
@Entity
@Table(name = "request_status")
public class RequestView extends PanacheEntityBase {
    @Id
    @Column(name = "request_id")
    public String requestId;
    public String kind;
    public String origin;
    @Enumerated(EnumType.STRING)
    public RequestStatus status;
    public String requester;
    public String beneficiary;
    public String system;
    public String role;
    @Column(name = "grant_id")
    public String grantId;
    /** The duration asked for (the rule's default when the request named none), ISO-8601. */
    public String duration;
    public String incident;
    public String ticket;
    @Column(name = "rule_id")
    public String ruleId;
    @Column(name = "policy_id")
    public String policyId;
    @Column(name = "policy_version")
    public String policyVersion;
    @Column(name = "cancelled_by")
    public String cancelledBy;
    @Column(name = "cancel_reason")
    public String cancelReason;
    @Column(name = "cancelled_at")
    public Instant cancelledAt;
    /** Number of events in the request's aggregate (public and internal), as last projected. */
    public long version;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
