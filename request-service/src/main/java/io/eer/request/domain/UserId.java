package io.eer.request.domain;

/** A person's id (the token's {@code sub}): a requester, a beneficiary, whoever cancels. */
public record UserId(String value) {
    public UserId {
        Text.id("a user id", value);
    }

    @Override
    public String toString() {
        return value;
    }
}
