package io.eer.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eer.contracts.json.CanonicalJson;
import io.eer.ledger.format.LedgerHash;
import io.eer.ledger.format.MerkleTree;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --evidence}: a review's evidence pack built here as review-service builds one from audit-service's answers
 * (records, leaves, RFC 6962 proofs under a signed checkpoint), then tampered with as a forger would.
 */
class EvidenceVerifierTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final KeyPair key = ExportBuilder.keyPair();

    /** Five ledger entries: another request's event, then a grant and two actions of ours, one more unrelated. */
    ObjectNode pack() {
        List<ObjectNode> records = new ArrayList<>();
        records.add(record(0, "ev-other", "io.eer.EmergencyRequested.v1", data -> data.put("requestId", "r-other")));
        records.add(record(1, "ev-grant", "io.eer.AccessGranted.v1", data -> {
            data.put("grantId", "g-1");
            data.put("account", "eer_erin_1");
            data.put("grantedAt", "2026-03-01T09:00:00Z");
            data.put("expiresAt", "2026-03-01T13:00:00Z");
        }));
        records.add(record(2, "ev-a1", "io.eer.SessionActionLogged.v1", data -> {
            data.put("grantId", "g-1");
            data.put("sessionId", "s-1");
            data.put("action", "query");
            data.put("object", "UPDATE payments SET state = 'retry'");
            data.put("at", "2026-03-01T09:01:00.000001Z");
            data.put("source", "gateway-1");
        }));
        records.add(record(3, "ev-a2", "io.eer.SessionActionLogged.v1", data -> {
            data.put("grantId", "g-1");
            data.put("sessionId", "s-1");
            data.put("action", "command");
            data.put("object", "restarted the worker");
            data.put("at", "2026-03-01T09:02:00Z");
            data.put("source", "self-reported");
        }));
        records.add(record(4, "ev-later", "io.eer.ReviewScheduled.v1", data -> data.put("grantId", "g-1")));
        List<byte[]> leaves = records.stream().map(r -> LedgerHash.leaf(CanonicalJson.write(r))).toList();
        long size = 4; // the last entry came after the checkpoint

        ObjectNode body = JSON.createObjectNode();
        body.put("origin", "eer-audit");
        body.put("size", size);
        body.put("chainHead", LedgerHash.hex(new byte[32]));
        body.put("merkleRoot", LedgerHash.hex(MerkleTree.root(leaves, size)));
        body.put("timestamp", "2026-03-01T10:00:00.000000Z");
        body.put("keyId", "k1");
        ObjectNode checkpoint = JSON.createObjectNode();
        checkpoint.put("seq", 3);
        checkpoint.set("checkpoint", body);
        checkpoint.put("signature", Base64.getEncoder().encodeToString(ExportBuilder.sign(key.getPrivate(),
                CanonicalJson.write(body))));

        ObjectNode pack = JSON.createObjectNode();
        pack.put("format", EvidenceVerifier.FORMAT);
        pack.putObject("review").put("reviewId", "rev-1");
        ObjectNode grant = pack.putObject("grant");
        grant.put("eventId", "ev-grant");
        grant.put("grantId", "g-1");
        grant.put("account", "eer_erin_1");
        grant.put("grantedAt", "2026-03-01T09:00:00.000Z"); // same instant, other spelling: agrees
        grant.put("expiresAt", "2026-03-01T13:00:00Z");
        ObjectNode actions = pack.putObject("actions");
        actions.putArray("gateway").add(action("ev-a1", "query", "UPDATE payments SET state = 'retry'",
                "2026-03-01T09:01:00.000001Z"));
        actions.putArray("agent");
        actions.putArray("selfReported").add(action("ev-a2", "command", "restarted the worker",
                "2026-03-01T09:02:00Z"));
        ObjectNode ledger = pack.putObject("ledger");
        ledger.put("status", "included");
        ledger.set("checkpoint", checkpoint);
        ArrayNode entries = ledger.putArray("entries");
        for (int i = 1; i <= 3; i++) {
            ObjectNode entry = entries.addObject();
            entry.put("eventId", records.get(i).path("event").path("id").asText());
            entry.put("type", records.get(i).path("event").path("type").asText());
            entry.put("index", i);
            entry.set("record", records.get(i));
            entry.put("leaf", LedgerHash.hex(leaves.get(i)));
            ArrayNode proof = entry.putArray("proof");
            MerkleTree.inclusionProof(leaves, i, size).forEach(hash -> proof.add(LedgerHash.hex(hash)));
        }
        ledger.putArray("pending").add("ev-later");
        return pack;
    }

    static ObjectNode record(int index, String id, String type, Consumer<ObjectNode> data) {
        ObjectNode record = JSON.createObjectNode();
        record.put("index", index);
        record.put("recordedAt", "2026-03-01T09:0" + index + ":00.000000Z");
        record.put("topic", "eer.sessions");
        record.put("partition", 0);
        record.put("offset", 10 + index);
        ObjectNode event = record.putObject("event");
        event.put("specversion", "1.0");
        event.put("id", id);
        event.put("source", "/eer/grant-service");
        event.put("type", type);
        event.put("subject", "r-1");
        event.put("time", "2026-03-01T09:00:00Z");
        data.accept(event.putObject("data").put("requestId", "r-1"));
        return record;
    }

    static ObjectNode action(String eventId, String action, String object, String at) {
        ObjectNode part = JSON.createObjectNode();
        part.put("eventId", eventId);
        part.put("sessionId", "s-1");
        part.put("action", action);
        part.put("object", object);
        part.put("at", at);
        return part;
    }

    int run(String fileName, String content) throws Exception {
        Path file = Files.writeString(dir.resolve(fileName), content);
        Path pem = Files.writeString(dir.resolve("k1.pub.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(key.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        return Main.run(new String[] {"--evidence", file.toString(), "--public-key", pem.toString(), "--key-id", "k1"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The pack with its one entry pending signed away: everything is under the checkpoint. */
    ObjectNode complete() {
        ObjectNode pack = pack();
        ((ArrayNode) pack.path("ledger").path("pending")).removeAll();
        return pack;
    }

    @Test
    void intactPack_underASignedCheckpoint_isValid() throws Exception {
        assertThat(run("pack.json", complete().toString())).as(printed()).isEqualTo(Main.VALID);
        assertThat(printed()).contains("ok   checkpoint 3: size 4")
                .contains("ok   entries: 3 ledger entries").contains("ok   evidence: 3 piece(s)").endsWith("VALID\n");
    }

    @Test
    void htmlPage_withThePackEmbedded_isCheckedTheSame() throws Exception {
        // as review-service writes it: every "<" a JSON unicode escape inside the script element
        String json = complete().toString().replace("<", "\\u003c");
        String page = "<!DOCTYPE html><html><body><h1>Evidence</h1>"
                + "<script type=\"application/json\" id=\"eer-evidence\">" + json + "</script></body></html>";
        assertThat(run("page.html", page)).as(printed()).isEqualTo(Main.VALID);
    }

    @Test
    void eventsNewerThanTheCheckpoint_makeItIncomplete() throws Exception {
        assertThat(run("pack.json", pack().toString())).as(printed()).isEqualTo(Main.INCOMPLETE);
        assertThat(printed()).contains("INCOMPLETE: 1 event(s) of the pack are newer than its checkpoint: [ev-later]");
    }

    @Test
    void packWithoutLedgerProofs_isIncomplete() throws Exception {
        ObjectNode pack = complete();
        ObjectNode ledger = pack.putObject("ledger");
        ledger.put("status", "unavailable");
        ledger.put("reason", "audit-service is not configured");
        assertThat(run("pack.json", pack.toString())).isEqualTo(Main.INCOMPLETE);
        assertThat(printed()).contains("carries no ledger proofs: audit-service is not configured");
    }

    @Test
    void actionAlteredInThePack_isInvalid() throws Exception {
        ObjectNode pack = complete();
        ((ObjectNode) pack.path("actions").path("gateway").get(0)).put("object", "SELECT 1");
        assertThat(run("pack.json", pack.toString())).isEqualTo(Main.INVALID);
        assertThat(printed()).contains("INVALID: evidence altered: the pack says object = \"SELECT 1\" for event ev-a1");
    }

    @Test
    void actionTheLedgerDoesNotHold_isInvalid() throws Exception {
        ObjectNode pack = complete();
        ((ArrayNode) pack.path("actions").path("agent")).add(action("ev-forged", "query", "SELECT 1",
                "2026-03-01T09:03:00Z"));
        assertThat(run("pack.json", pack.toString())).isEqualTo(Main.INVALID);
        assertThat(printed()).contains("INVALID: evidence not in the ledger: the pack cites event ev-forged");
    }

    @Test
    void recordAltered_isALeafMismatch_andRecomputedLeaf_failsTheProof() throws Exception {
        ObjectNode pack = complete();
        ObjectNode entry = (ObjectNode) pack.path("ledger").path("entries").get(1);
        ((ObjectNode) entry.path("record").path("event").path("data")).put("object", "SELECT 1");
        assertThat(run("pack.json", pack.toString())).isEqualTo(Main.INVALID);
        assertThat(printed()).contains("INVALID: leaf mismatch at index 2");

        out.reset();
        entry.put("leaf", LedgerHash.hex(LedgerHash.leaf(CanonicalJson.write(entry.path("record")))));
        assertThat(run("pack.json", pack.toString())).isEqualTo(Main.INVALID);
        assertThat(printed()).contains("INVALID: inclusion proof invalid at index 2");
    }

    @Test
    void checkpointSignedByAnotherKey_isInvalid() throws Exception {
        ObjectNode pack = complete();
        KeyPair other = ExportBuilder.keyPair();
        ObjectNode checkpoint = (ObjectNode) pack.path("ledger").path("checkpoint");
        checkpoint.put("signature", Base64.getEncoder().encodeToString(ExportBuilder.sign(other.getPrivate(),
                CanonicalJson.write(checkpoint.path("checkpoint")))));
        assertThat(run("pack.json", pack.toString())).isEqualTo(Main.INVALID);
        assertThat(printed()).contains("INVALID: checkpoint signature invalid");
    }

    @Test
    void entryNamedForAnotherEvent_isInvalid() throws Exception {
        ObjectNode pack = complete();
        ((ObjectNode) pack.path("ledger").path("entries").get(0)).put("eventId", "ev-a2");
        assertThat(run("pack.json", pack.toString())).isEqualTo(Main.INVALID);
        assertThat(printed()).contains("INVALID: entry mismatch at index 1");
    }

    @Test
    void notAPack_isInvalid_andUnreadable_isUsage() throws Exception {
        JsonNode notPack = JSON.createObjectNode().put("format", "something-else");
        assertThat(run("other.json", notPack.toString())).isEqualTo(Main.INVALID);
        out.reset();
        assertThat(run("page.html", "<html>no pack here</html>")).isEqualTo(Main.USAGE);
    }
}
