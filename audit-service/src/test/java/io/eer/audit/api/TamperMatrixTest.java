package io.eer.audit.api;

import static io.eer.audit.api.Ledger.ADMIN;
import static io.eer.audit.api.Ledger.AUDITOR;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eer.contracts.EventEnvelope;
import io.eer.ledger.format.Checkpoint;
import io.eer.ledger.format.Ed25519;
import io.eer.ledger.format.LedgerEntry;
import io.eer.ledger.format.LedgerHead;
import io.eer.ledger.format.ReceivedEvent;
import io.eer.ledger.format.SignedCheckpoint;
import io.eer.support.testing.TopicProbe;
import io.eer.verifier.Main;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tamper matrix, on a database of its own: ten events with signed checkpoints at sizes 3, 6 and 10, then each
 * kind of tampering done to the tables as the superuser (triggers off), and both {@code GET /v1/audit/verify} and
 * the standalone verifier, fed the bytes of {@code GET /v1/audit/export}, must name the same bad index (or
 * checkpoint). The tables are restored after each case.
 */
@QuarkusTest
@TestProfile(FreshLedgerDatabase.Profile.class)
class TamperMatrixTest {

    private static final List<String> TABLES = List.of("ledger_entry", "ledger_head", "ledger_checkpoint");
    private static final Map<String, List<Map<String, Object>>> snapshot = new LinkedHashMap<>();
    private static final Map<Long, Long> checkpointSeqAtSize = new LinkedHashMap<>();


    private static long size() {
        return given().auth().oauth2(AUDITOR).get("/v1/audit/verify").then().statusCode(200).extract()
                .jsonPath().getLong("size");
    }

    @BeforeEach
    void ledgerOfTenWithCheckpoints() throws SQLException {
        if (snapshot.isEmpty()) {
            try (TopicProbe probe = new TopicProbe()) {
                int published = 0;
                for (int size : new int[] {3, 6, 10}) {
                    while (published < size) {
                        EventEnvelope event = Ledger.requested(UUID.randomUUID().toString(), "carol");
                        probe.publish(FreshLedgerDatabase.topic("eer.requests"), event);
                        published++;
                        int expected = published;
                        // one at a time, so the ledger order is the publishing order
                        await().atMost(Duration.ofSeconds(30)).until(() -> size() == expected);
                    }
                    long seq = given().auth().oauth2(ADMIN).post("/v1/audit/checkpoints").then().statusCode(201)
                            .extract().jsonPath().getLong("seq");
                    checkpointSeqAtSize.put((long) size, seq);
                }
            }
            try (Connection db = Ledger.jdbc()) {
                for (String table : TABLES) {
                    snapshot.put(table, rows(db, table));
                }
            }
        }
        assertVerdicts(true, null, null, null);
    }

    @AfterEach
    void restore() throws SQLException {
        try (Connection db = superuserWithoutTriggers()) {
            db.setAutoCommit(false);
            try (Statement sql = db.createStatement()) {
                for (String table : TABLES) {
                    sql.execute("delete from " + table);
                }
            }
            for (String table : TABLES) {
                insert(db, table, snapshot.get(table));
            }
            db.commit();
        }
    }

    // ---- the matrix ----

    @Test
    void oneByteOfAPayloadChanged_isNamedByBothVerifiers() throws Exception {
        tamper("update ledger_entry set received = convert_to(replace(convert_from(received, 'UTF8'), "
                + "'payments DB locked', 'Payments DB locked'), 'UTF8') where ledger_index = 4");
        assertVerdicts(false, 4L, "leaf mismatch", null);
    }

    @Test
    void timestampChanged_isNamedByBothVerifiers() throws Exception {
        tamper("update ledger_entry set recorded_at = recorded_at + interval '1 second' where ledger_index = 7");
        assertVerdicts(false, 7L, "leaf mismatch", null);
    }

    @Test
    void rowDeletedFromTheMiddle_isNamedByBothVerifiers() throws Exception {
        tamper("delete from ledger_entry where ledger_index = 5");
        assertVerdicts(false, 5L, "index gap", null);
    }

    @Test
    void twoRowsSwapped_isNamedByBothVerifiers() throws Exception {
        // everything an entry holds trades places between 3 and 8 but the index (event_id is unique, and not hashed)
        tamper("update ledger_entry e set topic = o.topic, kafka_partition = o.kafka_partition, "
                + "kafka_offset = o.kafka_offset, recorded_at = o.recorded_at, received = o.received, "
                + "record_json = o.record_json, leaf = o.leaf, chain = o.chain from ledger_entry o "
                + "where (e.ledger_index = 3 and o.ledger_index = 8) or (e.ledger_index = 8 and o.ledger_index = 3)");
        assertVerdicts(false, 3L, "leaf mismatch", null);
    }

    @Test
    void tailTruncatedAfterASignedCheckpoint_isNamedByBothVerifiers() throws Exception {
        // entries 7..9 removed and the head moved back to match: the chain itself is intact, checkpoint at 10 is not
        tamper("delete from ledger_entry where ledger_index >= 7",
                "update ledger_head set size = 7, chain_head = (select chain from ledger_entry where ledger_index = 6)");
        assertVerdicts(false, 7L, "ledger truncated", checkpointSeqAtSize.get(10L));
    }

    @Test
    void forgedRowInsertedWithARecomputedChain_isCaughtByTheSignedCheckpoint() throws Exception {
        try (Connection db = superuserWithoutTriggers()) {
            db.setAutoCommit(false);
            List<Map<String, Object>> tail = new ArrayList<>();
            for (Map<String, Object> row : snapshot.get("ledger_entry")) {
                if ((Long) row.get("ledger_index") >= 6) {
                    tail.add(row);
                }
            }
            Map<String, Object> forged = new LinkedHashMap<>(tail.get(0));
            forged.put("event_id", "forged-" + UUID.randomUUID());
            forged.put("received", new String((byte[]) forged.get("received"), StandardCharsets.UTF_8)
                    .replace("payments DB locked", "nothing to see here").replace(
                            (String) tail.get(0).get("event_id"), (String) forged.get("event_id"))
                    .getBytes(StandardCharsets.UTF_8));
            tail.add(0, forged);
            byte[] previous = (byte[]) snapshot.get("ledger_entry").get(5).get("chain");
            LedgerHead head = new LedgerHead(6, previous);
            List<Map<String, Object>> rewritten = new ArrayList<>();
            for (Map<String, Object> row : tail) {
                ReceivedEvent received = ReceivedEvent.parse((String) row.get("topic"),
                        (Integer) row.get("kafka_partition"), (Long) row.get("kafka_offset"),
                        (byte[]) row.get("received"));
                LedgerEntry entry = head.append(received, ((OffsetDateTime) row.get("recorded_at")).toInstant());
                Map<String, Object> copy = new LinkedHashMap<>(row);
                copy.put("ledger_index", entry.index());
                copy.put("record_json", entry.record().canonicalString());
                copy.put("leaf", entry.leaf());
                copy.put("chain", entry.chain());
                rewritten.add(copy);
                head = entry.head();
            }
            try (Statement sql = db.createStatement()) {
                sql.execute("delete from ledger_entry where ledger_index >= 6");
            }
            insert(db, "ledger_entry", rewritten);
            try (PreparedStatement update = db.prepareStatement(
                    "update ledger_head set size = ?, chain_head = ?")) {
                update.setLong(1, head.size());
                update.setBytes(2, head.chainHead());
                update.executeUpdate();
            }
            db.commit();
        }
        // the chain is consistent again; only the checkpoint signed at size 10 knows better
        assertVerdicts(false, 6L, "checkpoint mismatch", checkpointSeqAtSize.get(10L));
    }

    @Test
    void checkpointSignedWithTheWrongKey_isNamedByBothVerifiers() throws Exception {
        Map<String, Object> last = snapshot.get("ledger_checkpoint").get(snapshot.get("ledger_checkpoint").size() - 1);
        long seq = (Long) last.get("seq") + 1;
        Checkpoint genuine = new SignedCheckpoint(0, (String) last.get("body"), (byte[]) last.get("signature"))
                .checkpoint();
        Checkpoint claim = new Checkpoint(genuine.origin(), genuine.size(), genuine.chainHead(), genuine.merkleRoot(),
                Instant.now(), genuine.keyId()); // the real key id, signed with another key
        SignedCheckpoint forged = SignedCheckpoint.sign(seq, claim, Ed25519.privateKey(resource("wrong-ed25519.pem")));
        Map<String, Object> row = new LinkedHashMap<>(last);
        row.put("seq", seq);
        row.put("signed_at", OffsetDateTime.now());
        row.put("body", forged.body());
        row.put("signature", forged.signature());
        try (Connection db = superuserWithoutTriggers()) {
            insert(db, "ledger_checkpoint", List.of(row));
        }
        assertVerdicts(false, null, "checkpoint signature invalid", seq);
    }

    // ---- both verifiers ----

    /** {@code GET /v1/audit/verify} and the standalone verifier on {@code GET /v1/audit/export} agree. */
    private void assertVerdicts(boolean ok, Long badIndex, String reason, Long checkpoint) {
        JsonPath service = given().auth().oauth2(AUDITOR).get("/v1/audit/verify").then().statusCode(200).extract()
                .jsonPath();
        assertThat(service.getBoolean("ok")).as(service.prettify()).isEqualTo(ok);
        String verdict = standaloneVerdict();
        if (ok) {
            assertThat(service.getLong("checkpointsVerified")).as(service.prettify())
                    .isEqualTo(snapshot.get("ledger_checkpoint").size());
            assertThat(verdict).isEqualTo("VALID");
            return;
        }
        assertThat(service.getString("reason")).as(service.prettify()).isEqualTo(reason);
        assertThat(service.get("firstBadIndex") == null ? null : service.getLong("firstBadIndex"))
                .as(service.prettify()).isEqualTo(badIndex);
        assertThat(service.get("checkpoint") == null ? null : service.getLong("checkpoint"))
                .as(service.prettify()).isEqualTo(checkpoint);
        StringBuilder expected = new StringBuilder("INVALID: " + reason);
        if (badIndex != null) {
            expected.append(" at index ").append(badIndex);
        }
        if (checkpoint != null) {
            expected.append(badIndex != null ? ", " : " at ").append("checkpoint ").append(checkpoint);
        }
        assertThat(verdict).startsWith(expected + ":");
    }

    /** The last line the standalone verifier prints for the export as the service streams it. */
    private static String standaloneVerdict() {
        try {
            byte[] export = given().auth().oauth2(AUDITOR).get("/v1/audit/export").then().statusCode(200)
                    .extract().asByteArray();
            Path exportFile = Files.write(Files.createTempFile("export", ".ndjson"), export);
            Path key = Files.writeString(Files.createTempFile("key", ".pem"), resource("ed25519.pub.pem"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int status = Main.run(new String[] {"--export", exportFile.toString(), "--public-key", key.toString(),
                "--key-id", "test-key-1"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
            List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
            String verdict = lines.get(lines.size() - 1);
            assertThat(status).as(verdict).isEqualTo(verdict.equals("VALID") ? Main.VALID : Main.INVALID);
            Files.delete(exportFile);
            Files.delete(key);
            return verdict;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- database helpers (superuser, triggers off: what an attacker with the owner's rights does) ----

    private static Connection superuserWithoutTriggers() throws SQLException {
        Connection db = Ledger.jdbc();
        try (Statement sql = db.createStatement()) {
            sql.execute("set session_replication_role = replica");
        }
        return db;
    }

    private static void tamper(String... statements) throws SQLException {
        try (Connection db = superuserWithoutTriggers(); Statement sql = db.createStatement()) {
            for (String statement : statements) {
                assertThat(sql.executeUpdate(statement)).as(statement).isPositive();
            }
        }
    }

    private static List<Map<String, Object>> rows(Connection db, String table) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Statement sql = db.createStatement(); ResultSet result = sql.executeQuery("select * from " + table)) {
            ResultSetMetaData meta = result.getMetaData();
            while (result.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = result.getObject(i);
                    if (value instanceof Timestamp) {
                        value = result.getObject(i, OffsetDateTime.class);
                    }
                    row.put(meta.getColumnName(i), value);
                }
                rows.add(row);
            }
        }
        rows.sort((a, b) -> Long.compare(((Number) a.values().iterator().next()).longValue(),
                ((Number) b.values().iterator().next()).longValue()));
        return rows;
    }

    private static void insert(Connection db, String table, List<Map<String, Object>> rows) throws SQLException {
        for (Map<String, Object> row : rows) {
            String columns = String.join(", ", row.keySet());
            String marks = String.join(", ", row.keySet().stream().map(column -> "?").toList());
            try (PreparedStatement insert = db.prepareStatement(
                    "insert into " + table + " (" + columns + ") values (" + marks + ")")) {
                int i = 1;
                for (Object value : row.values()) {
                    insert.setObject(i++, value);
                }
                insert.executeUpdate();
            }
        }
    }

    private static String resource(String name) {
        try (InputStream in = TamperMatrixTest.class.getResourceAsStream("/checkpoint-keys/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
