package io.eer.audit.api;

import static io.eer.audit.api.Ledger.ADMIN;
import static io.eer.audit.api.Ledger.AUDITOR;
import static io.eer.audit.api.Ledger.CAROL;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import io.eer.audit.ledger.application.MerkleRoots;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.json.CanonicalJson;
import io.eer.ledger.format.Ed25519;
import io.eer.ledger.format.MerkleTree;
import io.eer.support.outbox.OutboxRelay;
import io.eer.support.testing.TopicProbe;
import io.eer.verifier.Main;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Checkpoints, keys, proofs and the export through the API, and the database role the service runs as. */
@QuarkusTest
class CheckpointApiTest {

    @Inject
    MerkleRoots merkleRoots;

    private static final HexFormat HEX = HexFormat.of();
    private static final String CHECKPOINTS_TOPIC = "test-audit.eer.checkpoints";

    private static PublicKey testKey() {
        try (InputStream in = CheckpointApiTest.class.getResourceAsStream("/checkpoint-keys/ed25519.pub.pem")) {
            return Ed25519.publicKey(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode recordAndCheckpoint() {
        try (TopicProbe probe = new TopicProbe()) {
            EventEnvelope event = Ledger.requested(UUID.randomUUID().toString(), "carol");
            probe.publish(Ledger.REQUESTS, event);
            Ledger.awaitLine(event);
        }
        return Ledger.parse(given().auth().oauth2(ADMIN).post("/v1/audit/checkpoints").then().statusCode(201)
                .extract().asString());
    }

    @Test
    void checkpoint_verifiesWithOnlyThePublicKey_andIsListedAndPublished() {
        try (TopicProbe published = new TopicProbe(CHECKPOINTS_TOPIC)) {
            JsonNode signed = recordAndCheckpoint();
            JsonNode body = signed.get("checkpoint");
            byte[] signature = Base64.getDecoder().decode(signed.get("signature").asText());
            assertThat(Ed25519.verify(testKey(), CanonicalJson.write(body), signature)).isTrue();
            assertThat(body.get("keyId").asText()).isEqualTo("test-key-1");
            assertThat(body.get("origin").asText()).isEqualTo("eer-audit");
            // the head it states is the ledger's head at that moment (nothing else is appended meanwhile here)
            assertThat(body.get("size").asLong()).isPositive();

            given().auth().oauth2(AUDITOR).get("/v1/audit/checkpoints?from=" + signed.get("seq").asLong())
                    .then().statusCode(200)
                    .body("checkpoints[0].seq", equalTo(signed.get("seq").asInt()))
                    .body("checkpoints[0].signature", equalTo(signed.get("signature").asText()));
            given().auth().oauth2(AUDITOR).get("/v1/audit/keys").then().statusCode(200)
                    .body("keys.keyId", hasItem("test-key-1"))
                    .body("keys[0].algorithm", equalTo("Ed25519"))
                    .body("keys[0].publicKey", equalTo(Ed25519.pem(testKey())));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                List<ConsumerRecord<String, String>> records = published.records();
                assertThat(records).anySatisfy(record -> {
                    JsonNode event = Ledger.parse(record.value());
                    assertThat(record.key()).isEqualTo("eer-audit");
                    assertThat(event.get("type").asText()).isEqualTo("io.eer.CheckpointSigned.v1");
                    assertThat(event.get("data").get("seq").asLong()).isEqualTo(signed.get("seq").asLong());
                    assertThat(event.get("data").get("checkpoint")).isEqualTo(body);
                    assertThat(event.get("data").get("signature").asText()).isEqualTo(signed.get("signature").asText());
                });
            });
        }
    }

    @Test
    void leavesForTheNextCheckpoint_areReadWhileAnAppendHoldsTheHead_andGiveTheRootOfEveryLeaf() throws Exception {
        recordAndCheckpoint();
        try (Connection db = Ledger.jdbc()) {
            db.setAutoCommit(false);
            long size;
            try (Statement sql = db.createStatement();
                    ResultSet head = sql.executeQuery("select size from ledger_head where id = 1 for update")) {
                head.next();
                size = head.getLong(1);
            }
            // an append in progress holds the head. After a start the frontier reads every leaf (seconds for a
            // million entries); appends must not wait for that, so catching up takes no lock
            merkleRoots.catchUp().await().atMost(Duration.ofSeconds(10));
            db.rollback();

            List<byte[]> leaves = new ArrayList<>();
            try (Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery(
                    "select leaf from ledger_entry where ledger_index < " + size + " order by ledger_index")) {
                while (rows.next()) {
                    leaves.add(rows.getBytes(1));
                }
            }
            db.rollback();
            assertThat(leaves).hasSize((int) size);
            assertThat(merkleRoots.rootAt(size).await().atMost(Duration.ofSeconds(10)))
                    .isEqualTo(MerkleTree.root(leaves, size));
        }
    }

    @Test
    void checkpointEvent_whileAnotherInstanceHoldsTheRelayLock_isPublishedOnlyAfterItIsReleased() throws Exception {
        try (TopicProbe published = new TopicProbe(CHECKPOINTS_TOPIC); Connection otherInstance = Ledger.jdbc();
                Statement sql = otherInstance.createStatement()) {
            sql.execute("select pg_advisory_lock(" + OutboxRelay.RELAY_LOCK + ")");
            long seq = recordAndCheckpoint().get("seq").asLong();
            // the relay runs every 0.2 s: while the lock is held elsewhere, it leaves the row alone
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                    .until(() -> unpublishedOutboxRows(sql) > 0);

            sql.execute("select pg_advisory_unlock(" + OutboxRelay.RELAY_LOCK + ")");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(published.records())
                    .anyMatch(record -> Ledger.parse(record.value()).get("data").get("seq").asLong() == seq));
            await().atMost(Duration.ofSeconds(10)).until(() -> unpublishedOutboxRows(sql) == 0);
        }
    }

    private static long unpublishedOutboxRows(Statement sql) throws SQLException {
        try (ResultSet rows = sql.executeQuery("select count(*) from outbox where published_at is null")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<byte[]> hashes(JsonNode array) {
        List<byte[]> hashes = new ArrayList<>();
        array.forEach(hash -> hashes.add(HEX.parseHex(hash.asText())));
        return hashes;
    }

    @Test
    void inclusionAndConsistencyProofs_verifyAgainstSignedCheckpointRoots() {
        JsonNode first = recordAndCheckpoint().get("checkpoint");
        JsonNode second = recordAndCheckpoint().get("checkpoint");
        long m = first.get("size").asLong();
        long n = second.get("size").asLong();
        assertThat(n).isGreaterThan(m);
        long index = n - 1;
        JsonNode line = Ledger.lines(index, 1).get(0);

        JsonNode inclusion = Ledger.parse(given().auth().oauth2(AUDITOR)
                .get("/v1/audit/proofs/inclusion?index=" + index + "&size=" + n).then().statusCode(200)
                .extract().asString());
        assertThat(inclusion.get("leaf").asText()).isEqualTo(line.get("leaf").asText());
        assertThat(inclusion.get("root").asText()).isEqualTo(second.get("merkleRoot").asText());
        assertThat(MerkleTree.verifyInclusion(HEX.parseHex(line.get("leaf").asText()), index, n,
                hashes(inclusion.get("proof")), HEX.parseHex(second.get("merkleRoot").asText()))).isTrue();

        JsonNode consistency = Ledger.parse(given().auth().oauth2(AUDITOR)
                .get("/v1/audit/proofs/consistency?from=" + m + "&to=" + n).then().statusCode(200)
                .extract().asString());
        assertThat(MerkleTree.verifyConsistency(m, n, hashes(consistency.get("proof")),
                HEX.parseHex(first.get("merkleRoot").asText()), HEX.parseHex(second.get("merkleRoot").asText())))
                .isTrue();
    }

    @Test
    void proofs_withBadParameters_areProblemsNamingTheField() {
        given().auth().oauth2(AUDITOR).get("/v1/audit/proofs/inclusion?size=1").then().statusCode(400)
                .body("violations[0].field", equalTo("index")).body("violations[0].rule", equalTo("required"));
        given().auth().oauth2(AUDITOR).get("/v1/audit/proofs/inclusion?index=-1&size=1").then().statusCode(400)
                .body("violations[0].field", equalTo("index")).body("violations[0].rule", equalTo("range"));
        given().auth().oauth2(AUDITOR).get("/v1/audit/proofs/inclusion?index=3&size=2").then().statusCode(400)
                .body("violations[0].field", equalTo("index"));
        given().auth().oauth2(AUDITOR).get("/v1/audit/proofs/inclusion?index=0&size=999999999").then()
                .statusCode(400).body("violations[0].field", equalTo("size"));
        given().auth().oauth2(AUDITOR).get("/v1/audit/proofs/consistency?from=5&to=2").then().statusCode(400)
                .body("violations[0].field", equalTo("from"));
        given().auth().oauth2(AUDITOR).get("/v1/audit/proofs/consistency?from=x&to=2").then().statusCode(400)
                .body("violations[0].field", equalTo("from")).body("violations[0].rule", equalTo("range"));
        given().auth().oauth2(AUDITOR).get("/v1/audit/export?from=4&to=2").then().statusCode(400)
                .body("violations[0].field", equalTo("to"));
        given().auth().oauth2(AUDITOR).get("/v1/audit/checkpoints?limit=0").then().statusCode(400)
                .body("violations[0].field", equalTo("limit"));
    }

    @Test
    void checkpointsProofsAndExport_areForAuditorsAndAdmins_andOnlyAdminsSign() {
        for (String path : List.of("/v1/audit/checkpoints", "/v1/audit/keys", "/v1/audit/export",
                "/v1/audit/proofs/inclusion?index=0&size=1", "/v1/audit/proofs/consistency?from=1&to=1")) {
            given().auth().oauth2(CAROL).get(path).then().statusCode(403);
            given().get(path).then().statusCode(401);
        }
        given().auth().oauth2(AUDITOR).post("/v1/audit/checkpoints").then().statusCode(403);
    }

    @Test
    void export_isValidForTheStandaloneVerifier_withOnlyThePublicKey() throws IOException {
        recordAndCheckpoint();
        String export = given().auth().oauth2(AUDITOR).get("/v1/audit/export").then().statusCode(200)
                .contentType("application/x-ndjson").extract().asString();
        List<String> lines = export.lines().toList();
        JsonNode header = Ledger.parse(lines.get(0));
        assertThat(header.get("format").asText()).isEqualTo("eer-ledger-export/1");
        assertThat(lines.stream().filter(line -> line.contains("\"type\":\"entry\"")).count())
                .isEqualTo(header.get("to").asLong());
        Path file = Files.writeString(Files.createTempFile("export", ".ndjson"), export);
        Path key = Files.writeString(Files.createTempFile("key", ".pem"), Ed25519.pem(testKey()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"--export", file.toString(), "--public-key", key.toString(), "--key-id",
            "test-key-1"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(Main.VALID);
        Files.delete(file);
        Files.delete(key);
    }

    /** Runs {@code sql} as the service's own database role and returns why the database refused it. */
    private static String refusalForService(String sql) throws SQLException {
        try (Connection db = Ledger.jdbcAsService(); Statement statement = db.createStatement()) {
            statement.execute(sql);
            throw new AssertionError("the service role was allowed: " + sql);
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    @Test
    void serviceRole_mayOnlyInsertAndSelectLedgerRows_andCannotDisableTheTriggers() throws SQLException {
        recordAndCheckpoint();
        assertThat(refusalForService("update ledger_entry set topic = 'x' where ledger_index = 0"))
                .contains("permission denied");
        assertThat(refusalForService("delete from ledger_entry where ledger_index = 0")).contains("permission denied");
        assertThat(refusalForService("truncate ledger_entry cascade")).contains("permission denied");
        assertThat(refusalForService("update ledger_checkpoint set size = 0")).contains("permission denied");
        assertThat(refusalForService("delete from ledger_checkpoint")).contains("permission denied");
        assertThat(refusalForService("alter table ledger_entry disable trigger ledger_entry_no_update_delete"))
                .contains("must be owner");
        assertThat(refusalForService("set session_replication_role = replica")).contains("permission denied");
        try (Connection db = Ledger.jdbcAsService(); Statement sql = db.createStatement()) {
            assertThat(sql.executeQuery("select current_user").next()).isTrue();
            var who = sql.executeQuery("select current_user");
            who.next();
            assertThat(who.getString(1)).isEqualTo("eer_audit_app");
            assertThat(sql.executeQuery("select count(*) from ledger_entry").next()).isTrue();
        }
    }
}
