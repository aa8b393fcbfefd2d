package io.eer.audit.api;

import static io.eer.audit.api.Ledger.AUDITOR;
import static io.eer.audit.api.Ledger.REVIEWS;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.eer.contracts.EventEnvelope;
import io.eer.support.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ledger cannot be changed through the database, and a change made around the triggers is found. */
@QuarkusTest
class LedgerIntegrityTest {

    private static TopicProbe probe;

    @BeforeAll
    static void probe() {
        probe = new TopicProbe(Ledger.DEAD_LETTERS);
    }

    @AfterAll
    static void close() {
        probe.close();
    }

    /** Publishes one event and returns its ledger index once it is recorded. */
    private static long recordOne() {
        EventEnvelope event = Ledger.requested(UUID.randomUUID().toString(), "carol");
        probe.publish(Ledger.REQUESTS, event);
        return Ledger.awaitLine(event).path("index").asLong();
    }



    @Test
    void verify_untouchedLedger_isOk() {
        recordOne();
        List<JsonNode> ledger = Ledger.lines();
        given().auth().oauth2(AUDITOR).get("/v1/audit/verify").then().statusCode(200)
                .body("ok", equalTo(true))
                .body("size", equalTo(ledger.size()))
                .body("head", equalTo(ledger.get(ledger.size() - 1).path("chain").asText()));
        given().auth().oauth2(Ledger.ADMIN).get("/v1/audit/verify").then().statusCode(200).body("ok", equalTo(true));
    }

    @Test
    void verify_whenOneByteOfAnEntryWasChanged_namesThatIndex() throws SQLException {
        long index = recordOne();
        recordOne(); // the tampered entry is not the last one
        try (Connection db = Ledger.jdbc()) {
            byte[] original = Ledger.received(db, index);
            byte[] tampered = original.clone();
            int at = new String(original, StandardCharsets.UTF_8).indexOf("payments DB locked");
            assertThat(at).isPositive();
            tampered[at] = 'P'; // "payments" -> "Payments": one byte
            Ledger.overwrite(db, index, tampered);
            try {
                given().auth().oauth2(AUDITOR).get("/v1/audit/verify").then().statusCode(200)
                        .body("ok", equalTo(false))
                        .body("firstBadIndex", equalTo((int) index))
                        .body("reason", equalTo("leaf mismatch"));
            } finally {
                Ledger.overwrite(db, index, original);
            }
        }
        given().auth().oauth2(AUDITOR).get("/v1/audit/verify").then().statusCode(200).body("ok", equalTo(true));
    }

    /** Runs {@code sql} in a transaction that is always rolled back, and returns why the database refused it. */
    private static String refusal(Connection db, String sql) throws SQLException {
        db.setAutoCommit(false);
        try (Statement statement = db.createStatement()) {
            statement.execute(sql);
            throw new AssertionError("the database accepted: " + sql);
        } catch (SQLException e) {
            return e.getMessage();
        } finally {
            db.rollback();
            db.setAutoCommit(true);
        }
    }

    @Test
    void ledgerEntry_updateDeleteAndTruncate_areRejectedByTheDatabase() throws SQLException {
        long index = recordOne();
        try (Connection db = Ledger.jdbc()) {
            assertThat(refusal(db, "update ledger_entry set topic = 'forged' where ledger_index = " + index))
                    .contains("append-only");
            assertThat(refusal(db, "delete from ledger_entry where ledger_index = " + index))
                    .contains("append-only");
            assertThat(refusal(db, "truncate ledger_entry cascade")).contains("append-only");
            assertThat(refusal(db, "update ledger_head set size = 0")).contains("only moves forward");
            assertThat(refusal(db, "delete from ledger_head")).contains("append-only");
            try (Statement sql = db.createStatement(); ResultSet row = sql.executeQuery(
                    "select topic from ledger_entry where ledger_index = " + index)) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo(Ledger.REQUESTS);
            }
        }
        given().auth().oauth2(AUDITOR).get("/v1/audit/verify").then().statusCode(200).body("ok", equalTo(true));
    }

    @Test
    void verify_afterConcurrentAppends_staysOk() {
        // a burst on another topic while verifying: entries beyond the head read at the start are left alone
        String requestId = UUID.randomUUID().toString();
        // (events of that topic's own producer: anything else would also raise forged-source, into the timeline)
        for (int i = 0; i < 10; i++) {
            probe.publish(REVIEWS, SocEvents.reviewScheduled(requestId, "grant-" + requestId, "review-" + i + "-"
                    + requestId, Instant.now().plus(Duration.ofHours(1))));
        }
        given().auth().oauth2(AUDITOR).get("/v1/audit/verify").then().statusCode(200).body("ok", equalTo(true));
        // 404 until the ledger has the first of them (it gathers a burst for up to 500 ms)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(given().auth().oauth2(AUDITOR)
                .get("/v1/requests/" + requestId + "/timeline").then().statusCode(200).extract()
                .<List<?>>path("events")).hasSize(10));
        given().auth().oauth2(AUDITOR).get("/v1/audit/verify").then().statusCode(200).body("ok", equalTo(true));
    }
}
