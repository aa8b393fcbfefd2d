package io.eer.approval.domain;

import io.eer.support.decider.Rule;

/**
 * Why a decision was not accepted; {@link #field()} and {@link #rule()} are what the problem answer names.
 * {@link #recorded()}: the attempt is evidence a security team wants (an {@code AttemptRefused} event).
 */
public enum Refusal implements Rule {
    /** No approval is known for the request. */
    UNKNOWN_REQUEST("requestId", "request-exists", false),
    /** The caller asked for this access or would receive it. */
    SEPARATION_OF_DUTIES("approver", "separation-of-duties", true),
    /** The caller is in none of the groups asked so far. */
    APPROVER_GROUP("approver", "approver-group", true),
    /** The caller has decided on this request already. */
    ALREADY_DECIDED("approver", "one-decision-per-approver", false),
    /** The request is approved, denied, cancelled or expired. */
    NOT_PENDING("status", "pending-only", false),
    /** The token shows none of the authentication methods the plan accepts. */
    MFA_METHOD("amr", "mfa-required", true),
    /** The token's authentication is older than the plan allows. */
    MFA_AGE("auth_time", "mfa-max-age", true);

    private final String field;
    private final String rule;
    private final boolean recorded;

    Refusal(String field, String rule, boolean recorded) {
        this.field = field;
        this.rule = rule;
        this.recorded = recorded;
    }

    public String field() {
        return field;
    }

    @Override
    public String rule() {
        return rule;
    }

    public boolean recorded() {
        return recorded;
    }

    public boolean stepUp() {
        return this == MFA_METHOD || this == MFA_AGE;
    }
}
