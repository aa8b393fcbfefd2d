package io.eer.review.domain;

/** The id of the grant (grant-service's) whose access is reviewed. */
public record GrantId(String value) {
    public GrantId {
        TextId.check(value, "grantId");
    }

    @Override
    public String toString() {
        return value;
    }
}
