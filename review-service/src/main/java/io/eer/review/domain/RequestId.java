package io.eer.review.domain;

/** The id of the request the access was granted for. */
public record RequestId(String value) {
    public RequestId {
        TextId.check(value, "requestId");
    }

    @Override
    public String toString() {
        return value;
    }
}
