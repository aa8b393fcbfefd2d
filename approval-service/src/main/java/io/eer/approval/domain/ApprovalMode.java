package io.eer.approval.domain;

/** How a request is decided: at once by its policy (break-glass), by one on-call approver, or by a quorum. */
public enum ApprovalMode {
    PRE_APPROVED, EXPEDITED, STANDARD
}
