package io.eer.request.domain;

/** Where a request is in its lifecycle, as the request service has learnt from the events. */
public enum RequestStatus {
    PENDING_APPROVAL, APPROVED, GRANTED, EXPIRED, REVOKED, DENIED, REJECTED, CANCELLED, TIMED_OUT, GRANT_FAILED
}
