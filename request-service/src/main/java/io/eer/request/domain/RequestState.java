package io.eer.request.domain;

/** What the decider needs to know about a request; {@code status} null: no such request yet. */
public record RequestState(RequestId requestId, RequestStatus status, UserId requester, UserId beneficiary,
        String grantId) {

    public static final RequestState NONE = new RequestState(null, null, null, null, null);

    public boolean exists() {
        return status != null;
    }

    boolean isParty(String userId) {
        return requester != null && requester.value().equals(userId)
                || beneficiary != null && beneficiary.value().equals(userId);
    }

    RequestState with(RequestStatus newStatus) {
        return new RequestState(requestId, newStatus, requester, beneficiary, grantId);
    }
}
