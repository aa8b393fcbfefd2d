package io.eer.approval.domain;

/** Why a decision was not accepted; {@link #rule()} is the name the problem answer carries. */
public enum Refusal {
    /** No approval is known for the request. */
    UNKNOWN_REQUEST("request-exists"),
    /** The caller asked for this access or would receive it. */
    SEPARATION_OF_DUTIES("separation-of-duties"),
    /** The caller is in none of the request's approver groups. */
    APPROVER_GROUP("approver-group"),
    /** The caller has decided on this request already. */
    ALREADY_DECIDED("one-decision-per-approver"),
    /** The request is approved, denied or cancelled. */
    NOT_PENDING("pending-only");

    private final String rule;

    Refusal(String rule) {
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
