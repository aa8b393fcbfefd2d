package io.eer.grant.domain;

/** Why a grant ends (the same names as the published {@code AccessRevoked.reason}). */
public enum RevocationReason {
    EXPIRED, REVOKED_EARLY, REQUEST_CANCELLED
}
