package io.eer.review.domain;

/** What a reviewer concluded about an access. */
public enum Outcome {
    ACCESS_APPROPRIATE,
    FINDINGS_RAISED,
    ACCESS_MISUSED
}
