package io.eer.review.domain;

import java.time.Instant;
import java.util.List;

/**
 * What happened to a review. {@code ReviewScheduled}, {@code ReviewCompleted} and {@code ReviewOverdue} are published
 * ({@code eer.reviews}); {@code AttestationGiven} is stored only (it is the beneficiary's own words, for the review).
 */
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

    /** The beneficiary ({@code by}) said what they did with the access and why, at {@code at}. */
    record AttestationGiven(ReviewId reviewId, String by, String statement, Instant at) implements ReviewEvent {
    }

    /**
     * Still open after {@code dueAt}: reminder {@code reminder} (1 = first) to the reviewer groups; {@code escalatedTo}
     * the groups told as well once escalated (null before).
     */
    record ReviewOverdue(ReviewId reviewId, GrantId grantId, RequestId requestId, Instant dueAt, int reminder,
            List<String> reviewerGroups, List<String> escalatedTo) implements ReviewEvent {
        public ReviewOverdue {
            reviewerGroups = List.copyOf(reviewerGroups);
            escalatedTo = escalatedTo == null ? null : List.copyOf(escalatedTo);
        }
    }
}
