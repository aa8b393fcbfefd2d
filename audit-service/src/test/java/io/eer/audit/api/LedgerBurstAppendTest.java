package io.eer.audit.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * {@value #COUNT} events published at once to four domain topics (two polls' worth at {@code max.poll.records} 500)
 * all reach a ledger of the test's own, each once, gap-free and verifiable. The append rate is a benchmark figure:
 * {@code ./eer bench} P3 measures it (README "Performance"); this test only checks correctness.
 */
@QuarkusTest
@TestProfile(FreshLedgerDatabase.QuickRetries.class)
class LedgerBurstAppendTest {

    static final int COUNT = 1_000;

    @Test
    void eventsPublishedAtOnce_areAllAppended_onceEach_gapFreeAndVerifiable() throws Exception {
        List<String> topics = List.of("eer.requests", "eer.approvals", "eer.grants", "eer.sessions").stream()
                .map(FreshLedgerDatabase::topic).toList();
        List<String> ids = new ArrayList<>();
        try (KafkaProducer<String, String> producer = Ledger.producer()) {
            for (int i = 0; i < COUNT; i++) {
                String id = UUID.randomUUID().toString();
                ids.add(id);
                String subject = "burst-" + (i % 500);
                String topic = topics.get(i % topics.size());
                producer.send(new ProducerRecord<>(topic, subject,
                        Ledger.rawEvent(Ledger.producerOf(topic), id, subject, "io.eer.Bench.v1", "{\"n\":" + i + "}")));
            }
            producer.flush();
        }
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> entriesOf(ids) == COUNT);

        try (Connection db = Ledger.jdbc(); PreparedStatement ours = db.prepareStatement(
                "select count(*), count(distinct event_id) from ledger_entry where event_id = any(?)")) {
            ours.setArray(1, db.createArrayOf("text", ids.toArray()));
            try (ResultSet rows = ours.executeQuery()) {
                rows.next();
                assertThat(rows.getLong(1)).as("entries of the burst").isEqualTo(COUNT);
                assertThat(rows.getLong(2)).as("distinct events of the burst").isEqualTo(COUNT);
            }
        }
        long size;
        try (Connection db = Ledger.jdbc(); Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("select count(*), min(ledger_index), max(ledger_index), "
                        + "(select size from ledger_head) from ledger_entry")) {
            rows.next();
            // the whole ledger (the burst and whatever the profile's other test put there) is gap-free from 0
            size = rows.getLong(1);
            assertThat(size).isGreaterThanOrEqualTo(COUNT);
            assertThat(rows.getLong(2)).isZero();
            assertThat(rows.getLong(3)).isEqualTo(size - 1);
            assertThat(rows.getLong(4)).as("head size").isEqualTo(size);
        }
        given().auth().oauth2(Ledger.AUDITOR).get("/v1/audit/verify")
                .then().statusCode(200).body("ok", equalTo(true)).body("size", greaterThanOrEqualTo((int) size));
    }

    private static long entriesOf(List<String> ids) throws SQLException {
        try (Connection db = Ledger.jdbc();
                PreparedStatement sql = db.prepareStatement("select count(*) from ledger_entry where event_id = any(?)")) {
            sql.setArray(1, db.createArrayOf("text", ids.toArray()));
            try (ResultSet rows = sql.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
