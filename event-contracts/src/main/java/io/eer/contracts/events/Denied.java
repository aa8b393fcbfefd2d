package io.eer.contracts.events;

import io.eer.contracts.events.Values.MfaEvidence;
import io.eer.contracts.events.Values.PolicyRef;
import java.util.List;

/** Optional: the approver's {@code mfa} evidence and {@code groups}, as the verified token said. */
public record Denied(
        String requestId,
        String approver,
        String reason,
        PolicyRef policy,
        MfaEvidence mfa,
        List<String> groups) implements DomainEvent {
    public Denied {
        groups = groups == null ? null : List.copyOf(groups);
    }

    /** The event as it was before mfa and groups. */
    public Denied(String requestId, String approver, String reason, PolicyRef policy) {
        this(requestId, approver, reason, policy, null, null);
    }
}
