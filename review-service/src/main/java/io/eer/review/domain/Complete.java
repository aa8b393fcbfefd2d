package io.eer.review.domain;

import io.eer.contracts.events.Values.ReviewOutcome;
import java.util.Set;

/** A command: {@code reviewer}, member of {@code reviewerGroups} (from the token), completes a review. */
public record Complete(String reviewer, Set<String> reviewerGroups, ReviewOutcome outcome, String findings) {
    public Complete {
        reviewerGroups = Set.copyOf(reviewerGroups);
    }
}
