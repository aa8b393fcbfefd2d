package io.eer.request.domain;

import java.time.Instant;

/** What can be asked of an access request. */
public sealed interface RequestCommand {

    /** Check {@code ask} against {@code policy} at {@code at} and record the outcome under {@code requestId}. */
    record Submit(RequestId requestId, RequestedAccess ask, Requester requester, Policy policy, Instant at)
            implements RequestCommand {
    }

    /** Cancel for {@code by}; {@code admin} when the caller is in an admin group (may cancel anyone's request). */
    record Cancel(Principal by, boolean admin, String reason, PolicyRef policy) implements RequestCommand {
    }

    /** Another service's event about the request, as a lifecycle step (see {@code infra.in.LifecycleConsumer}). */
    record TrackLifecycle(RequestStatus reported, String grantId) implements RequestCommand {
    }
}
