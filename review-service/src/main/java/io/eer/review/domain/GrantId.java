package io.eer.review.domain;

import io.eer.support.decider.TypedIds;

/** The id of the grant (grant-service's) whose access is reviewed. */
public record GrantId(String value) {
    public GrantId {
        TypedIds.check(value, "grantId");
    }

    @Override
    public String toString() {
        return value;
    }
}
