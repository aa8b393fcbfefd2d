package io.eer.grant.domain;

/** A temporary login on a target: only names EER itself creates ({@link Accounts#isTemporaryAccount}). */
public record LoginName(String value) {
    public LoginName {
        if (!Accounts.isTemporaryAccount(value)) {
            throw new IllegalArgumentException("'" + value + "' is not a temporary EER login name");
        }
    }

    /** The login of a request's grant: the same name every time the request is provisioned. */
    public static LoginName forRequest(RequestId requestId) {
        return new LoginName(Accounts.forRequest(requestId.value()));
    }

    @Override
    public String toString() {
        return value;
    }
}
