package io.eer.review.domain;

import io.eer.review.domain.ReviewEvent.AttestationGiven;
import io.eer.review.domain.ReviewEvent.ReviewCompleted;
import io.eer.review.domain.ReviewEvent.ReviewScheduled;

/**
 * A review as its events leave it: {@link #NONE} before it was scheduled, then open, then completed;
 * {@code attestation}: the beneficiary's own account (null until given); {@code reminders}: overdue reminders sent.
 */
public record ReviewState(ReviewScheduled scheduled, ReviewCompleted completed, AttestationGiven attestation,
        int reminders) {

    public static final ReviewState NONE = new ReviewState(null, null, null, 0);

    public ReviewState(ReviewScheduled scheduled, ReviewCompleted completed) {
        this(scheduled, completed, null, 0);
    }

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
