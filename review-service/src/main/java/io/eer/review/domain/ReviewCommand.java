package io.eer.review.domain;

import java.util.Objects;
import java.util.Set;

/** What can be asked of a review. */
public sealed interface ReviewCommand {

    /** Open the review {@code reviewId} of {@code access}. */
    record Schedule(ReviewId reviewId, AccessUnderReview access) implements ReviewCommand {
        public Schedule {
            Objects.requireNonNull(reviewId, "reviewId");
            Objects.requireNonNull(access, "access");
        }
    }

    /** {@code reviewer}, member of {@code reviewerGroups} (from the token), completes the review. */
    record Complete(String reviewer, Set<String> reviewerGroups, Outcome outcome, String findings)
            implements ReviewCommand {
        public Complete {
            reviewerGroups = Set.copyOf(reviewerGroups);
        }
    }
}
