package io.eer.review.domain;

/** Where a review stands: open until a reviewer completes it. */
public enum ReviewStatus {
    OPEN,
    COMPLETED
}
