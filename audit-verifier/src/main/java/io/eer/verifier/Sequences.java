package io.eer.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Completeness of an export: every producer stamps its events with a gap-free {@code sequence} (CloudEvents
 * extension, a JSON string of a decimal integer >= 1, per {@code source}). Fed the entries in index order, it knows
 * which numbers below each producer's highest are missing, and since which entry's {@code recordedAt}. Events without
 * a valid sequence are not counted. A pure function of the exported records (the same rules as the service's
 * {@code ProducerSequence}).
 */
final class Sequences {

    private static final Pattern DECIMAL = Pattern.compile("[1-9][0-9]{0,17}");

    /** Numbers {@code first..last} of {@code producer} missing since the entry recorded at {@code since}. */
    record Gap(String producer, long first, long last, Instant since) {
        String numbers() {
            return first == last ? "sequence " + first : "sequences " + first + ".." + last;
        }
    }

    private final Map<String, Long> highest = new TreeMap<>();
    private final List<Gap> gaps = new ArrayList<>();
    private Instant last;

    void observe(JsonNode event, String recordedAt) {
        Instant at = Instant.parse(recordedAt);
        last = at;
        JsonNode sequence = event.get("sequence");
        JsonNode source = event.get("source");
        if (sequence == null || !sequence.isTextual() || !DECIMAL.matcher(sequence.asText()).matches()
                || source == null || !source.isTextual()) {
            return;
        }
        String producer = source.asText();
        long number = Long.parseLong(sequence.asText());
        long top = highest.getOrDefault(producer, 0L);
        if (number > top) {
            if (number > top + 1) {
                gaps.add(new Gap(producer, top + 1, number - 1, at));
            }
            highest.put(producer, number);
            return;
        }
        for (int i = 0; i < gaps.size(); i++) {
            Gap gap = gaps.get(i);
            if (gap.producer().equals(producer) && gap.first() <= number && number <= gap.last()) {
                gaps.remove(i);
                if (number < gap.last()) {
                    gaps.add(i, new Gap(producer, number + 1, gap.last(), gap.since()));
                }
                if (number > gap.first()) {
                    gaps.add(i, new Gap(producer, gap.first(), number - 1, gap.since()));
                }
                return;
            }
        }
    }

    /** Open gaps, by producer then number. */
    List<Gap> gaps() {
        List<Gap> sorted = new ArrayList<>(gaps);
        sorted.sort((a, b) -> a.producer().equals(b.producer()) ? Long.compare(a.first(), b.first())
                : a.producer().compareTo(b.producer()));
        return sorted;
    }

    /** Whether {@code gap} opened at least {@code grace} before the export's last entry (so it counts). */
    boolean old(Gap gap, Duration grace) {
        return last != null && !gap.since().plus(grace).isAfter(last);
    }
}
