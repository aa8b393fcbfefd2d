package io.eer.review.domain;

import io.eer.support.decider.TypedIds;

/** A review's id (aggregate id of the review). */
public record ReviewId(String value) {
    public ReviewId {
        TypedIds.check(value, "reviewId");
    }

    @Override
    public String toString() {
        return value;
    }
}
