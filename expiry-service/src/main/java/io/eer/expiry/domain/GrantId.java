package io.eer.expiry.domain;

/** A grant's id (grant-service's); also the id of its timer aggregate. */
public record GrantId(String value) {
    public GrantId {
        TextId.check(value, "grantId");
    }

    @Override
    public String toString() {
        return value;
    }
}
