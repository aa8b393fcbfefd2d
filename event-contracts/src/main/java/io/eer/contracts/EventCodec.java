package io.eer.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.eer.contracts.events.DomainEvent;
import io.eer.contracts.json.CanonicalJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Writes and reads EER CloudEvents (structured mode). Written bytes are RFC 8785 canonical JSON, so the same
 * event always has the same bytes; readers ignore unknown fields, as the evolution rule asks.
 *
 * <p>An absent optional field is left out of {@code data}, never written as {@code null}: so adding an optional
 * field to a record does not change the bytes of events written before, and re-encoding an old event gives back
 * the bytes that travelled.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            // I-JSON (RFC 7493), which RFC 8785 presumes: a duplicate name would let two readers see two events.
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            // "{...}garbage" is not one event; the ledger must not hash bytes nobody parsed.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    /** The CloudEvents extension attribute carrying the producer's sequence number. */
    public static final String SEQUENCE = "sequence";

    private EventCodec() {
    }

    /**
     * The producer's sequence number of a parsed CloudEvent, if it carries one: a JSON string holding a decimal
     * integer >= 1 without sign or leading zeros (canonical, so re-encoding gives the same bytes). Anything else
     * under that name is a malformed event.
     */
    public static Optional<Long> sequence(JsonNode event) {
        JsonNode value = event.get(SEQUENCE);
        if (value == null) {
            return Optional.empty();
        }
        String text = value.isTextual() ? value.asText() : "";
        if (!text.matches("[1-9][0-9]{0,18}")) {
            throw new MalformedEventException("CloudEvent attribute 'sequence' must be a string holding a decimal integer >= 1");
        }
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw new MalformedEventException("CloudEvent attribute 'sequence' is out of range", e);
        }
    }

    /** The mapper EER uses for event data: ISO-8601 times and durations, unknown fields ignored. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] encode(EventEnvelope envelope) {
        String expectedType = EventTypes.typeOf(envelope.data().getClass());
        if (!expectedType.equals(envelope.type())) {
            throw new IllegalArgumentException(
                    "type " + envelope.type() + " does not match data " + envelope.data().getClass().getSimpleName());
        }
        ObjectNode node = MAPPER.createObjectNode();
        node.put("specversion", EventEnvelope.SPEC_VERSION);
        node.put("id", envelope.id());
        node.put("source", envelope.source());
        node.put("type", envelope.type());
        node.put("subject", envelope.subject());
        node.put("time", envelope.time().toString());
        node.put("datacontenttype", "application/json");
        if (envelope.sequence() != null) {
            node.put(SEQUENCE, Long.toString(envelope.sequence())); // a string: CloudEvents extension values
        }
        node.set("data", MAPPER.valueToTree(envelope.data()));
        return CanonicalJson.write(node);
    }

    public static String encodeToString(EventEnvelope envelope) {
        return new String(encode(envelope), StandardCharsets.UTF_8);
    }

    public static EventEnvelope decode(String json) {
        return decode(json.getBytes(StandardCharsets.UTF_8));
    }

    public static EventEnvelope decode(byte[] bytes) {
        JsonNode node = readTree(bytes);
        String type = requiredText(node, "type");
        Class<? extends DomainEvent> eventClass = EventTypes.classOf(type)
                .orElseThrow(() -> new MalformedEventException("unknown event type " + type));
        JsonNode data = node.get("data");
        if (data == null || !data.isObject()) {
            throw new MalformedEventException("'data' must be a JSON object");
        }
        try {
            return new EventEnvelope(
                    requiredText(node, "id"),
                    requiredText(node, "source"),
                    type,
                    requiredText(node, "subject"),
                    Instant.parse(requiredText(node, "time")),
                    MAPPER.treeToValue(data, eventClass),
                    sequence(node).orElse(null));
        } catch (JsonProcessingException | IllegalArgumentException | DateTimeParseException e) {
            throw new MalformedEventException("cannot read " + type + ": " + e.getMessage(), e);
        }
    }

    /** Parses any CloudEvent, known type or not, checking only the envelope attributes EER relies on. */
    public static JsonNode readTree(byte[] bytes) {
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new MalformedEventException("not JSON: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new MalformedEventException("a CloudEvent must be a JSON object");
        }
        JsonNode specVersion = node.get("specversion");
        if (specVersion == null || !specVersion.isTextual() || !EventEnvelope.SPEC_VERSION.equals(specVersion.asText())) {
            throw new MalformedEventException("specversion must be 1.0");
        }
        for (String field : new String[] {"id", "source", "type", "subject", "time"}) {
            requiredText(node, field);
        }
        return node;
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new MalformedEventException("CloudEvent attribute '" + field + "' is missing or not a string");
        }
        return value.asText();
    }
}
