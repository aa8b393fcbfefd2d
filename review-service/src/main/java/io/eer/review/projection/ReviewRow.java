package io.eer.review.projection;

import io.eer.review.domain.Outcome;
import io.eer.review.domain.ReviewStatus;
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
 * One review: the access it is about, where it stands and its outcome; a projection of the review's events
 * ({@link ReviewProjection}), rebuilt by {@code RebuildReviews}. {@code version} counts the review's events in
 * {@code domain_event} (1 once scheduled, 2 once completed). {@code grant_id} is unique: one review per grant.
 */
@Entity
@Table(name = "review")
// only changed columns are written: the findings column is also set by its own statement (ReviewProjection.found)
@org.hibernate.annotations.DynamicUpdate
public class ReviewRow extends PanacheEntityBase {
    @Id
    @Column(name = "review_id")
    public String reviewId;
    @Column(name = "grant_id", nullable = false, unique = true)
    public String grantId;
    @Column(name = "request_id", nullable = false)
    public String requestId;
    public String requester;
    public String beneficiary;
    public String system;
    public String role;
    @Convert(converter = StringListConverter.class)
    public List<String> approvers;
    @Column(name = "reviewer_groups")
    @Convert(converter = StringListConverter.class)
    public List<String> reviewerGroups;
    @Column(name = "excluded_reviewers")
    @Convert(converter = StringListConverter.class)
    public List<String> excludedReviewers;
    @Column(name = "revoked_at")
    public Instant revokedAt;
    @Column(name = "due_at")
    public Instant dueAt;
    @Enumerated(EnumType.STRING)
    public ReviewStatus status;
    @Enumerated(EnumType.STRING)
    public Outcome outcome;
    public String findings;
    public String reviewer;
    public long version;
    @Column(name = "scheduled_at")
    public Instant scheduledAt;
    @Column(name = "completed_at")
    public Instant completedAt;
    /** Break-glass access: its review is mandatory ({@code mandatoryReason} = {@code break-glass}). */
    public boolean mandatory;
    @Column(name = "mandatory_reason")
    public String mandatoryReason;
    /** An EMERGENCY request: the beneficiary must attest before the review is completed. */
    @Column(name = "attestation_required")
    public boolean attestationRequired;
    @Column(name = "attested_by")
    public String attestedBy;
    @Column(name = "attested_at")
    public Instant attestedAt;
    /** Overdue reminders sent ({@code ReviewOverdue}). */
    public int reminders;
    /** When the reminder poller next looks at this open review; null once completed. */
    @Column(name = "next_reminder_at")
    public Instant nextReminderAt;
    /** What {@code ReviewFindings} finds in the evidence received so far. */
    @Column(name = "automatic_findings", nullable = false)
    @Convert(converter = FindingsConverter.class)
    public List<io.eer.review.domain.Finding> automaticFindings;
}
