package io.eer.review.projection;

import io.eer.review.domain.AccessUnderReview;
import io.eer.review.domain.ReviewEvent.AttestationGiven;
import io.eer.review.domain.ReviewEvent.ReviewCompleted;
import io.eer.review.domain.ReviewEvent.ReviewOverdue;
import io.eer.review.domain.ReviewEvent.ReviewScheduled;
import io.eer.review.domain.ReviewStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;

/**
 * Keeps the read model ({@code review}, {@code review_group}) in step with the reviews' events, in the transaction
 * that stores them; a rebuild applies the same functions to the stored events. {@code at} is the event's
 * {@code recorded_at}, so a rebuilt row equals the live one.
 */
public final class ReviewProjection {

    private ReviewProjection() {
    }

    /** A new review of {@code access}. */
    public static Uni<ReviewRow> scheduled(ReviewScheduled scheduled, AccessUnderReview access, Instant at,
            List<io.eer.review.domain.Finding> findings) {
        ReviewRow row = new ReviewRow();
        row.reviewId = scheduled.reviewId().value();
        row.grantId = scheduled.grantId().value();
        row.requestId = scheduled.requestId().value();
        row.requester = access.requester();
        row.beneficiary = access.beneficiary();
        row.system = access.system();
        row.role = access.role();
        row.approvers = access.approvers();
        row.reviewerGroups = scheduled.reviewerGroups();
        row.excludedReviewers = scheduled.excludedReviewers();
        row.revokedAt = access.revokedAt();
        row.dueAt = scheduled.dueAt();
        row.status = ReviewStatus.OPEN;
        row.version = 1;
        row.scheduledAt = at;
        row.mandatory = access.mandatory();
        row.mandatoryReason = access.mandatory() ? AccessUnderReview.BREAK_GLASS : null;
        row.attestationRequired = access.attestationRequired();
        row.nextReminderAt = scheduled.dueAt();
        row.automaticFindings = List.copyOf(findings);
        List<ReviewGroupRow> groups = scheduled.reviewerGroups().stream()
                .map(group -> ReviewGroupRow.of(row.reviewId, group)).toList();
        // flush the review first: the group rows reference it, and a second review of the grant fails right here
        return row.<ReviewRow>persistAndFlush()
                .chain(() -> ReviewGroupRow.persist(groups))
                .replaceWith(row);
    }

    /** The review's conclusion. */
    public static Uni<ReviewRow> completed(ReviewCompleted completed, Instant at) {
        return ReviewRow.<ReviewRow>findById(completed.reviewId().value()).map(row -> {
            if (row == null) {
                throw new IllegalStateException("review " + completed.reviewId() + " completed but not in the read model");
            }
            row.version = row.version + 1;
            row.status = ReviewStatus.COMPLETED;
            row.outcome = completed.outcome();
            row.findings = completed.findings();
            row.reviewer = completed.reviewer();
            row.completedAt = at;
            row.nextReminderAt = null;
            return row;
        });
    }

    /** The grant's evidence grew: its review (if it has one) shows {@code findings} now. */
    public static Uni<Void> found(String grantId, List<io.eer.review.domain.Finding> findings) {
        // one column, by its own statement: nothing else of the row is read, so nothing else can be written back stale
        return Panache.getSession().chain(session -> session
                        .createNativeQuery("update review set automatic_findings = ?1 where grant_id = ?2")
                        .setParameter(1, new FindingsConverter().convertToDatabaseColumn(findings))
                        .setParameter(2, grantId)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Whether {@code grantId} has a review. */
    public static Uni<Boolean> reviewed(String grantId) {
        return ReviewRow.count("grantId", grantId).map(count -> count > 0);
    }

    /** The beneficiary attested. */
    public static Uni<ReviewRow> attested(AttestationGiven attestation) {
        return row(attestation.reviewId().value()).map(row -> {
            row.version = row.version + 1;
            row.attestedBy = attestation.by();
            row.attestedAt = attestation.at();
            return row;
        });
    }

    /** A reminder went out at {@code at}; the next one is due {@code reminderInterval} later. */
    public static Uni<ReviewRow> reminded(ReviewOverdue overdue, Instant at, java.time.Duration reminderInterval) {
        return row(overdue.reviewId().value()).map(row -> {
            row.version = row.version + 1;
            row.reminders = overdue.reminder();
            row.nextReminderAt = at.plus(reminderInterval);
            return row;
        });
    }

    private static Uni<ReviewRow> row(String reviewId) {
        return ReviewRow.<ReviewRow>findById(reviewId).map(row -> {
            if (row == null) {
                throw new IllegalStateException("review " + reviewId + " changed but is not in the read model");
            }
            return row;
        });
    }

    /** Every row gone, before a rebuild (same transaction). */
    public static Uni<Void> clear() {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("delete from review_group").executeUpdate()
                        .chain(() -> session.createNativeQuery("delete from review").executeUpdate()))
                .replaceWithVoid();
    }
}
