package io.eer.audit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eer.support.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * A batch holding one event the database refuses (here: a check constraint a DBA added, in a ledger of the test's
 * own): its events are appended one at a time, so only the refused one goes to the dead-letter topic, with an alert,
 * and its neighbours are recorded, in order. A failure that is not the record's own makes the ledger wait instead.
 */
@QuarkusTest
@TestProfile(FreshLedgerDatabase.QuickRetries.class)
class LedgerBatchFailureTest {

    @Test
    void batch_whenTheDatabaseRefusesOneEvent_deadLettersOnlyThatOne_andRaisesAnAlert() throws Exception {
        String poison = "poison-" + UUID.randomUUID();
        try (Connection db = Ledger.jdbc(); Statement sql = db.createStatement()) {
            sql.execute("alter table ledger_entry add constraint refuses_poison check (event_id <> '" + poison + "')");
        }
        List<String> ids = List.of(UUID.randomUUID().toString(), poison, UUID.randomUUID().toString());
        try (TopicProbe deadLetters = new TopicProbe(FreshLedgerDatabase.topic("eer.dlq.audit"));
                KafkaProducer<String, String> producer = Ledger.producer()) {
            // one key, one partition, sent together: the consumer's poll returns them as one batch
            List<RecordMetadata> sent = send(producer, "batch-failure", ids);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(deadLetters.records())
                    .anyMatch(record -> record.value() != null && record.value().contains(poison)));
            await().atMost(Duration.ofSeconds(30)).until(() -> recordedIds("batch-failure").size() == 2);
            assertThat(recordedIds("batch-failure")).containsExactly(ids.get(0), ids.get(2));
            assertThat(deadLetters.records()).noneMatch(record -> record.value() != null
                    && (record.value().contains(ids.get(0)) || record.value().contains(ids.get(2))));

            // the alert, back in the ledger through eer.alerts, names the record's coordinates, not its content
            String coordinates = "%s/%d@%d".formatted(sent.get(1).topic(), sent.get(1).partition(),
                    sent.get(1).offset());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(alertsInTheLedger())
                    .anySatisfy(alert -> {
                        assertThat(alert).contains("\"rule\":\"ledger-dead-letter\"");
                        assertThat(alert).contains("\"trigger\":\"kafka:" + coordinates + "\"");
                        assertThat(alert).contains("\"requestId\":\"batch-failure\"");
                        assertThat(alert).contains("\"severity\":\"CRITICAL\"");
                        assertThat(alert).contains("refused by the database (SQLSTATE 23514)"); // check_violation
                        assertThat(alert).doesNotContain(poison);
                    }));
        }
    }

    @Test
    void append_whenTheServiceMayNotInsert_waitsForTheDatabase_insteadOfDeadLettering() throws Exception {
        String id = UUID.randomUUID().toString();
        try (Connection db = Ledger.jdbc(); Statement sql = db.createStatement();
                TopicProbe deadLetters = new TopicProbe(FreshLedgerDatabase.topic("eer.dlq.audit"));
                KafkaProducer<String, String> producer = Ledger.producer()) {
            sql.execute("revoke insert on ledger_entry from eer_audit_writer");
            try {
                send(producer, "waits", List.of(id));
                // retries (2 x 50 ms) are long over: the old behaviour would have dead-lettered it by now
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                        recordedIds("waits").isEmpty() && deadLetters.records().stream()
                                .noneMatch(record -> record.value() != null && record.value().contains(id)));
            } finally {
                sql.execute("grant insert on ledger_entry to eer_audit_writer");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> recordedIds("waits").equals(List.of(id)));
            assertThat(deadLetters.records()).noneMatch(record -> record.value() != null
                    && record.value().contains(id));
        }
    }

    private static List<RecordMetadata> send(KafkaProducer<String, String> producer, String subject, List<String> ids)
            throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (String id : ids) {
            sent.add(producer.send(new ProducerRecord<>(FreshLedgerDatabase.topic("eer.requests"), subject,
                    Ledger.rawEvent("/eer/request-service", id, subject, "io.eer.Probe.v1", "{}"))));
        }
        producer.flush();
        List<RecordMetadata> metadata = new ArrayList<>();
        for (Future<RecordMetadata> one : sent) {
            metadata.add(one.get());
        }
        return metadata;
    }

    /** The AlertRaised events in the ledger, as received. */
    private static List<String> alertsInTheLedger() throws Exception {
        List<String> alerts = new ArrayList<>();
        try (Connection db = Ledger.jdbc(); Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("select convert_from(e.received, 'UTF8') from ledger_entry e "
                        + "join ledger_subject s using (ledger_index) where s.type = 'io.eer.AlertRaised.v1'")) {
            while (rows.next()) {
                alerts.add(rows.getString(1));
            }
        }
        return alerts;
    }

    /** The ids of the events about {@code subject} in the ledger, in index order. */
    private static List<String> recordedIds(String subject) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection db = Ledger.jdbc(); Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("select e.event_id from ledger_entry e join ledger_subject s "
                        + "using (ledger_index) where s.subject = '" + subject + "' and s.type = 'io.eer.Probe.v1' "
                        + "order by e.ledger_index")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }
}
