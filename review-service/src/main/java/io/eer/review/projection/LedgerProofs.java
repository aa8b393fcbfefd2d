package io.eer.review.projection;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The ledger section of an evidence pack, as audit-service's proofs fill it (a view, never stored). */
public final class LedgerProofs {

    private LedgerProofs() {
    }

    /**
     * The request's ledger entries, each with its exact record, leaf and RFC 6962 inclusion proof under
     * {@code checkpoint} (a signed one). {@code status}: {@code included}, or {@code unavailable} with the reason
     * (audit-service not configured or not reachable); {@code pending}: entries newer than the last signed checkpoint.
     */
    public record Ledger(String status, String reason, JsonNode checkpoint, List<LedgerEntry> entries,
            List<String> pending) {

        public static Ledger unavailable(String reason) {
            return new Ledger("unavailable", reason, null, List.of(), List.of());
        }
    }

    /** {@code record}: the six members the leaf commits to; {@code proof}: the audit path, hex. */
    public record LedgerEntry(String eventId, String type, long index, JsonNode record, String leaf,
            List<String> proof) {
    }
}
