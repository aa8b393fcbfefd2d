package io.eer.contracts.events;

import io.eer.contracts.events.Values.PolicyRef;

public record Denied(String requestId, String approver, String reason, PolicyRef policy) implements DomainEvent {
}
