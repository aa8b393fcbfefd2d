package io.eer.support.testing;

import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A plain Kafka client for tests: reads what a service published to a real topic, and publishes events to it
 * as another service would. Connects as the bus's super user {@code admin} (SCRAM-SHA-512, password from
 * {@code EER_KAFKA_PASSWORD_ADMIN}, which {@code ./eer test} exports), so it may read and write any topic.
 */
public final class TopicProbe implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final KafkaProducer<String, String> producer;
    private final List<ConsumerRecord<String, String>> seen = new CopyOnWriteArrayList<>();

    public TopicProbe(String... topics) {
        Properties props = adminClientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(props);
        consumer.subscribe(List.of(topics));
        Properties producerProps = adminClientProperties();
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(producerProps);
    }

    public static String bootstrap() {
        return System.getenv().getOrDefault("EER_KAFKA_BOOTSTRAP", "127.0.0.1:39092");
    }

    /** Bootstrap and SASL settings of the super user {@code admin}: the base of every test's own Kafka client. */
    public static Properties adminClientProperties() {
        return clientProperties("admin", password("admin"));
    }

    /** Bootstrap and SASL settings of {@code principal} with the password {@code ./eer test} exports for it. */
    public static Properties clientProperties(String principal) {
        return clientProperties(principal, password(principal));
    }

    /** Bootstrap and SASL/SCRAM-SHA-512 settings for any user name and password (e.g. a wrong one, in a test). */
    public static Properties clientProperties(String user, String password) {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        props.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
        props.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + user + "\" password=\"" + password + "\";");
        return props;
    }

    /** {@code EER_KAFKA_PASSWORD_<PRINCIPAL>} (e.g. EER_KAFKA_PASSWORD_GRANT_SERVICE), as {@code ./eer test} exports it. */
    public static String password(String principal) {
        String variable = "EER_KAFKA_PASSWORD_" + principal.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(variable + " is not set: run the tests with ./eer test (or source <run-dir>/infra.env)");
        }
        return value;
    }

    /** Polls once more and returns every event seen so far on the subscribed topics, decoded. */
    public synchronized List<EventEnvelope> events() {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        return seen.stream().map(record -> EventCodec.decode(record.value())).toList();
    }

    public synchronized List<ConsumerRecord<String, String>> records() {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        return List.copyOf(seen);
    }

    /**
     * Publishes {@code envelope} keyed by its subject with the structured-mode content type, exactly as the outbox
     * relay does, and waits for the ack.
     */
    public void publish(String topic, EventEnvelope envelope) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, envelope.subject(), EventCodec.encodeToString(envelope));
        record.headers().add("content-type", EventEnvelope.CONTENT_TYPE.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        send(record);
    }

    public void publishRaw(String topic, String key, String value) {
        send(new ProducerRecord<>(topic, key, value));
    }

    private void send(ProducerRecord<String, String> record) {
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + record.topic(), e);
        }
    }

    @Override
    public void close() {
        consumer.close();
        producer.close();
    }
}
