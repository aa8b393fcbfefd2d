package io.eer.ledger.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;

/**
 * What the ledger holds of one producer's gap-free {@code sequence} (the CloudEvents extension attribute every
 * producer stamps, 1, 2, 3, ... per source): the highest number seen and the numbers below it still missing, as
 * ranges in ascending order. Plain Java: the append transaction keeps it in a table, {@code /v1/audit/verify}
 * recomputes it from the ledger, and the standalone verifier does the same from an export.
 */
public final class ProducerSequence {

    private final String producer;
    private long highest;
    private final List<SequenceGap> gaps;

    public ProducerSequence(String producer, long highest, List<SequenceGap> gaps) {
        this.producer = producer;
        this.highest = highest;
        this.gaps = new ArrayList<>(gaps);
        this.gaps.sort((a, b) -> Long.compare(a.first(), b.first()));
    }

    public static ProducerSequence empty(String producer) {
        return new ProducerSequence(producer, 0, List.of());
    }

    /**
     * The event's {@code sequence}, when it has a valid one: a JSON string of a decimal integer >= 1. Events
     * without one (written before producers stamped it, checkpoints) or with a malformed one are not counted.
     */
    public static OptionalLong sequenceOf(JsonNode event) {
        JsonNode sequence = event == null ? null : event.get("sequence");
        return sequence == null || !sequence.isTextual() ? OptionalLong.empty() : sequenceOf(sequence.asText());
    }

    /**
     * {@link #sequenceOf(JsonNode)} for the text of a {@code sequence} string already read; null reads as none. Valid:
     * a decimal integer >= 1, no sign, no leading zero, at most 18 digits (fits a long). Checked by hand, not by a
     * regular expression: the verifier asks once per entry.
     */
    public static OptionalLong sequenceOf(String text) {
        if (text == null || text.isEmpty() || text.length() > 18 || text.charAt(0) == '0') {
            return OptionalLong.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(Long.parseLong(text));
    }

    /**
     * Records that the ledger now holds {@code sequence} (recorded at {@code recordedAt}). A number above the
     * highest opens a gap for those skipped; one inside a gap closes that number (splitting the gap); a repeat
     * changes nothing. Returns whether anything changed.
     */
    public boolean observe(long sequence, Instant recordedAt) {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence numbers start at 1");
        }
        if (sequence > highest) {
            if (sequence > highest + 1) {
                gaps.add(new SequenceGap(producer, highest + 1, sequence - 1, recordedAt, false));
            }
            highest = sequence;
            return true;
        }
        for (int i = 0; i < gaps.size(); i++) {
            SequenceGap gap = gaps.get(i);
            if (gap.contains(sequence)) {
                gaps.remove(i);
                if (sequence < gap.last()) {
                    gaps.add(i, new SequenceGap(producer, sequence + 1, gap.last(), gap.openSince(), gap.alerted()));
                }
                if (sequence > gap.first()) {
                    gaps.add(i, new SequenceGap(producer, gap.first(), sequence - 1, gap.openSince(), gap.alerted()));
                }
                return true;
            }
        }
        return false; // a repeat of a number already held
    }

    public String producer() {
        return producer;
    }

    public long highest() {
        return highest;
    }

    /** The highest number up to which nothing is missing (0 when 1 is missing or nothing was seen). */
    public long contiguous() {
        return gaps.isEmpty() ? highest : gaps.get(0).first() - 1;
    }

    /** The missing ranges, ascending. */
    public List<SequenceGap> gaps() {
        return Collections.unmodifiableList(gaps);
    }
}
