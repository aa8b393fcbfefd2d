package io.eer.local;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code ./eer dlq list|replay SERVICE}: the dead letters of {@code eer.dlq.<service>}, as the super user admin.
 *
 * <pre>java -cp ... io.eer.local.DeadLetters list|replay &lt;service&gt; &lt;bootstrap&gt;</pre>
 *
 * {@code list} prints one line per dead letter (partition/offset, time, the original topic/partition/offset and
 * the failure from SmallRye's {@code dead-letter-*} headers, the CloudEvent id and type) and never the payload.
 * {@code replay} publishes each dead letter not replayed before to its original topic ({@code dead-letter-topic})
 * unchanged: the same key, the same value bytes, the original headers (content-type) without the dead-letter ones.
 * What it has replayed is the committed offset of the consumer group {@code eer-dlq-replay-<service>}, committed
 * only after the broker acknowledged the copies, so a second replay sends nothing new. Consumers de-duplicate by
 * event id, so a copy that a crash made the tool send twice changes nothing either.
 */
public final class DeadLetters {

    static final String TOPIC_HEADER = "dead-letter-topic";
    private static final Pattern SERVICE = Pattern.compile("[a-z][a-z0-9-]{0,40}");
    private static final Duration POLL = Duration.ofMillis(500);

    private DeadLetters() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3 || !(args[0].equals("list") || args[0].equals("replay"))) {
            System.err.println("usage: DeadLetters list|replay <service> <bootstrap>");
            System.exit(64);
        }
        String service = shortName(args[1]);
        String topic = "eer.dlq." + service;
        String group = "eer-dlq-replay-" + service;
        if (args[0].equals("list")) {
            list(args[2], topic, group);
        } else {
            replay(args[2], topic, group);
        }
    }

    /** request, request-service -> request */
    static String shortName(String service) {
        String name = service.toLowerCase(Locale.ROOT);
        name = name.endsWith("-service") ? name.substring(0, name.length() - "-service".length()) : name;
        if (!SERVICE.matcher(name).matches()) {
            throw new IllegalArgumentException("not a service name: " + service);
        }
        return name;
    }

    private static void list(String bootstrap, String topic, String group) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, group)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            Map<TopicPartition, OffsetAndMetadata> replayed = consumer.committed(Set.copyOf(partitions));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            int count = 0;
            System.out.printf("%-16s %-24s %-40s %-36s %-32s %s%n", "partition/offset", "time", "original topic/partition/offset",
                    "event id", "type", "replayed / reason");
            for (ConsumerRecord<byte[], byte[]> r : readToEnd(consumer, partitions)) {
                OffsetAndMetadata done = replayed.get(new TopicPartition(r.topic(), r.partition()));
                boolean wasReplayed = done != null && r.offset() < done.offset();
                String original = header(r.headers(), TOPIC_HEADER) + "/" + header(r.headers(), "dead-letter-partition") + "/"
                        + header(r.headers(), "dead-letter-offset");
                Map<String, String> event = topLevelStrings(r.value());
                System.out.printf("%-16s %-24s %-40s %-36s %-32s %s %s%n", r.partition() + "/" + r.offset(),
                        Instant.ofEpochMilli(r.timestamp()), original, printable(event.getOrDefault("id", "-"), 36),
                        printable(event.getOrDefault("type", "-"), 60), wasReplayed ? "replayed" : "not-replayed",
                        printable(reason(r.headers()), 300));
                count++;
            }
            System.out.printf("%d dead letter(s) on %s%n", count, topic);
        }
    }

    private static void replay(String bootstrap, String topic, String group) throws Exception {
        Properties producerProps = KafkaClients.as("admin", bootstrap);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, "eer-dlq-replay");
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        int sent = 0;
        int skipped = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, group);
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
            consumer.assign(partitions);
            for (TopicPartition p : partitions) {
                OffsetAndMetadata done = committed.get(p);
                if (done == null) {
                    consumer.seekToBeginning(List.of(p));
                } else {
                    consumer.seek(p, done.offset());
                }
            }
            for (ConsumerRecord<byte[], byte[]> r : readToEnd(consumer, partitions)) {
                String target = header(r.headers(), TOPIC_HEADER);
                if (target.equals("-")) {
                    // cannot be replayed, now or later: say so and move past it
                    System.out.printf("skipped %d/%d: no %s header%n", r.partition(), r.offset(), TOPIC_HEADER);
                    skipped++;
                } else {
                    Headers headers = new RecordHeaders();
                    for (Header h : r.headers()) {
                        if (!h.key().startsWith("dead-letter-")) {
                            headers.add(h.key(), h.value());
                        }
                    }
                    producer.send(new ProducerRecord<>(target, null, r.key(), r.value(), headers)).get();
                    Map<String, String> event = topLevelStrings(r.value());
                    System.out.printf("replayed %d/%d -> %s: %s %s%n", r.partition(), r.offset(), printable(target, 100),
                            printable(event.getOrDefault("id", "-"), 36), printable(event.getOrDefault("type", "-"), 60));
                    sent++;
                }
                // remember each one as soon as the broker has it: an interrupted replay resumes after it
                consumer.commitSync(Map.of(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1)));
            }
        }
        System.out.printf("%d dead letter(s) replayed from %s, %d skipped; group %s remembers them%n", sent, topic, skipped, group);
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, String group) {
        Properties props = KafkaClients.as("admin", bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "eer-dlq");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(props);
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        var infos = consumer.partitionsFor(topic, Duration.ofSeconds(15));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    }

    /** Everything from the current positions up to the end offsets as they were when we started. */
    private static List<ConsumerRecord<byte[], byte[]>> readToEnd(KafkaConsumer<byte[], byte[]> consumer,
            List<TopicPartition> partitions) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        Instant deadline = Instant.now().plusSeconds(60);
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("timed out reading " + partitions);
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                    out.add(r);
                }
            }
        }
        out.sort((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
                : Long.compare(a.offset(), b.offset()));
        return out;
    }

    private static String reason(Headers headers) {
        String reason = header(headers, "dead-letter-reason");
        String exception = header(headers, "dead-letter-exception-class-name");
        return exception.equals("-") ? reason : exception + ": " + reason;
    }

    private static String header(Headers headers, String key) {
        Header h = headers.lastHeader(key);
        return h == null || h.value() == null ? "-" : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** One line, no control characters (a dead letter's reason or id is not trusted), at most {@code max} chars. */
    static String printable(String s, int max) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) || c == 0x2028 || c == 0x2029 ? '?' : c));
        return out.length() > max ? out.substring(0, max) + "..." : out.toString();
    }

    /**
     * The top-level string members of a JSON object (enough for a CloudEvent's id and type without a JSON library on
     * the tools' class path); nested objects and arrays are skipped. Returns what it could read of malformed input.
     */
    static Map<String, String> topLevelStrings(byte[] value) {
        Map<String, String> out = new HashMap<>();
        if (value == null) {
            return out;
        }
        String s = new String(value, StandardCharsets.UTF_8);
        int[] pos = {skipWs(s, 0)};
        if (pos[0] >= s.length() || s.charAt(pos[0]) != '{') {
            return out;
        }
        pos[0]++;
        try {
            while (true) {
                pos[0] = skipWs(s, pos[0]);
                if (pos[0] >= s.length() || s.charAt(pos[0]) == '}') {
                    return out;
                }
                if (s.charAt(pos[0]) == ',') {
                    pos[0]++;
                    continue;
                }
                String key = string(s, pos);
                pos[0] = skipWs(s, pos[0]);
                if (s.charAt(pos[0]) != ':') {
                    return out;
                }
                pos[0] = skipWs(s, pos[0] + 1);
                char c = s.charAt(pos[0]);
                if (c == '"') {
                    out.putIfAbsent(key, string(s, pos));
                } else {
                    skipValue(s, pos);
                }
            }
        } catch (RuntimeException malformed) {
            return out;
        }
    }

    private static int skipWs(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String string(String s, int[] pos) {
        if (s.charAt(pos[0]) != '"') {
            throw new IllegalArgumentException("expected a string");
        }
        StringBuilder b = new StringBuilder();
        int i = pos[0] + 1;
        while (s.charAt(i) != '"') {
            char c = s.charAt(i);
            if (c == '\\') {
                char e = s.charAt(i + 1);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                        i += 4;
                    }
                    default -> b.append(e);
                }
                i += 2;
            } else {
                b.append(c);
                i++;
            }
        }
        pos[0] = i + 1;
        return b.toString();
    }

    private static void skipValue(String s, int[] pos) {
        int depth = 0;
        int i = pos[0];
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') {
                pos[0] = i;
                string(s, pos);
                i = pos[0];
                if (depth == 0) {
                    return;
                }
                continue;
            }
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    pos[0] = i;
                    return;
                }
                depth--;
                if (depth == 0) {
                    pos[0] = i + 1;
                    return;
                }
            } else if (depth == 0 && c == ',') {
                pos[0] = i;
                return;
            }
            i++;
        }
        pos[0] = i;
    }
}
