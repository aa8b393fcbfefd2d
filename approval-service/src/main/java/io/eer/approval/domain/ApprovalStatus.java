package io.eer.approval.domain;

/** Where an approval stands; only {@link #PENDING} takes decisions. */
public enum ApprovalStatus {
    PENDING, APPROVED, DENIED, CANCELLED
}
