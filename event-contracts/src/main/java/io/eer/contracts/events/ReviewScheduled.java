package io.eer.contracts.events;

import java.time.Instant;
import java.util.List;

/** {@code excludedReviewers}: the requester, beneficiary and approvers, who may never review this access. */
public record ReviewScheduled(
        String reviewId,
        String grantId,
        String requestId,
        List<String> reviewerGroups,
        List<String> excludedReviewers,
        Instant dueAt) implements DomainEvent {
    public ReviewScheduled {
        reviewerGroups = List.copyOf(reviewerGroups);
        excludedReviewers = List.copyOf(excludedReviewers);
    }
}
