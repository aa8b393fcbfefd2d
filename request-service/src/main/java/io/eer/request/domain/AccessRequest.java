package io.eer.request.domain;

import io.eer.contracts.events.Values.Origin;
import io.eer.contracts.events.Values.RequestKind;
import java.time.Duration;

/** What a caller asked for, as received; any field may be missing until the policy checks it. */
public record AccessRequest(
        RequestKind kind,
        Origin origin,
        String beneficiary,
        String system,
        String role,
        Duration duration,
        String justification,
        String incident) {
}
