package io.eer.support.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eer.contracts.EventCodec;
import io.eer.contracts.json.CanonicalJson;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The W3C trace context carried in an event as the CloudEvents distributed-tracing extension attribute
 * {@code traceparent}. It is part of the stored payload (event log and outbox row), so a relay after a restart
 * publishes it unchanged, and of the bytes the ledger hashes; consumers read it from the record to continue the trace.
 */
public final class Traceparent {

    /** The CloudEvents extension attribute (distributed-tracing extension). */
    public static final String ATTRIBUTE = "traceparent";
    /** Version 00 only: {@code 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>}, all lower case. */
    private static final Pattern FORMAT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

    private Traceparent() {
    }

    /** The current span as a traceparent, if there is a valid one (a REST request, a consumed event's span). */
    public static Optional<String> current() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return Optional.empty();
        }
        return Optional.of("00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex());
    }

    /** {@code payload} (a canonical CloudEvent) with {@code traceparent} added, still canonical (RFC 8785). */
    public static String stamp(String payload, String traceparent) {
        ObjectNode event = (ObjectNode) EventCodec.readTree(payload.getBytes(StandardCharsets.UTF_8));
        event.put(ATTRIBUTE, traceparent);
        return CanonicalJson.writeString(event);
    }

    /** The traceparent a CloudEvent carries, if it carries a well-formed one (anything else is ignored). */
    public static Optional<String> of(String payload) {
        try {
            JsonNode value = EventCodec.readTree(payload.getBytes(StandardCharsets.UTF_8)).get(ATTRIBUTE);
            return value != null && value.isTextual() && valid(value.asText())
                    ? Optional.of(value.asText())
                    : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The trace id of a traceparent (32 hex digits). */
    public static String traceId(String traceparent) {
        return traceparent.substring(3, 35);
    }

    /** A remote span context from a traceparent (a parent for the consumer's span). */
    public static Optional<SpanContext> spanContext(String traceparent) {
        var m = FORMAT.matcher(traceparent);
        if (!m.matches()) {
            return Optional.empty();
        }
        SpanContext context = SpanContext.createFromRemoteParent(m.group(1), m.group(2),
                TraceFlags.fromHex(m.group(3), 0), TraceState.getDefault());
        return context.isValid() ? Optional.of(context) : Optional.empty();
    }

    static boolean valid(String traceparent) {
        return spanContext(traceparent).isPresent();
    }
}
