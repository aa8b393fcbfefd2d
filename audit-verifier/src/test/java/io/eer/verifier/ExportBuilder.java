package io.eer.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eer.contracts.json.CanonicalJson;
import io.eer.ledger.format.LedgerHash;
import io.eer.ledger.format.MerkleTree;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Builds an export the way the audit service writes one (header, entries, checkpoints) for the verifier's tests, and
 * lets a test tamper with it line by line, recomputing hashes as a forger would.
 */
final class ExportBuilder {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ORIGIN = "eer-audit";

    final List<ObjectNode> entries = new ArrayList<>();
    final List<ObjectNode> checkpoints = new ArrayList<>();

    static KeyPair keyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Appends an entry for a CloudEvent with {@code data}, leaf and chain computed. */
    ExportBuilder add(String requestId, String justification) {
        ObjectNode line = JSON.createObjectNode();
        int index = entries.size();
        line.put("type", "entry");
        line.put("index", index);
        line.put("recordedAt", String.format("2026-11-26T10:00:%02d.%06dZ", index % 60, 123456 + index));
        line.put("topic", "eer.requests");
        line.put("partition", index % 3);
        line.put("offset", 100 + index);
        ObjectNode event = line.putObject("event");
        event.put("specversion", "1.0");
        event.put("id", "event-" + index);
        event.put("source", "/eer/request-service");
        event.put("type", "io.eer.EmergencyRequested.v1");
        event.put("subject", requestId);
        event.put("time", "2026-11-26T10:00:00Z");
        ObjectNode data = event.putObject("data");
        data.put("requestId", requestId);
        data.put("justification", justification);
        data.put("weight", 1.5);
        entries.add(line);
        rehash(index);
        return this;
    }

    /** Recomputes leaf and chain from {@code from} on, as a forger who rewrites the chain would. */
    void rehash(int from) {
        for (int i = from; i < entries.size(); i++) {
            ObjectNode line = entries.get(i);
            line.put("leaf", LedgerHash.hex(leafOf(line)));
            byte[] previous = i == 0 ? new byte[32] : LedgerHash.fromHex(entries.get(i - 1).get("chain").asText());
            line.put("chain", LedgerHash.hex(LedgerHash.chain(previous, leafOf(line))));
        }
    }

    static byte[] leafOf(JsonNode line) {
        ObjectNode record = JSON.createObjectNode();
        for (String member : List.of("index", "recordedAt", "topic", "partition", "offset", "event")) {
            record.set(member, line.get(member));
        }
        return LedgerHash.leaf(CanonicalJson.write(record));
    }

    /** Signs a checkpoint over the first {@code size} entries as they are now. */
    ExportBuilder checkpoint(long size, PrivateKey key, String keyId) {
        List<byte[]> leaves = new ArrayList<>();
        entries.subList(0, (int) size).forEach(line -> leaves.add(LedgerHash.fromHex(line.get("leaf").asText())));
        ObjectNode body = JSON.createObjectNode();
        body.put("origin", ORIGIN);
        body.put("size", size);
        body.put("chainHead", size == 0 ? LedgerHash.hex(new byte[32])
                : entries.get((int) size - 1).get("chain").asText());
        body.put("merkleRoot", LedgerHash.hex(MerkleTree.root(leaves, size)));
        body.put("timestamp", "2026-11-26T11:00:00.000000Z");
        body.put("keyId", keyId);
        ObjectNode line = JSON.createObjectNode();
        line.put("type", "checkpoint");
        line.put("seq", checkpoints.size());
        line.set("checkpoint", body);
        line.put("signature", Base64.getEncoder().encodeToString(sign(key, CanonicalJson.write(body))));
        checkpoints.add(line);
        return this;
    }

    static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key);
            signature.update(message);
            return signature.sign();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The export as audit-service writes it: see {@link #asWritten}. */
    String ndjson() {
        return ndjson(true);
    }

    /**
     * The export with each entry's members in the order they were added here (the event last, its members as the
     * test put them): lines the verifier can only read with its full parser.
     */
    String ndjsonAsBuilt() {
        return ndjson(false);
    }

    /**
     * An entry line as audit-service writes it: {@code type}, the record's metadata, {@code leaf}, {@code chain}, then
     * the event as its producer sent it, which for every EER service is its RFC 8785 form. Members a test removed stay
     * out; members it added follow; an event with no canonical form is left as it is.
     */
    static ObjectNode asWritten(ObjectNode entry) {
        ObjectNode line = JSON.createObjectNode();
        for (String member : List.of("type", "index", "recordedAt", "topic", "partition", "offset", "leaf", "chain",
                "event")) {
            if (entry.has(member)) {
                line.set(member, entry.get(member));
            }
        }
        entry.fields().forEachRemaining(member -> line.set(member.getKey(), member.getValue()));
        JsonNode event = entry.get("event");
        if (event != null && event.isObject()) {
            try {
                line.set("event", JSON.readTree(CanonicalJson.write(event)));
            } catch (IllegalArgumentException | java.io.IOException e) {
                // no canonical form: written as built
            }
        }
        return line;
    }

    private String ndjson(boolean asWritten) {
        StringBuilder out = new StringBuilder();
        ObjectNode header = JSON.createObjectNode();
        header.put("type", "header");
        header.put("format", ExportVerifier.FORMAT);
        header.put("origin", ORIGIN);
        header.put("from", 0);
        header.put("to", entries.size());
        header.put("checkpoints", checkpoints.size());
        out.append(header).append('\n');
        entries.forEach(line -> out.append(asWritten ? asWritten(line) : line).append('\n'));
        checkpoints.forEach(line -> out.append(line).append('\n'));
        return out.toString();
    }
}
