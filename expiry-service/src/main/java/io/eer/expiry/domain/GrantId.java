package io.eer.expiry.domain;

import io.eer.support.decider.TypedIds;

/** A grant's id (grant-service's); also the id of its timer aggregate. */
public record GrantId(String value) {
    public GrantId {
        TypedIds.check(value, "grantId");
    }

    @Override
    public String toString() {
        return value;
    }
}
