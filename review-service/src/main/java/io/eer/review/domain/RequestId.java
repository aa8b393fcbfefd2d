package io.eer.review.domain;

import io.eer.support.decider.TypedIds;

/** The id of the request the access was granted for. */
public record RequestId(String value) {
    public RequestId {
        TypedIds.check(value, "requestId");
    }

    @Override
    public String toString() {
        return value;
    }
}
