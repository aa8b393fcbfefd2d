package io.eer.expiry.domain;

/** The id of the request a grant was made for (the Kafka key of everything about it). */
public record RequestId(String value) {
    public RequestId {
        TextId.check(value, "requestId");
    }

    @Override
    public String toString() {
        return value;
    }
}
