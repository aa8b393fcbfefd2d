package io.eer.grant.domain;

/** Where a grant is: provisioned and usable, ended and cleaned up on the target, or never provisioned. */
public enum GrantStatus {
    ACTIVE, REVOKED, FAILED
}
