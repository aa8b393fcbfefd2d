package io.eer.review.projection;

import io.eer.review.domain.Finding;
import io.eer.review.domain.ReviewStatus;
import java.time.Instant;
import java.util.List;

/**
 * A review as the REST API shows it; {@code mandatory}: break-glass access, whose review may not be skipped;
 * {@code overdue}: still open after {@code dueAt}; {@code attestationRequired}: break-glass (EMERGENCY), the beneficiary
 * must attest before completion ({@code attestedBy}, {@code attestedAt} once they did); {@code reminders}: overdue
 * reminders sent; {@code automaticFindings}: what the evidence shows ({@code ReviewFindings}).
 */
public record ReviewView(
        String reviewId,
        String grantId,
        String requestId,
        String requester,
        String beneficiary,
        String system,
        String role,
        List<String> approvers,
        List<String> reviewerGroups,
        List<String> excludedReviewers,
        Instant revokedAt,
        Instant dueAt,
        String status,
        String outcome,
        String findings,
        String reviewer,
        Instant completedAt,
        boolean mandatory,
        String mandatoryReason,
        boolean overdue,
        boolean attestationRequired,
        String attestedBy,
        Instant attestedAt,
        int reminders,
        List<Finding> automaticFindings) {

    /** The row as seen at {@code now} (which decides {@code overdue}). */
    public static ReviewView of(ReviewRow row, Instant now) {
        return new ReviewView(row.reviewId, row.grantId, row.requestId, row.requester, row.beneficiary, row.system,
                row.role, row.approvers, row.reviewerGroups, row.excludedReviewers, row.revokedAt, row.dueAt,
                row.status.name(), row.outcome == null ? null : row.outcome.name(), row.findings, row.reviewer,
                row.completedAt, row.mandatory, row.mandatoryReason,
                row.status == ReviewStatus.OPEN && now.isAfter(row.dueAt), row.attestationRequired, row.attestedBy,
                row.attestedAt, row.reminders, row.automaticFindings == null ? List.of() : row.automaticFindings);
    }
}
