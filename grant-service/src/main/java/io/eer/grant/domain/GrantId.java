package io.eer.grant.domain;

/** A grant's id (a UUID the service assigns when an approval reaches it). */
public record GrantId(String value) {
    public GrantId {
        Ids.check("grantId", value);
    }

    @Override
    public String toString() {
        return value;
    }
}
