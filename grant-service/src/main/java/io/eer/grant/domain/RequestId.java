package io.eer.grant.domain;

/** The id of the request a grant serves; it also names the grant's aggregate and its login on the target. */
public record RequestId(String value) {
    public RequestId {
        Ids.check("requestId", value);
    }

    @Override
    public String toString() {
        return value;
    }
}
