package io.eer.contracts;

import io.eer.contracts.events.DomainEvent;
import java.time.Instant;
import java.util.Objects;

/**
 * A CloudEvents 1.0 event in structured mode. {@code subject} is always the request id, which is also the
 * Kafka record key, so one request's events stay in order.
 *
 * <p>{@code sequence} is the CloudEvents extension attribute {@code sequence}: the producer's gap-free number for the
 * event (1, 2, 3, ... per producing service database, in commit order), written as a JSON string holding the decimal
 * integer. It is {@code null} on events written before producers stamped it, and on checkpoint records.
 */
public record EventEnvelope(String id, String source, String type, String subject, Instant time, DomainEvent data,
        Long sequence) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
        if (sequence != null && sequence < 1) {
            throw new IllegalArgumentException("sequence must be >= 1, was " + sequence);
        }
    }

    /** An envelope without a sequence (as every event was before producers stamped one). */
    public EventEnvelope(String id, String source, String type, String subject, Instant time, DomainEvent data) {
        this(id, source, type, subject, time, data, null);
    }

    /** This envelope stamped with the producer's sequence number. */
    public EventEnvelope withSequence(long sequence) {
        return new EventEnvelope(id, source, type, subject, time, data, sequence);
    }

    /** A new envelope for {@code data}, typed and keyed from the event itself. */
    public static EventEnvelope of(String id, String source, Instant time, DomainEvent data) {
        return new EventEnvelope(id, source, EventTypes.typeOf(data.getClass()), data.requestId(), time, data);
    }
}
