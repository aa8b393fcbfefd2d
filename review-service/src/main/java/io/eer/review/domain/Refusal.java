package io.eer.review.domain;

/** Why a command was not accepted; {@link #field()} and {@link #rule()} are what the problem answer names. */
public enum Refusal {
    /** No review has this id. */
    UNKNOWN_REVIEW("reviewId", "review-exists"),
    /** The caller requested, received or approved the access under review. */
    SEPARATION_OF_DUTIES("reviewer", "separation-of-duties"),
    /** The caller is in none of the review's reviewer groups. */
    REVIEWER_GROUP("reviewer", "reviewer-group"),
    /** The review was completed already. */
    ALREADY_COMPLETED("status", "complete-once"),
    /** Findings are required unless the access was appropriate. */
    FINDINGS_REQUIRED("findings", "required"),
    /** Findings longer than {@link Review#MAX_FINDINGS}. */
    FINDINGS_TOO_LONG("findings", "max-length"),
    /** No outcome was given. */
    OUTCOME_REQUIRED("outcome", "required");

    private final String field;
    private final String rule;

    Refusal(String field, String rule) {
        this.field = field;
        this.rule = rule;
    }

    public String field() {
        return field;
    }

    public String rule() {
        return rule;
    }
}
