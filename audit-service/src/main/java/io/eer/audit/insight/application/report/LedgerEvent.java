package io.eer.audit.insight.application.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One ledger entry as a report reads it: position, time of recording, chain value (lowercase hex) and the CloudEvent
 * ({@code null} when the entry could not be read as one).
 */
public record LedgerEvent(long index, Instant recordedAt, String chain, JsonNode event) {

    public LedgerEvent {
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(chain, "chain");
    }
}
