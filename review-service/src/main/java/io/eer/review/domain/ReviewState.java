package io.eer.review.domain;

import io.eer.review.domain.ReviewEvent.ReviewCompleted;
import io.eer.review.domain.ReviewEvent.ReviewScheduled;

/** A review as its events leave it: {@link #NONE} before it was scheduled, then open, then completed. */
public record ReviewState(ReviewScheduled scheduled, ReviewCompleted completed) {

    public static final ReviewState NONE = new ReviewState(null, null);

    public boolean exists() {
        return scheduled != null;
    }

    /** Null before it was scheduled. */
    public ReviewStatus status() {
        if (!exists()) {
            return null;
        }
        return completed == null ? ReviewStatus.OPEN : ReviewStatus.COMPLETED;
    }
}
