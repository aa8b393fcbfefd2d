package io.eer.audit.insight.projection;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One post-access review: SCHEDULED until ReviewCompleted is in the ledger. */
@Entity
@Table(name = "proj_review")
public class ReviewView extends PanacheEntityBase {
    public static final String SCHEDULED = "SCHEDULED";
    public static final String COMPLETED = "COMPLETED";

    @Id
    @Column(name = "review_id")
    public String reviewId;
    @Column(name = "grant_id")
    public String grantId;
    @Column(name = "request_id", nullable = false)
    public String requestId;
    @Column(name = "reviewer_groups")
    public String reviewerGroups;
    @Column(name = "due_at")
    public Instant dueAt;
    @Column(nullable = false)
    public String status;
    public String outcome;
    public String reviewer;
    @Column(name = "completed_at")
    public Instant completedAt;
    @Column(name = "scheduled_index", nullable = false)
    public long scheduledIndex;
}
