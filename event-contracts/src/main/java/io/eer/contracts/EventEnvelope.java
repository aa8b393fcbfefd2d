package io.eer.contracts;

import io.eer.contracts.events.DomainEvent;
import java.time.Instant;
import java.util.Objects;

/**
 * A CloudEvents 1.0 event in structured mode. {@code subject} is always the request id, which is also the
 * Kafka record key, so one request's events stay in order.
 */
public record EventEnvelope(String id, String source, String type, String subject, Instant time, DomainEvent data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
    }

    /** A new envelope for {@code data}, typed and keyed from the event itself. */
    public static EventEnvelope of(String id, String source, Instant time, DomainEvent data) {
        return new EventEnvelope(id, source, EventTypes.typeOf(data.getClass()), data.requestId(), time, data);
    }
}
