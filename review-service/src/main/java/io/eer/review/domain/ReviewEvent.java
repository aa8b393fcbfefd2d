package io.eer.review.domain;

import java.time.Instant;
import java.util.List;

/** What happened to a review; both are published ({@code eer.reviews}). */
public sealed interface ReviewEvent {

    ReviewId reviewId();

    /** The review is open: reviewers in {@code reviewerGroups}, except {@code excludedReviewers}, until {@code dueAt}. */
    record ReviewScheduled(ReviewId reviewId, GrantId grantId, RequestId requestId, List<String> reviewerGroups,
            List<String> excludedReviewers, Instant dueAt) implements ReviewEvent {
        public ReviewScheduled {
            reviewerGroups = List.copyOf(reviewerGroups);
            excludedReviewers = List.copyOf(excludedReviewers);
        }
    }

    /** {@code reviewer} concluded {@code outcome}; {@code findings} null when none. */
    record ReviewCompleted(ReviewId reviewId, GrantId grantId, RequestId requestId, Outcome outcome, String findings,
            String reviewer) implements ReviewEvent {
    }
}
