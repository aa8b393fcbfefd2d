package io.eer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eer.ledger.format.Checkpoint;
import io.eer.ledger.format.Ed25519;
import io.eer.ledger.format.LedgerHash;
import io.eer.ledger.format.LedgerRecord;
import io.eer.ledger.format.MerkleFrontier;
import io.eer.ledger.format.SignedCheckpoint;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * P4's large export: the verifier's rate means something only over a file it needs more than its start-up for, and
 * the run's own export is a few MB. Written the way {@code GET /v1/audit/export} writes one, from the run's own
 * entries copied until {@code entries} (ids rewritten, {@code bench-} → {@code bench<copy>-}; every producer's
 * {@code sequence} gap-free), each leaf and chain value computed by ledger-format, and a checkpoint every
 * {@code checkpointEvery} entries (the service checkpoints every 10 s; at the append rate of P3 that is about 20,000
 * entries) signed with a key made for this file, whose public key is written beside it.
 */
final class LargeExport {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String KEY_ID = "bench-large-export";

    record Written(Path export, Path publicKey, long entries, int checkpoints) {
    }

    private LargeExport() {
    }

    static Written write(Path runExport, long entries, int checkpointEvery, Path out) throws IOException {
        List<JsonNode> templates = new ArrayList<>();
        String origin = "eer-audit";
        try (var lines = Files.lines(runExport)) {
            for (String text : (Iterable<String>) lines::iterator) {
                JsonNode line = JSON.readTree(text);
                if ("header".equals(line.path("type").asText())) {
                    origin = line.path("origin").asText(origin);
                } else if ("entry".equals(line.path("type").asText()) && line.path("event").isObject()) {
                    templates.add(line);
                }
            }
        }
        if (templates.isEmpty()) {
            throw new IllegalStateException("no entry in " + runExport + " to copy");
        }
        KeyPair key = keyPair();
        Path publicKey = out.resolveSibling(out.getFileName() + ".pub.pem");
        Files.writeString(publicKey, Ed25519.pem(key.getPublic()), StandardCharsets.US_ASCII);
        Map<String, Long> sequences = new HashMap<>();
        MerkleFrontier tree = new MerkleFrontier();
        byte[] chain = LedgerHash.genesis();
        List<ObjectNode> checkpoints = new ArrayList<>();
        checkpoints.add(checkpoint(0, origin, tree, chain, Instant.parse("2026-01-01T00:00:00Z"), key));
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            ObjectNode header = JsonNodeFactory.instance.objectNode();
            header.put("type", "header").put("format", "eer-ledger-export/1").put("origin", origin).put("from", 0)
                    .put("to", entries).put("checkpoints", (int) (entries / checkpointEvery) + 1);
            writer.write(header.toString());
            writer.write('\n');
            for (long index = 0; index < entries; index++) {
                long copy = index / templates.size();
                JsonNode template = templates.get((int) (index % templates.size()));
                String event = LedgerPhase.resequence(template.path("event").toString()
                        .replace("bench-", "bench" + copy + "-"), sequences);
                LedgerRecord record = new LedgerRecord(index, Instant.parse(template.path("recordedAt").asText()),
                        template.path("topic").asText(), template.path("partition").asInt(),
                        template.path("offset").asLong() + copy * templates.size(), JSON.readTree(event));
                byte[] leaf = record.leaf();
                chain = LedgerHash.chain(chain, leaf);
                tree.add(leaf);
                ObjectNode line = JsonNodeFactory.instance.objectNode();
                line.put("type", "entry").put("index", index).put("recordedAt", LedgerRecord.formatTime(
                        record.recordedAt())).put("topic", record.topic()).put("partition", record.partition())
                        .put("offset", record.offset()).put("leaf", LedgerHash.hex(leaf))
                        .put("chain", LedgerHash.hex(chain)).set("event", record.event());
                writer.write(line.toString());
                writer.write('\n');
                if ((index + 1) % checkpointEvery == 0) {
                    checkpoints.add(checkpoint(checkpoints.size(), origin, tree, chain, record.recordedAt(), key));
                }
            }
            for (ObjectNode checkpoint : checkpoints) {
                writer.write(checkpoint.toString());
                writer.write('\n');
            }
        }
        return new Written(out, publicKey, entries, checkpoints.size());
    }

    /** A checkpoint line as the export writes one: {@code {"type","seq","checkpoint":{body},"signature"}}. */
    private static ObjectNode checkpoint(long seq, String origin, MerkleFrontier tree, byte[] chain, Instant at,
            KeyPair key) {
        Checkpoint body = new Checkpoint(origin, tree.size(), chain, tree.root(), at, KEY_ID);
        SignedCheckpoint signed = SignedCheckpoint.sign(seq, body, key.getPrivate());
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("type", "checkpoint").put("seq", seq).set("checkpoint", body.toJson());
        line.put("signature", Base64.getEncoder().encodeToString(signed.signature()));
        return line;
    }

    private static KeyPair keyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 17 has Ed25519", e);
        }
    }
}
