package io.eer.request.domain;

/** A request's id (the aggregate id, the CloudEvents subject and Kafka key of its events). */
public record RequestId(String value) {
    public RequestId {
        Text.id("a request id", value);
    }

    @Override
    public String toString() {
        return value;
    }
}
