package io.eer.expiry.domain;

import io.eer.support.decider.TypedIds;

/** The id of the request a grant was made for (the Kafka key of everything about it). */
public record RequestId(String value) {
    public RequestId {
        TypedIds.check(value, "requestId");
    }

    @Override
    public String toString() {
        return value;
    }
}
