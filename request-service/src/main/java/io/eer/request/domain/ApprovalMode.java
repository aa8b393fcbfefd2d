package io.eer.request.domain;

/** How a request is decided once accepted: break-glass without an approver, one approver fast, or N of M. */
public enum ApprovalMode { PRE_APPROVED, EXPEDITED, STANDARD }
