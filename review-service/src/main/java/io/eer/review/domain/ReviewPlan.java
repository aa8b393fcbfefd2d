package io.eer.review.domain;

import java.time.Duration;
import java.util.List;

/** Who reviews an ended access and how long they have, as the request's policy rule (or the defaults) says. */
public record ReviewPlan(List<String> reviewerGroups, Duration dueWithin) {
    public ReviewPlan {
        reviewerGroups = reviewerGroups == null ? List.of() : List.copyOf(reviewerGroups);
    }
}
