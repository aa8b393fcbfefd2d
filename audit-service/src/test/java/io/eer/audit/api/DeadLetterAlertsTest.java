package io.eer.audit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * Every record on another service's dead-letter topic raises one {@code dead-letter} alert (CRITICAL) naming the
 * service, the original coordinates and the kind of failure from SmallRye's headers, never the record's content.
 */
@QuarkusTest
class DeadLetterAlertsTest {

    private static List<JsonNode> deadLetterAlerts(String requestId) {
        return Ledger.lines(0, 100000).stream()
                .filter(line -> line.at("/event/type").asText().equals("io.eer.AlertRaised.v1"))
                .filter(line -> line.at("/event/data/rule").asText().equals("dead-letter"))
                .filter(line -> line.at("/event/data/requestId").asText().equals(requestId))
                .toList();
    }

    /** Publishes a dead letter as SmallRye's dead-letter-queue strategy writes it; returns where it landed. */
    private static String deadLetter(String topic, String key, String value, String originalTopic, long offset)
            throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        record.headers().add("dead-letter-reason", ("could not decode " + value).getBytes(StandardCharsets.UTF_8));
        record.headers().add("dead-letter-exception-class-name",
                "io.eer.contracts.MalformedEventException".getBytes(StandardCharsets.UTF_8));
        record.headers().add("dead-letter-cause-class-name",
                "com.fasterxml.jackson.core.JsonParseException".getBytes(StandardCharsets.UTF_8));
        record.headers().add("dead-letter-topic", originalTopic.getBytes(StandardCharsets.UTF_8));
        record.headers().add("dead-letter-partition", "0".getBytes(StandardCharsets.UTF_8));
        record.headers().add("dead-letter-offset", Long.toString(offset).getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<String, String> producer = Ledger.producer()) {
            RecordMetadata sent = producer.send(record).get();
            return sent.topic() + "/" + sent.partition() + "@" + sent.offset();
        }
    }

    @Test
    void everyDeadLetterOfAnotherService_raisesOneAlert_withItsCoordinatesAndFailureKind_neverItsContent()
            throws Exception {
        String requestId = "dlq-" + UUID.randomUUID();
        String secret = "password=hunter2-" + UUID.randomUUID();
        String grantAt = deadLetter("test-audit.eer.dlq.grant", requestId, "{\"note\":\"" + secret + "\"}",
                "test-audit.eer.approvals", 42);
        String expiryAt = deadLetter("test-audit.eer.dlq.expiry", requestId, secret, "test-audit.eer.grants", 7);

        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterAlerts(requestId).size() == 2);
        List<JsonNode> alerts = deadLetterAlerts(requestId);
        assertThat(alerts).allSatisfy(line -> {
            assertThat(line.at("/event/data/severity").asText()).isEqualTo("CRITICAL");
            assertThat(line.toString()).doesNotContain("hunter2").doesNotContain("could not decode");
        });
        assertThat(alerts).extracting(line -> line.at("/event/data/trigger").asText()).containsExactlyInAnyOrder(
                "kafka:" + grantAt, "kafka:" + expiryAt);
        JsonNode grant = alerts.stream().filter(line -> line.at("/event/data/detail").asText()
                .startsWith("grant-service")).findFirst().orElseThrow();
        assertThat(grant.at("/event/data/detail").asText()).contains("test-audit.eer.approvals/0@42")
                .contains("io.eer.contracts.MalformedEventException")
                .contains("com.fasterxml.jackson.core.JsonParseException");

        // a record without a usable key still raises its alert, under "unknown"; the alerts stay one per record
        String odd = "dlq-odd-" + UUID.randomUUID();
        String oddAt = deadLetter("test-audit.eer.dlq.review", "not a plain key " + odd, "x",
                "test-audit.eer.reviews", 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterAlerts("unknown").stream().anyMatch(line ->
                line.at("/event/data/trigger").asText().equals("kafka:" + oddAt)));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> deadLetterAlerts(requestId).size() == 2);
    }
}
