package io.eer.review.domain;

import io.eer.support.decider.Rule;

/** Why a review command was refused; {@link #field()} and {@link #rule()} are what the problem answer names. */
public enum ReviewRule implements Rule {
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
    OUTCOME_REQUIRED("outcome", "required"),
    /** Break-glass access: the beneficiary has not attested yet. */
    ATTESTATION_REQUIRED("attestation", "attestation-required"),
    /** Only the beneficiary of the access attests. */
    ATTESTER_BENEFICIARY("attester", "beneficiary-only"),
    /** The beneficiary attested already. */
    ATTEST_ONCE("attestation", "attest-once"),
    /** An attestation without a statement. */
    STATEMENT_REQUIRED("statement", "required"),
    /** A statement longer than {@link Review#MAX_FINDINGS}. */
    STATEMENT_TOO_LONG("statement", "max-length");

    private final String field;
    private final String rule;

    ReviewRule(String field, String rule) {
        this.field = field;
        this.rule = rule;
    }

    public String field() {
        return field;
    }

    /** The rule names the API has always answered with (kept, so clients and tests see no change). */
    @Override
    public String rule() {
        return rule;
    }
}
