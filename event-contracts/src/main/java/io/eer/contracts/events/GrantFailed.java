package io.eer.contracts.events;

public record GrantFailed(String requestId, String system, String connector, String error) implements DomainEvent {
}
