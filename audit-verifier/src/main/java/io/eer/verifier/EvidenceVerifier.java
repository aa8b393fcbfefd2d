package io.eer.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eer.contracts.json.CanonicalJson;
import io.eer.ledger.format.LedgerHash;
import io.eer.ledger.format.MerkleTree;
import java.io.IOException;
import java.security.PublicKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a review's evidence pack ({@code GET /v1/reviews/{id}/evidence}, JSON or the HTML page, which embeds the same
 * JSON) offline, with nothing but the checkpoint public key(s): the checkpoint's Ed25519 signature; for each ledger
 * entry, its leaf recomputed from its record (RFC 8785 + SHA-256), that the record is the named event, and its RFC 6962
 * inclusion proof up to the signed Merkle root; then that every piece of evidence names an event the ledger holds, and
 * says what that event says (every field the piece and the event's {@code data} share). Evidence newer than the
 * checkpoint, or a pack without ledger proofs, is {@code INCOMPLETE}, not valid.
 */
final class EvidenceVerifier {

    static final String FORMAT = "eer-review-evidence/1";
    private static final Pattern EMBEDDED = Pattern.compile(
            "<script type=\"application/json\" id=\"eer-evidence\">(.*?)</script>", Pattern.DOTALL);
    private static final List<String> RECORD_MEMBERS = List.of("index", "recordedAt", "topic", "partition", "offset",
            "event");

    private final Map<String, PublicKey> keys;
    private final Report report = new Report();
    private boolean incomplete;
    private String incompleteWhy;

    EvidenceVerifier(Map<String, PublicKey> keys) {
        this.keys = keys;
    }

    /** The pack inside {@code text}: JSON as served, or the HTML page's embedded JSON. */
    static JsonNode read(String text) throws IOException {
        String json = text;
        if (!text.stripLeading().startsWith("{")) {
            Matcher matcher = EMBEDDED.matcher(text);
            if (!matcher.find()) {
                throw new IOException("neither an evidence pack (JSON) nor an evidence page with one embedded");
            }
            json = matcher.group(1); // its "<" are JSON unicode escapes: the parser reads them back as "<"
        }
        return new ObjectMapper().readTree(json);
    }

    /** The verdict on {@code pack}; {@link #incomplete()} tells an intact pack whose proofs do not cover everything. */
    Report verify(JsonNode pack) {
        if (!FORMAT.equals(pack.path("format").asText())) {
            report.fail(null, null, "not an evidence pack", "format is '" + pack.path("format").asText()
                    + "', expected " + FORMAT);
            return report;
        }
        String reviewId = pack.path("review").path("reviewId").asText();
        JsonNode ledger = pack.path("ledger");
        if (!"included".equals(ledger.path("status").asText())) {
            incomplete("the pack of review " + reviewId + " carries no ledger proofs: "
                    + ledger.path("reason").asText("(no reason given)"));
            report.ok("pack: review " + reviewId + ", no ledger section to check");
            return report;
        }
        JsonNode checkpoint = ledger.path("checkpoint");
        JsonNode body = checkpoint.path("checkpoint");
        String keyId = body.path("keyId").asText();
        PublicKey key = ExportVerifier.keyFor(keys, body);
        if (key == null || !ExportVerifier.signatureValid(key, body, checkpoint.path("signature").asText())) {
            report.fail(null, checkpoint.path("seq").asLong(), "checkpoint signature invalid", "the pack's checkpoint "
                    + "(size " + body.path("size").asText() + ", key id '" + keyId + "') does not verify with "
                    + (key == null ? "any given public key" : "the given public key"));
            return report;
        }
        long size = body.path("size").asLong();
        byte[] root = ExportVerifier.hex(body.path("merkleRoot").asText());
        report.ok("checkpoint " + checkpoint.path("seq").asText() + ": size " + size + ", key id '" + keyId
                + "': Ed25519 signature valid");
        Map<String, JsonNode> events = new HashMap<>();
        for (JsonNode entry : ledger.path("entries")) {
            if (!entry(entry, size, root, events)) {
                return report;
            }
        }
        report.ok("entries: " + events.size() + " ledger entries, each leaf recomputed from its record and proved "
                + "included in the signed tree of size " + size);
        Set<String> pending = new HashSet<>();
        ledger.path("pending").forEach(id -> pending.add(id.asText()));
        if (!pieces(pack, events, pending)) {
            return report;
        }
        if (!pending.isEmpty()) {
            incomplete(pending.size() + " event(s) of the pack are newer than its checkpoint: " + pending);
        }
        return report;
    }

    boolean incomplete() {
        return incomplete && report.valid();
    }

    String incompleteWhy() {
        return incompleteWhy;
    }

    private void incomplete(String why) {
        incomplete = true;
        incompleteWhy = why;
    }

    private boolean entry(JsonNode entry, long size, byte[] root, Map<String, JsonNode> events) {
        long index = entry.path("index").asLong(-1);
        JsonNode record = entry.path("record");
        for (String member : RECORD_MEMBERS) {
            if (!record.has(member)) {
                report.fail(index, null, "leaf mismatch", "entry " + index + ": its record has no '" + member + "'");
                return false;
            }
        }
        byte[] leaf = LedgerHash.leaf(CanonicalJson.write(record));
        if (!Arrays.equals(leaf, ExportVerifier.hex(entry.path("leaf").asText()))
                || record.path("index").asLong() != index) {
            report.fail(index, null, "leaf mismatch", "entry " + index + ": the leaf recomputed from its record is "
                    + LedgerHash.hex(leaf) + ", the pack states " + entry.path("leaf").asText());
            return false;
        }
        String eventId = entry.path("eventId").asText();
        if (!eventId.equals(record.path("event").path("id").asText())) {
            report.fail(index, null, "entry mismatch", "entry " + index + " is named event " + eventId
                    + " but its record holds event " + record.path("event").path("id").asText());
            return false;
        }
        List<byte[]> path = new ArrayList<>();
        entry.path("proof").forEach(hash -> path.add(ExportVerifier.hex(hash.asText())));
        if (index < 0 || index >= size || !MerkleTree.verifyInclusion(leaf, index, size, path, root)) {
            report.fail(index, null, "inclusion proof invalid", "the audit path of " + path.size() + " hashes does "
                    + "not lead from entry " + index + " to the signed Merkle root of size " + size);
            return false;
        }
        events.put(eventId, record.path("event"));
        return true;
    }

    /** Every piece of evidence names a proved (or pending) event and agrees with its data. */
    private boolean pieces(JsonNode pack, Map<String, JsonNode> events, Set<String> pending) {
        List<JsonNode> pieces = new ArrayList<>();
        pieces.add(pack.path("request"));
        pack.path("approvals").forEach(pieces::add);
        pieces.add(pack.path("grant"));
        for (String channel : List.of("gateway", "agent", "selfReported")) {
            pack.path("actions").path(channel).forEach(pieces::add);
        }
        pieces.add(pack.path("revocation"));
        int checked = 0;
        for (JsonNode piece : pieces) {
            if (!piece.isObject()) {
                continue;
            }
            String eventId = piece.path("eventId").asText(null);
            if (eventId == null || pending.contains(eventId)) {
                continue;
            }
            JsonNode event = events.get(eventId);
            if (event == null) {
                report.fail(null, null, "evidence not in the ledger", "the pack cites event " + eventId
                        + ", which none of its proved ledger entries holds");
                return false;
            }
            JsonNode data = event.path("data");
            for (var fields = piece.fields(); fields.hasNext(); ) {
                var field = fields.next();
                JsonNode stated = data.get(field.getKey());
                if (field.getKey().equals("eventId") || stated == null || !stated.isValueNode()
                        || !field.getValue().isValueNode()) {
                    continue;
                }
                if (!same(stated, field.getValue())) {
                    report.fail(null, null, "evidence altered", "the pack says " + field.getKey() + " = "
                            + field.getValue() + " for event " + eventId + ", the ledger says " + stated);
                    return false;
                }
            }
            checked++;
        }
        report.ok("evidence: " + checked + " piece(s) each match the ledger event they cite");
        return true;
    }

    private static boolean same(JsonNode ledger, JsonNode pack) {
        if (ledger.asText().equals(pack.asText())) {
            return true;
        }
        try {
            return Instant.parse(ledger.asText()).equals(Instant.parse(pack.asText()));
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
