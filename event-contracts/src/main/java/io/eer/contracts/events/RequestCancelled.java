package io.eer.contracts.events;

public record RequestCancelled(String requestId, String by) implements DomainEvent {
}
