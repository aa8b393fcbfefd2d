package io.eer.audit.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Benchmark-style, asserting correctness only: {@value #DEFAULT_COUNT} events (or {@code -Deer.bench.appends=N})
 * published to the domain topics at once all reach a ledger of their own, gap-free and verifiable. The append
 * rate (Kafka to committed ledger rows) is printed, never asserted; README "Performance" records the figures.
 */
@QuarkusTest
@TestProfile(LedgerAppendBenchmarkTest.Profile.class)
class LedgerAppendBenchmarkTest {

    static final int DEFAULT_COUNT = 5_000;

    /** A ledger of its own, not shared with the other fresh-ledger tests (a profile class per test class). */
    public static class Profile extends FreshLedgerDatabase.Profile {
    }

    @Test
    void eventsPublishedAtOnce_areAllAppended_gapFreeAndVerifiable() throws Exception {
        int count = Integer.getInteger("eer.bench.appends", DEFAULT_COUNT);
        int warmUp = count / 5;
        List<String> topics = List.of("eer.requests", "eer.approvals", "eer.grants", "eer.sessions").stream()
                .map(FreshLedgerDatabase::topic).toList();
        try (KafkaProducer<String, String> producer = Ledger.producer()) {
            // the first round warms the JIT; the second is the steady state a running service sees
            double cold = publishAndAwait(producer, topics, 0, warmUp);
            double warm = publishAndAwait(producer, topics, warmUp, count);
            System.out.printf("ledger-append: %,d events at once into a fresh ledger: %,.0f appends/s; then %,d more "
                    + "into the warm service: %,.0f appends/s%n", warmUp, warmUp / cold, count - warmUp,
                    (count - warmUp) / warm);
        }

        try (Connection db = Ledger.jdbc(); Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("select count(distinct event_id), min(ledger_index), "
                        + "max(ledger_index) from ledger_entry")) {
            rows.next();
            assertThat(rows.getLong(1)).as("distinct events").isEqualTo(count);
            assertThat(rows.getLong(2)).isZero();
            assertThat(rows.getLong(3)).isEqualTo(count - 1L);
        }
        given().auth().oauth2(Ledger.AUDITOR).get("/v1/audit/verify")
                .then().statusCode(200).body("ok", equalTo(true)).body("size", equalTo(count));
    }

    /** Publishes events {@code from} to {@code to - 1} and waits for the ledger to hold {@code to}; the seconds. */
    private static double publishAndAwait(KafkaProducer<String, String> producer, List<String> topics, int from,
            int to) throws SQLException {
        long start = System.nanoTime();
        for (int i = from; i < to; i++) {
            String subject = "bench-" + (i % 500);
            String topic = topics.get(i % topics.size());
            String event = Ledger.rawEvent(Ledger.producerOf(topic), UUID.randomUUID().toString(), subject,
                    "io.eer.Bench.v1",
                    "{\"n\":" + i + "}");
            producer.send(new ProducerRecord<>(topic, subject, event));
        }
        producer.flush();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20)).until(() -> ledgerSize() == to);
        return (System.nanoTime() - start) / 1e9;
    }

    private static long ledgerSize() throws SQLException {
        try (Connection db = Ledger.jdbc(); Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("select size from ledger_head")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
