package io.eer.audit.insight.projection;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One request: its status and when each step happened, as the ledger says. */
@Entity
@Table(name = "proj_request")
public class RequestView extends PanacheEntityBase {
    @Id
    @Column(name = "request_id")
    public String requestId;
    public String kind;
    public String requester;
    public String beneficiary;
    public String system;
    public String role;
    public String incident;
    @Column(nullable = false)
    public String status;
    public String approvers;
    @Column(name = "requested_at")
    public Instant requestedAt;
    @Column(name = "decided_at")
    public Instant decidedAt;
    @Column(name = "granted_at")
    public Instant grantedAt;
    @Column(name = "ended_at")
    public Instant endedAt;
    @Column(name = "first_index", nullable = false)
    public long firstIndex;
    @Column(name = "last_index", nullable = false)
    public long lastIndex;
    @Column(name = "event_count", nullable = false)
    public int eventCount;
}
