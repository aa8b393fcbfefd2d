package io.eer.approval.domain;

/** Where an approval stands; only {@link #PENDING} takes decisions. {@link #EXPIRED}: it timed out undecided. */
public enum ApprovalStatus {
    PENDING, APPROVED, DENIED, CANCELLED, EXPIRED
}
