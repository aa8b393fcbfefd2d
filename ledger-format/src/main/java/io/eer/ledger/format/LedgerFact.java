package io.eer.ledger.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * One ledger entry as every reader of ledger JSON reads it (projections, alert rules, OCSF, reports, timeline access): index, CloudEvent type, subject (the request id),
 * source, time and {@code data}, read with Jackson from the stored JSON, so types this build has no record for
 * (such as {@code io.eer.AttemptRefused.v1}) are read all the same.
 */
public record LedgerFact(long index, Instant recordedAt, String id, String type, String subject, String source,
        Instant time, JsonNode data, String topic) {

    /** A fact whose Kafka topic does not matter (tests of rules that ignore it). */
    public LedgerFact(long index, Instant recordedAt, String id, String type, String subject, String source,
            Instant time, JsonNode data) {
        this(index, recordedAt, id, type, subject, source, time, data, null);
    }

    public static final String PREFIX = "io.eer.";
    // type strings for readers that compare rather than switch (switch on kind()); all from event-contracts
    public static final String EMERGENCY_REQUESTED = EventKind.EMERGENCY_REQUESTED.type();
    public static final String REQUEST_REJECTED = EventKind.REQUEST_REJECTED.type();
    public static final String REQUEST_CANCELLED = EventKind.REQUEST_CANCELLED.type();
    public static final String APPROVED = EventKind.APPROVED.type();
    public static final String DENIED = EventKind.DENIED.type();
    public static final String APPROVAL_TIMED_OUT = EventKind.APPROVAL_TIMED_OUT.type();
    public static final String ACCESS_GRANTED = EventKind.ACCESS_GRANTED.type();
    public static final String GRANT_FAILED = EventKind.GRANT_FAILED.type();
    public static final String SESSION_ACTION_LOGGED = EventKind.SESSION_ACTION_LOGGED.type();
    public static final String ACCESS_REVOKED = EventKind.ACCESS_REVOKED.type();
    public static final String ACCESS_EXPIRED = EventKind.ACCESS_EXPIRED.type();
    public static final String REVIEW_SCHEDULED = EventKind.REVIEW_SCHEDULED.type();
    public static final String REVIEW_COMPLETED = EventKind.REVIEW_COMPLETED.type();
    public static final String ALERT_RAISED = EventKind.ALERT_RAISED.type();
    public static final String ATTEMPT_REFUSED = EventKind.ATTEMPT_REFUSED.type();
    public static final String REVOCATION_FAILED = EventKind.REVOCATION_FAILED.type();
    public static final String ORPHAN_LOGIN_REMOVED = EventKind.ORPHAN_LOGIN_REMOVED.type();
    public static final String ACCESS_EXTENDED = EventKind.ACCESS_EXTENDED.type();

    /** Empty when the entry cannot be read (a damaged row; {@code GET /v1/audit/verify} reports it). */
    public static Optional<LedgerFact> of(StoredEntry entry) {
        return entry.event().map(event -> of(entry.index(), entry.recordedAt(), event, entry.topic()));
    }

    /**
     * Reads one CloudEvent as recorded at {@code index}; never throws: a member that is missing or of the wrong JSON
     * type reads as empty text, a null time or a missing {@code data}.
     */
    public static LedgerFact of(long index, Instant recordedAt, JsonNode event, String topic) {
        return new LedgerFact(index, recordedAt, event.path("id").asText(), event.path("type").asText(),
                event.path("subject").asText(), event.path("source").asText(), instant(event.path("time")),
                event.has("data") ? event.get("data") : MissingNode.getInstance(), topic);
    }

    /** What kind of event this is ({@link EventKind#OTHER} for a type without a record in event-contracts). */
    public EventKind kind() {
        return EventKind.of(type);
    }

    public boolean is(EventKind kind) {
        return kind() == kind;
    }

    public boolean is(String eventType) {
        return type.equals(eventType);
    }

    /** {@code data.<field>} as text, or null when absent or not a scalar. */
    public String text(String field) {
        JsonNode node = data.path(field);
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }

    public String text(String object, String field) {
        JsonNode node = data.path(object).path(field);
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }

    /** {@code data.<field>} as an instant, or null when absent or not RFC 3339. */
    public Instant instant(String field) {
        return instant(data.path(field));
    }

    public static Instant instant(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(node.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The request id: {@code data.requestId}, else the CloudEvent subject. */
    public String requestId() {
        String requestId = text("requestId");
        return requestId != null ? requestId : subject;
    }

    /** {@code io.eer.Approved.v1} → {@code Approved}. */
    public String shortType() {
        String name = type.startsWith(PREFIX) ? type.substring(PREFIX.length()) : type;
        int version = name.lastIndexOf(".v");
        return version > 0 ? name.substring(0, version) : name;
    }
}
