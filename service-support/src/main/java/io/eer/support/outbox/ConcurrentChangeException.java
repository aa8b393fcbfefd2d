package io.eer.support.outbox;

/**
 * Another transaction appended to the aggregate after the version this append decided on. Thrown by
 * {@link EventStore#append} <em>before</em> anything is written, so the caller's transaction is still usable:
 * {@code Aggregates} re-loads, re-decides and appends again; past its attempts the REST edge answers 409 and consumers
 * re-run the transaction ({@code FailurePolicy}: transient).
 */
public final class ConcurrentChangeException extends RuntimeException {

    private final String aggregateId;

    public ConcurrentChangeException(String aggregateId, long expectedVersion, long actualVersion) {
        super("aggregate " + aggregateId + " is at version " + actualVersion + ", not " + expectedVersion);
        this.aggregateId = aggregateId;
    }

    public String aggregateId() {
        return aggregateId;
    }
}
