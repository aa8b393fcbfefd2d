package io.eer.contracts.events;

/** Optional: {@code reason}, in the words of whoever cancelled. */
public record RequestCancelled(String requestId, String by, String reason) implements DomainEvent {

    /** The event as it was before reason. */
    public RequestCancelled(String requestId, String by) {
        this(requestId, by, null);
    }
}
