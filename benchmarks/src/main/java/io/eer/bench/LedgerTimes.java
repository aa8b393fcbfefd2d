package io.eer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * Latencies taken from the events' own timestamps in an audit export: what the services decided and when, not what
 * a client saw. All services run on one machine, so their clocks are the same clock.
 */
final class LedgerTimes {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The events of one request, by short type name. */
    private final Map<String, Map<String, JsonNode>> byRequest = new HashMap<>();

    LedgerTimes(Path export) throws IOException {
        try (var lines = Files.lines(export)) {
            lines.forEach(line -> {
                JsonNode event = read(line).path("event");
                if (!event.isMissingNode()) {
                    String type = event.path("type").asText().replaceFirst("^io\\.eer\\.", "")
                            .replaceFirst("\\.v\\d+$", "");
                    byRequest.computeIfAbsent(event.path("subject").asText(), k -> new HashMap<>())
                            .putIfAbsent(type, event);
                }
            });
        }
    }

    /** Microseconds from the request's EmergencyRequested to its {@code type} event. */
    Histogram sinceRequested(Collection<String> requestIds, String type) {
        Histogram h = new Histogram(3);
        for (String id : requestIds) {
            between(id, "EmergencyRequested", type).ifPresent(d -> h.recordValue(Math.max(0, micros(d))));
        }
        return h;
    }

    /** Microseconds an AccessExpired fired after its deadline (its own firedAt - deadline). */
    Histogram expiryLateness(Collection<String> requestIds) {
        Histogram h = new Histogram(3);
        for (String id : requestIds) {
            event(id, "AccessExpired").ifPresent(e -> h.recordValue(Math.max(0, micros(Duration.between(
                    Instant.parse(e.path("data").path("deadline").asText()),
                    Instant.parse(e.path("data").path("firedAt").asText()))))));
        }
        return h;
    }

    /** Microseconds from the grant's deadline (AccessGranted.expiresAt) to AccessRevoked.revokedAt. */
    Histogram deadlineToRevoked(Collection<String> requestIds) {
        Histogram h = new Histogram(3);
        for (String id : requestIds) {
            Optional<JsonNode> granted = event(id, "AccessGranted");
            Optional<JsonNode> revoked = event(id, "AccessRevoked");
            if (granted.isPresent() && revoked.isPresent()) {
                h.recordValue(Math.max(0, micros(Duration.between(
                        Instant.parse(granted.get().path("data").path("expiresAt").asText()),
                        Instant.parse(revoked.get().path("data").path("revokedAt").asText())))));
            }
        }
        return h;
    }

    long count(Collection<String> requestIds, String type) {
        return requestIds.stream().filter(id -> event(id, type).isPresent()).count();
    }

    private Optional<Duration> between(String requestId, String from, String to) {
        return event(requestId, from).flatMap(a -> event(requestId, to).map(b -> Duration.between(
                Instant.parse(a.path("time").asText()), Instant.parse(b.path("time").asText()))));
    }

    private Optional<JsonNode> event(String requestId, String type) {
        return Optional.ofNullable(byRequest.getOrDefault(requestId, Map.of()).get(type));
    }

    private static long micros(Duration d) {
        return d.toNanos() / 1000;
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException("the export has a line that is not JSON", e);
        }
    }
}
