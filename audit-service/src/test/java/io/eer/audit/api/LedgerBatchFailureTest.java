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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A batch holding one event the database refuses (here: a check constraint a DBA added, in a ledger of the test's
 * own): the batch append fails and is retried, then its events are appended one at a time, so only the refused one
 * goes to the dead-letter topic and its neighbours are recorded, in order.
 */
@QuarkusTest
@TestProfile(LedgerBatchFailureTest.Profile.class)
class LedgerBatchFailureTest {

    public static class Profile extends FreshLedgerDatabase.Profile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("eer.audit.append-retries", "2", "eer.audit.append-backoff", "50ms");
        }
    }

    @Test
    void batch_whenTheDatabaseRefusesOneEvent_deadLettersOnlyThatOne() throws Exception {
        String prefix = ConfigProvider.getConfig().getValue("eer.service.topic-prefix", String.class);
        String poison = "poison-" + UUID.randomUUID();
        try (Connection db = Ledger.jdbc(); Statement sql = db.createStatement()) {
            sql.execute("alter table ledger_entry add constraint refuses_poison check (event_id <> '" + poison + "')");
        }
        List<String> ids = List.of(UUID.randomUUID().toString(), poison, UUID.randomUUID().toString());
        try (TopicProbe deadLetters = new TopicProbe(prefix + "eer.dlq.audit");
                KafkaProducer<String, String> producer = producer()) {
            // one key, one partition, sent together: the consumer's poll returns them as one batch
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (String id : ids) {
                sent.add(producer.send(new ProducerRecord<>(prefix + "eer.requests", "batch-failure", """
                        {"specversion":"1.0","id":"%s","source":"/eer/test","type":"io.eer.Probe.v1",\
                        "subject":"batch-failure","time":"2026-11-27T10:00:00Z","data":{}}""".formatted(id))));
            }
            producer.flush();
            for (Future<RecordMetadata> one : sent) {
                one.get();
            }

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(deadLetters.records())
                    .anyMatch(record -> record.value() != null && record.value().contains(poison)));
            await().atMost(Duration.ofSeconds(30)).until(() -> recordedIds().size() == 2);
            assertThat(recordedIds()).containsExactly(ids.get(0), ids.get(2));
            assertThat(deadLetters.records()).noneMatch(record -> record.value() != null
                    && (record.value().contains(ids.get(0)) || record.value().contains(ids.get(2))));
        }
    }

    /** The event ids in the ledger, in index order. */
    private static List<String> recordedIds() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection db = Ledger.jdbc(); Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("select event_id from ledger_entry order by ledger_index")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private static KafkaProducer<String, String> producer() {
        var props = new java.util.Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TopicProbe.bootstrap());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }
}
