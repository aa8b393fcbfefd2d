package io.eer.review.domain;

/** A review's id (aggregate id of the review). */
public record ReviewId(String value) {
    public ReviewId {
        TextId.check(value, "reviewId");
    }

    @Override
    public String toString() {
        return value;
    }
}
