package io.eer.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.eer.support.testing.TopicProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * {@code ./eer dlq list|replay} against the Kafka of {@code ./eer test} (its run directory, {@code EER_INFRA_DIR}):
 * dead letters shaped as SmallRye writes them (original record + {@code dead-letter-*} headers) on a dead-letter
 * topic of their own, so the services' topics are not touched.
 */
class DeadLetterReplayTest {

    private static final String PAYLOAD_SECRET = "do-not-print-me";

    @Test
    void list_showsTheDeadLettersWithoutPayload_replay_republishesThemUnchangedOnce() throws Exception {
        String service = "check" + UUID.randomUUID().toString().substring(0, 8);
        String dlq = "eer.dlq." + service;
        String original = "test-dlqcheck-" + service + ".eer.approvals";
        byte[] first = event("ev-1-" + service);
        byte[] second = event("ev-2-" + service);
        deadLetter(dlq, original, "req-1", first, "boom\nsecond line");
        deadLetter(dlq, original, "req-2", second, "bad");

        String listed = eer("list", service);
        assertThat(listed).contains("ev-1-" + service, "ev-2-" + service, "io.eer.Approved.v1", original + "/2/17",
                "java.lang.IllegalStateException: boom?second line", "not-replayed", "2 dead letter(s) on " + dlq)
                .doesNotContain(PAYLOAD_SECRET);

        assertThat(eer("replay", service)).contains("2 dead letter(s) replayed from " + dlq);
        List<ConsumerRecord<byte[], byte[]>> copies = readAll(original, 2);
        assertThat(copies).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsExactly("req-1", "req-2");
        assertThat(copies.get(0).value()).isEqualTo(first);
        assertThat(copies.get(1).value()).isEqualTo(second);
        for (ConsumerRecord<byte[], byte[]> copy : copies) {
            assertThat(new String(copy.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                    .isEqualTo("application/cloudevents+json");
            assertThat(copy.headers()).extracting(Header::key).noneMatch(key -> key.startsWith("dead-letter-"));
        }

        // remembered: nothing again, and a new dead letter alone the next time
        assertThat(eer("replay", service)).contains("0 dead letter(s) replayed");
        assertThat(eer("list", service)).contains("replayed").doesNotContain("not-replayed");
        deadLetter(dlq, original, "req-3", event("ev-3-" + service), "later");
        assertThat(eer("replay", service)).contains("replayed 0/2").contains("1 dead letter(s) replayed");
        assertThat(readAll(original, 3)).hasSize(3);
    }

    private static byte[] event(String id) {
        return ("{\"specversion\":\"1.0\",\"data\":{\"id\":\"nested-not-this\",\"note\":\"" + PAYLOAD_SECRET + "\"},"
                + "\"id\":\"" + id + "\",\"source\":\"/eer/approval-service\",\"type\":\"io.eer.Approved.v1\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** As SmallRye's dead-letter queue writes it: same key and value, original headers, dead-letter-* headers. */
    private static void deadLetter(String dlq, String original, String key, byte[] value, String reason) throws Exception {
        Properties props = TopicProbe.adminClientProperties();
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            // one partition, so the order of the dead letters is the order of the copies
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(dlq, 0, key.getBytes(StandardCharsets.UTF_8), value);
            record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
            record.headers().add("dead-letter-topic", original.getBytes(StandardCharsets.UTF_8));
            record.headers().add("dead-letter-partition", "2".getBytes(StandardCharsets.UTF_8));
            record.headers().add("dead-letter-offset", "17".getBytes(StandardCharsets.UTF_8));
            record.headers().add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
            record.headers().add("dead-letter-exception-class-name", "java.lang.IllegalStateException".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
        Properties props = TopicProbe.adminClientProperties();
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(all::add);
            }
            assertThat(all).hasSize(expected);
            all.sort((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
                    : Long.compare(a.offset(), b.offset()));
            return all;
        }
    }

    /** Runs {@code ./eer dlq ACTION SERVICE --run $EER_INFRA_DIR} and returns its output (it must succeed). */
    private static String eer(String action, String service) throws IOException, InterruptedException {
        Path root = Path.of(System.getenv().getOrDefault("EER_REPO_ROOT", "..")).toAbsolutePath().normalize();
        String run = System.getenv("EER_INFRA_DIR");
        assertThat(run).as("EER_INFRA_DIR (./eer test exports it)").isNotBlank();
        Process process = new ProcessBuilder(root.resolve("eer").toString(), "dlq", action, service, "--run", run)
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }
}
