package io.eer.contracts.events;

import io.eer.contracts.events.Values.ApprovalPlan;
import io.eer.contracts.events.Values.MfaEvidence;
import io.eer.contracts.events.Values.Origin;
import io.eer.contracts.events.Values.PolicyRef;
import io.eer.contracts.events.Values.Principal;
import io.eer.contracts.events.Values.RequestKind;
import io.eer.contracts.events.Values.ReviewPlan;
import java.time.Duration;

public record EmergencyRequested(
        String requestId,
        RequestKind kind,
        Origin origin,
        Principal requester,
        String beneficiary,
        String system,
        String role,
        String justification,
        String incident,
        Duration requestedDuration,
        MfaEvidence mfa,
        PolicyRef policy,
        ApprovalPlan approval,
        ReviewPlan review) implements DomainEvent {
}
