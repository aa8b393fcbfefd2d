package io.eer.grant.domain;

/**
 * The account a grant gave access to: a temporary login EER created ({@link Accounts#isTemporaryAccount}), or, on a
 * directory target, the beneficiary's own entry put into a group ({@link Accounts#isDirectoryAccount}, a DN).
 */
public record LoginName(String value) {
    public LoginName {
        if (!Accounts.isTemporaryAccount(value) && !Accounts.isDirectoryAccount(value)) {
            throw new IllegalArgumentException("'" + value + "' is not a temporary EER login name nor a directory entry");
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
