package io.eer.ledger.format;

import java.time.Instant;
import java.util.Objects;

/**
 * Sequence numbers {@code first..last} of one producer that the ledger lacks although it holds a later one;
 * {@code openSince} is when the ledger recorded the event that revealed the gap; {@code alerted} whether the
 * {@code ledger-gap} alert went out for it (a part of a split gap keeps both).
 */
public record SequenceGap(String producer, long first, long last, Instant openSince, boolean alerted) {

    public SequenceGap {
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(openSince, "openSince");
        if (first < 1 || last < first) {
            throw new IllegalArgumentException("a gap is first..last with 1 <= first <= last");
        }
    }

    public boolean contains(long sequence) {
        return first <= sequence && sequence <= last;
    }

    /** Open longer than {@code bound} at {@code now}. */
    public boolean overdue(Instant now, java.time.Duration bound) {
        return openSince.plus(bound).isBefore(now);
    }

    public long count() {
        return last - first + 1;
    }
}
