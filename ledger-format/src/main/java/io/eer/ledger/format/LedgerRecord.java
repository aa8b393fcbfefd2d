package io.eer.ledger.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eer.contracts.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What one ledger leaf commits to:
 * {@code {"index":…, "recordedAt":"…", "topic":…, "partition":…, "offset":…, "event":{the CloudEvent}}}, hashed in
 * its RFC 8785 form. {@code recordedAt} has microsecond precision (what PostgreSQL stores) and is always written
 * with six fraction digits, UTC: {@code 2026-11-26T10:15:30.123456Z}.
 */
public record LedgerRecord(long index, Instant recordedAt, String topic, int partition, long offset, JsonNode event) {

    private static final DateTimeFormatter RECORDED_AT = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    public LedgerRecord {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative");
        }
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(event, "event");
        recordedAt = recordedAt.truncatedTo(ChronoUnit.MICROS);
        event = event.deepCopy();
    }

    /** The record for {@code received} at position {@code index}. */
    public static LedgerRecord of(long index, Instant recordedAt, ReceivedEvent received) {
        return new LedgerRecord(index, recordedAt, received.topic(), received.partition(), received.offset(),
                received.event());
    }

    /** {@code recordedAt} as the record writes it: UTC, six fraction digits. */
    public static String formatTime(Instant instant) {
        return RECORDED_AT.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    @Override
    public JsonNode event() {
        return event.deepCopy();
    }

    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("index", index);
        node.put("recordedAt", formatTime(recordedAt));
        node.put("topic", topic);
        node.put("partition", partition);
        node.put("offset", offset);
        node.set("event", event.deepCopy());
        return node;
    }

    /** {@code JCS(record)}: the bytes the leaf hashes. */
    public byte[] canonicalBytes() {
        return CanonicalJson.write(toJson());
    }

    public String canonicalString() {
        return new String(canonicalBytes(), StandardCharsets.UTF_8);
    }

    /** {@code SHA-256(0x00 ‖ JCS(record))}. */
    public byte[] leaf() {
        return LedgerHash.leaf(canonicalBytes());
    }
}
