package io.eer.audit.projection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.eer.audit.domain.ledger.StoredEntry;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * One ledger entry as the projections and alert rules read it: index, CloudEvent type, subject (the request id),
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
    public static final String EMERGENCY_REQUESTED = "io.eer.EmergencyRequested.v1";
    public static final String REQUEST_REJECTED = "io.eer.RequestRejected.v1";
    public static final String REQUEST_CANCELLED = "io.eer.RequestCancelled.v1";
    public static final String APPROVED = "io.eer.Approved.v1";
    public static final String DENIED = "io.eer.Denied.v1";
    public static final String APPROVAL_TIMED_OUT = "io.eer.ApprovalTimedOut.v1";
    public static final String ACCESS_GRANTED = "io.eer.AccessGranted.v1";
    public static final String GRANT_FAILED = "io.eer.GrantFailed.v1";
    public static final String SESSION_ACTION_LOGGED = "io.eer.SessionActionLogged.v1";
    public static final String ACCESS_REVOKED = "io.eer.AccessRevoked.v1";
    public static final String ACCESS_EXPIRED = "io.eer.AccessExpired.v1";
    public static final String REVIEW_SCHEDULED = "io.eer.ReviewScheduled.v1";
    public static final String REVIEW_COMPLETED = "io.eer.ReviewCompleted.v1";
    public static final String ALERT_RAISED = "io.eer.AlertRaised.v1";
    public static final String ATTEMPT_REFUSED = "io.eer.AttemptRefused.v1";
    // grant-service's newer events, read by type string and JSON field (no record needed in this build)
    public static final String REVOCATION_FAILED = "io.eer.RevocationFailed.v1";
    public static final String ORPHAN_LOGIN_REMOVED = "io.eer.OrphanLoginRemoved.v1";

    /** Empty when the entry cannot be read (a damaged row; {@code GET /v1/audit/verify} reports it). */
    public static Optional<LedgerFact> of(StoredEntry entry) {
        return entry.event().map(event -> new LedgerFact(entry.index(), entry.recordedAt(),
                event.path("id").asText(), event.path("type").asText(), event.path("subject").asText(),
                event.path("source").asText(), instant(event.path("time")),
                event.has("data") ? event.get("data") : MissingNode.getInstance(), entry.topic()));
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
