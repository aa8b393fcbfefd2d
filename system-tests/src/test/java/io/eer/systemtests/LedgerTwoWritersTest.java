package io.eer.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eer.contracts.Topics;
import io.eer.support.testing.TestTokens;
import io.eer.support.testing.TopicProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Two audit-service processes (the packaged jar) on one database while events flow on seven topics. One writes: it
 * holds every partition of the ledger's topics (Kafka's view of the consumer group shows it; the other holds none)
 * and the writer lease, so it appends and signs checkpoints. It is killed with SIGKILL in the middle of the flow.
 * The other takes over: it gets every partition and the lease. Afterwards the ledger holds every event exactly once
 * at gap-free indices in one unforked chain, the survivor signs checkpoints over all of it, and the standalone
 * verifier accepts the export with only the public key.
 */
class LedgerTwoWritersTest {

    private static final String AUDITOR = TestTokens.employee("ava", "auditors");
    /** Every topic audit-service's ledger consumes (the session gateway's included). */
    private static final List<String> TOPICS = Topics.DOMAIN;
    private static final String GROUP = "audit-service";
    private static final int BEFORE_KILL = 150;
    private static final int DURING_KILL = 250;

    /** An event as the topic's own producer would send it (any other source would also raise forged-source alerts). */
    private static String event(String topic, String id, String requestId, int n) {
        return """
                {"data":{"n":%d,"requestId":"%s"},"id":"%s","source":"%s","specversion":"1.0",\
                "subject":"%s","time":"2026-11-27T10:00:00Z","type":"io.eer.SystemTestEvent.v1"}\
                """.formatted(n, requestId, id, Topics.producerOf(topic).orElseThrow(), requestId);
    }

    /** Publishes {@code count} events round-robin over the topics; every tenth one is published twice. */
    private static List<String> publish(KafkaProducer<String, String> producer, String prefix, int first, int count) {
        List<String> ids = new ArrayList<>();
        for (int n = first; n < first + count; n++) {
            String id = UUID.randomUUID().toString();
            String requestId = "r-" + (n % 17);
            String topic = prefix + TOPICS.get(n % TOPICS.size());
            producer.send(record(topic, requestId, event(topic, id, requestId, n)));
            if (n % 10 == 0) {
                producer.send(record(topic, requestId, event(topic, id, requestId, n)));
            }
            ids.add(id);
        }
        producer.flush();
        return ids;
    }

    /** As the services' outbox relay writes it: structured CloudEvent, content-type header. */
    private static ProducerRecord<String, String> record(String topic, String key, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static long ledgerSize(Connection db) throws SQLException {
        try (Statement sql = db.createStatement(); ResultSet row = sql.executeQuery("select count(*) from ledger_entry")) {
            row.next();
            return row.getLong(1);
        }
    }

    @Test
    void twoInstances_writerKilledWhileEventsFlow_survivorTakesOver_chainNeitherForksNorDuplicates()
            throws Exception {
        Properties props = TopicProbe.adminClientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (AuditInstances audit = new AuditInstances();
                KafkaProducer<String, String> producer = new KafkaProducer<>(props);
                Connection db = audit.database()) {
            Set<String> published = new HashSet<>();
            published.addAll(publish(producer, audit.prefix, 0, TOPICS.size())); // the topics exist before any consumer
            int allPartitions = partitionCount(audit.prefix);
            audit.start("first");
            // alone, the first instance takes the writer lease and signs a checkpoint
            await().atMost(Duration.ofSeconds(60)).until(() -> checkpointsSignedSince(db, Instant.EPOCH) > 0);
            audit.start("second");
            // one writer: the first holds every partition of the ledger's topics, the second stands by with none
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(ledgerPartitions(audit.prefix))
                    .containsOnlyKeys("first", "second")
                    .hasEntrySatisfying("first", partitions -> assertThat(partitions).hasSize(allPartitions))
                    .hasEntrySatisfying("second", partitions -> assertThat(partitions).isEmpty()));

            published.addAll(publish(producer, audit.prefix, TOPICS.size(), BEFORE_KILL));
            await().atMost(Duration.ofSeconds(60)).until(() -> ledgerSize(db) >= TOPICS.size() + BEFORE_KILL / 2);

            // events keep flowing while the writer dies
            CompletableFuture<List<String>> during = CompletableFuture.supplyAsync(
                    () -> publish(producer, audit.prefix, TOPICS.size() + BEFORE_KILL, DURING_KILL));
            audit.kill("first");
            Instant killedAt = Instant.now();
            published.addAll(during.get());
            assertThat(audit.alive("second")).isTrue();

            int total = published.size();
            // the other takes over: after Kafka's session timeout for the dead member, every partition is its
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(ledgerPartitions(audit.prefix))
                    .containsOnlyKeys("second")
                    .hasEntrySatisfying("second", partitions -> assertThat(partitions).hasSize(allPartitions)));
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                    .until(() -> ledgerSize(db) >= total);

            try (Statement sql = db.createStatement()) {
                // exactly once: every published id, no other, no repeats
                try (ResultSet row = sql.executeQuery("select count(*), count(distinct event_id), min(ledger_index), "
                        + "max(ledger_index) from ledger_entry")) {
                    row.next();
                    assertThat(row.getLong(1)).isEqualTo(total);
                    assertThat(row.getLong(2)).isEqualTo(total);
                    assertThat(row.getLong(3)).isZero();
                    assertThat(row.getLong(4)).isEqualTo(total - 1); // gap-free
                }
                Set<String> recorded = new HashSet<>();
                try (ResultSet rows = sql.executeQuery("select event_id from ledger_entry")) {
                    while (rows.next()) {
                        recorded.add(rows.getString(1));
                    }
                }
                assertThat(recorded).isEqualTo(published);
            }

            // the survivor holds the lease now: it signs checkpoints covering everything, after the kill
            await().atMost(Duration.ofSeconds(60)).until(() -> checkpointsSignedSince(db, killedAt) > 0
                    && latestCheckpointSize(db) == total);

            // one chain: the service recomputes it, and so does the standalone verifier from the export alone
            given().baseUri(audit.url("second")).auth().oauth2(AUDITOR).get("/v1/audit/verify").then()
                    .statusCode(200)
                    .body("ok", org.hamcrest.Matchers.equalTo(true))
                    .body("size", org.hamcrest.Matchers.equalTo(total));
            byte[] export = given().baseUri(audit.url("second")).auth().oauth2(AUDITOR).get("/v1/audit/export")
                    .then().statusCode(200).extract().asByteArray();
            String verdict = runVerifier(export, audit.keys.publicKey);
            assertThat(verdict).endsWith("VALID\n").doesNotContain("INVALID");
            assertThat(verdict).contains("entries: index 0.." + (total - 1) + " (" + total + ")");
        }
    }

    /** The ledger's consumer group as Kafka sees it: instance name -> partitions of this test's topics it holds. */
    private static Map<String, List<TopicPartition>> ledgerPartitions(String prefix) throws Exception {
        try (Admin admin = admin()) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
            Map<String, List<TopicPartition>> held = new TreeMap<>();
            for (MemberDescription member : group.members()) {
                List<TopicPartition> ours = member.assignment().topicPartitions().stream()
                        .filter(partition -> partition.topic().startsWith(prefix)).toList();
                String instance = member.clientId().replaceFirst("-(kafka-consumer-)?ledger.*$", "");
                if (!ours.isEmpty() || instance.equals("first") || instance.equals("second")) {
                    held.put(instance, ours);
                }
            }
            return held;
        }
    }

    private static int partitionCount(String prefix) throws Exception {
        try (Admin admin = admin()) {
            return admin.describeTopics(TOPICS.stream().map(topic -> prefix + topic).toList()).allTopicNames().get()
                    .values().stream().mapToInt(topic -> topic.partitions().size()).sum();
        }
    }

    private static Admin admin() {
        return Admin.create(TopicProbe.adminClientProperties());
    }

    private static long checkpointsSignedSince(Connection db, Instant since) throws SQLException {
        try (var query = db.prepareStatement("select count(*) from ledger_checkpoint where signed_at > ?")) {
            query.setTimestamp(1, Timestamp.from(since));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static long latestCheckpointSize(Connection db) throws SQLException {
        try (Statement sql = db.createStatement();
                ResultSet row = sql.executeQuery("select size from ledger_checkpoint order by seq desc limit 1")) {
            return row.next() ? row.getLong(1) : -1;
        }
    }

    /** Runs the packaged standalone verifier as an auditor would and returns what it printed. */
    private static String runVerifier(byte[] export, Path publicKey) throws IOException, InterruptedException {
        Path repoRoot = Path.of(System.getenv().getOrDefault("EER_REPO_ROOT", "..")).toAbsolutePath().normalize();
        Path jar = repoRoot.resolve("audit-verifier/target/eer-audit-verifier.jar");
        assertThat(jar).exists();
        Path file = Files.write(Files.createTempFile("export", ".ndjson"), export);
        try {
            Process verifier = new ProcessBuilder("java", "-jar", jar.toString(), "--export", file.toString(),
                    "--public-key", publicKey.toString(), "--key-id", CheckpointKeyFiles.KEY_ID)
                    .redirectErrorStream(true).start();
            String output = new String(verifier.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(verifier.waitFor()).as(output).isZero();
            return output;
        } finally {
            Files.delete(file);
        }
    }
}
