package io.eer.ledger.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Every producer's sequence over a run of ledger entries, fed in index order: what {@code /v1/audit/verify}
 * computes from the ledger itself (independently of the table the append keeps), so a gap shows even if that table
 * were wrong.
 */
public final class Completeness {

    private final Map<String, ProducerSequence> producers = new TreeMap<>();

    /** Feeds one recorded CloudEvent; events without a valid {@code sequence} or {@code source} are ignored. */
    public void observe(JsonNode event, Instant recordedAt) {
        JsonNode source = event == null ? null : event.get("source");
        observe(source == null || !source.isTextual() ? null : source.asText(),
                ProducerSequence.sequenceOf(event), recordedAt);
    }

    /** The same, for an event whose {@code source} (null when absent or not a string) and sequence are already read. */
    public void observe(String source, OptionalLong sequence, Instant recordedAt) {
        if (sequence.isEmpty() || source == null) {
            return;
        }
        producers.computeIfAbsent(source, ProducerSequence::empty).observe(sequence.getAsLong(), recordedAt);
    }

    /** Every producer seen, by source. */
    public List<ProducerSequence> producers() {
        return List.copyOf(producers.values());
    }

    /** Every open gap, by producer then sequence. */
    public List<SequenceGap> gaps() {
        List<SequenceGap> gaps = new ArrayList<>();
        producers.values().forEach(producer -> gaps.addAll(producer.gaps()));
        return gaps;
    }

    /** The gaps open longer than {@code bound} at {@code now}: the ledger is incomplete. */
    public List<SequenceGap> overdue(Instant now, Duration bound) {
        return gaps().stream().filter(gap -> gap.overdue(now, bound)).toList();
    }
}
