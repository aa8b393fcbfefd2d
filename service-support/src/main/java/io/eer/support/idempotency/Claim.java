package io.eer.support.idempotency;

/** What {@link IdempotencyStore#claim} found for a key. */
public sealed interface Claim {

    /** The key is new (or its record expired): this transaction holds it; complete or release it. */
    record Fresh() implements Claim {
    }

    /** The same request was answered before: send {@code answer} again. */
    record Replay(StoredAnswer answer) implements Claim {
    }

    /**
     * The key was first used with a different request (the hashes differ): refuse, and do not run the request.
     * {@code firstResourceId} is what the first request created (may be null), for the caller's message.
     */
    record Conflict(String firstResourceId) implements Claim {
    }
}
