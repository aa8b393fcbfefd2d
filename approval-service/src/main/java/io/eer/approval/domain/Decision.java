package io.eer.approval.domain;

/** What one approver says about a request. */
public enum Decision {
    APPROVE, DENY
}
