package io.eer.grant.domain;

import io.eer.support.decider.Rule;

/** Why the grant service refuses a command; {@link #rule()} is the {@code rule} of the problem the REST edge answers. */
public enum GrantRefusal implements Rule {
    /** The request has a grant already (a redelivered or repeated {@code Approved}). */
    ALREADY_GRANTED,
    /** The request was cancelled before its approval arrived. */
    REQUEST_CANCELLED,
    /** No grant is known for the request. */
    UNKNOWN_GRANT,
    /** The grant failed: nothing was provisioned (nothing to revoke, no credentials). */
    GRANT_FAILED,
    /** The grant has been revoked already: never twice. */
    ALREADY_REVOKED,
    /** Neither the beneficiary nor a session agent scoped to the grant's system. */
    NOT_ALLOWED,
    /** Credentials are handed out once. */
    CREDENTIALS_FETCHED_ONCE,
    /** The grant ended before the credentials were fetched; they were destroyed. */
    GRANT_ENDED,
    /** The sealed secret can no longer be opened (its key is not configured any more). */
    CREDENTIALS_UNAVAILABLE,
    /** The grant's deadline has passed: it can no longer be extended (its revocation is under way). */
    DEADLINE_PASSED,
    /** An expiry fired for a deadline the grant has since been extended past (the new deadline stands). */
    EXTENDED,
    /** An extension must end later than the grant does now. */
    NOT_LATER,
    /** Beyond what the policy allows for the grant's system and role (or no rule offers it any more). */
    MAX_DURATION,
    /** An extension is already waiting for re-approval. */
    EXTENSION_PENDING,
    /** There is no extension waiting for approval. */
    NO_PENDING_EXTENSION,
    /** The beneficiary (or whoever asked for the extension) may not approve it. */
    SEPARATION_OF_DUTIES,
    /** The approver is not in the approver groups of the grant's rules. */
    APPROVER_GROUP,
    /** The reconciler found a login that an ACTIVE grant explains: it is no orphan and stays. */
    LOGIN_IN_USE
}
