package io.eer.ledger.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.eer.contracts.EventCodec;
import io.eer.contracts.MalformedEventException;
import io.eer.contracts.json.CanonicalJson;
import java.util.Arrays;

/**
 * A CloudEvent as it arrived: where it came from (Kafka topic, partition, offset), its bytes exactly as received,
 * and those bytes parsed. Any CloudEvent that {@link EventCodec#readTree} accepts qualifies, known type or not.
 */
public final class ReceivedEvent {

    private final String topic;
    private final int partition;
    private final long offset;
    private final byte[] bytes;
    private final JsonNode event;

    private ReceivedEvent(String topic, int partition, long offset, byte[] bytes, JsonNode event) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.bytes = bytes;
        this.event = event;
    }

    /**
     * Parses {@code bytes}; throws {@link MalformedEventException} when they are not a CloudEvent the ledger can
     * record (not one JSON object, no specversion 1.0, a missing id/source/type/subject/time, or JSON that has no
     * RFC 8785 form, such as a lone surrogate).
     */
    public static ReceivedEvent parse(String topic, int partition, long offset, byte[] bytes) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic is required");
        }
        if (bytes == null || bytes.length == 0) {
            throw new MalformedEventException("an empty record is not a CloudEvent");
        }
        JsonNode event = EventCodec.readTree(bytes);
        try {
            CanonicalJson.write(event);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("the event has no RFC 8785 canonical form: " + e.getMessage(), e);
        }
        return new ReceivedEvent(topic, partition, offset, bytes.clone(), event);
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    public long offset() {
        return offset;
    }

    /** The bytes exactly as received (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The parsed CloudEvent (a copy). */
    public JsonNode event() {
        return event.deepCopy();
    }

    public String eventId() {
        return event.get("id").asText();
    }

    public String subject() {
        return event.get("subject").asText();
    }

    public String type() {
        return event.get("type").asText();
    }

    @Override
    public String toString() {
        return "ReceivedEvent[" + topic + "/" + partition + "@" + offset + ", id=" + eventId() + ", "
                + bytes.length + " bytes]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReceivedEvent that && topic.equals(that.topic) && partition == that.partition
                && offset == that.offset && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * topic.hashCode() + Arrays.hashCode(bytes);
    }
}
