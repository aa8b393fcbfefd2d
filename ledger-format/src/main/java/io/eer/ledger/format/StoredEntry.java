package io.eer.ledger.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.eer.contracts.EventCodec;
import io.eer.contracts.MalformedEventException;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * A ledger entry as read back from storage (or from an export), not yet trusted: the metadata, the received bytes,
 * the stored record text (may be {@code null} when the source does not keep it) and the stored leaf and chain.
 */
public record StoredEntry(long index, Instant recordedAt, String topic, int partition, long offset, byte[] received,
        String record, byte[] leaf, byte[] chain) {

    /**
     * The CloudEvent, parsed from the received bytes, or from the stored record when those no longer parse (a
     * damaged row; {@link ChainVerifier} reports it). Empty when neither can be read.
     */
    public Optional<JsonNode> event() {
        if (received != null) {
            try {
                return Optional.of(EventCodec.readTree(received));
            } catch (MalformedEventException e) {
                // fall back to the record below
            }
        }
        if (record != null) {
            try {
                JsonNode event = EventCodec.mapper().readTree(record).get("event");
                if (event != null && event.isObject()) {
                    return Optional.of(event);
                }
            } catch (IOException e) {
                // unreadable as well
            }
        }
        return Optional.empty();
    }
}
