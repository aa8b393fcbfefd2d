package io.eer.expiry.resilience;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.AccessGranted;
import io.eer.support.inbox.EventConsumer;
import io.eer.support.testing.MetricsScrape;
import io.eer.support.testing.PostgresBehindProxy;
import io.eer.support.testing.ServiceDatabase;
import io.eer.support.testing.TcpProxy;
import io.eer.support.testing.TestTokens;
import io.eer.support.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Batch consumption (service-support's {@code EventConsumer.consumeBatch}) on expiry-service's {@code grants} channel,
 * against the real broker and a real database the test takes away ({@link PostgresBehindProxy}): one poll's records
 * in one transaction, each event handled once, in order, a poison record dead-lettered alone. The records of one
 * case are sent in one produce request (one key, a long linger), so the broker hands them to one poll.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresBehindProxy.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "eer_expiry"))
class BatchConsumptionTest {

    private static final String GRANTS = "test-expiry.eer.grants";
    private static final String DEAD_LETTERS = "test-expiry.eer.dlq.expiry";
    private static final String AUDITOR = TestTokens.employee("erin", "auditors");
    private static final Duration ASYNC = Duration.ofSeconds(60);
    private static TopicProbe deadLetters;
    private static KafkaProducer<String, String> together;
    private static Connection reader;

    @Inject
    EventConsumer consumer;

    @BeforeAll
    static void clients() {
        deadLetters = new TopicProbe(DEAD_LETTERS);
        Properties props = TopicProbe.adminClientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "300"); // one produce request per case: one poll, one batch
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        together = new KafkaProducer<>(props);
    }

    @AfterAll
    static void close() {
        if (deadLetters != null) {
            deadLetters.close();
        }
        if (together != null) {
            together.close();
        }
        try {
            if (reader != null) {
                reader.close();
            }
        } catch (SQLException e) {
            // closing at the end only
        }
    }

    @AfterEach
    void restore() {
        proxy().restore();
        consumer.batching(true);
    }

    @Test
    void batch_withAPoisonRecordInTheMiddle_deadLettersOnlyIt_andHandlesTheOthersOnceInOrder() throws SQLException {
        String key = "req-" + newId();
        List<String> good = List.of(newId(), newId(), newId(), newId());
        String poison = "poison grant " + newId(); // passes the schema; the domain refuses a grant id with spaces
        double fallbacksBefore = batches("one-at-a-time");

        sendTogether(key, List.of(
                encoded(granted(good.get(0))), encoded(granted(good.get(1))), encoded(granted(poison)),
                "{\"not\":\"a cloud event\"}",
                encoded(granted(good.get(2))), encoded(granted(good.get(3)))));

        good.forEach(grantId -> awaitStatus(grantId, "PENDING"));
        // the poison record and the garbage, nothing else
        List<ConsumerRecord<String, String>> dead = await().atMost(ASYNC).until(() -> deadLettersKeyed(key),
                list -> list.size() >= 2);
        assertThat(dead).hasSize(2);
        assertThat(dead).filteredOn(r -> r.value().contains(poison)).hasSize(1);
        // handled once each and in the order sent: one event per grant, ids rising in that order
        assertThat(aggregatesInStoreOrder(good)).containsExactlyElementsOf(good);
        assertThat(rows("select count(*) from domain_event where aggregate_id = ?", poison)).isZero();
        // the handler's failure rolled the batch back and its records went one at a time
        assertThat(batches("one-at-a-time")).isGreaterThan(fallbacksBefore);
    }

    @Test
    void batch_thatDiesBeforeItsCommit_isHandledWholeAgain_andARedeliveryAfterTheCommitChangesNothing()
            throws Exception {
        String key = "req-" + newId();
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(envelope(granted(newId())));
        }
        List<String> grantIds = events.stream().map(e -> ((AccessGranted) e.data()).grantId()).toList();
        double wholeBefore = batches("whole");

        try (Connection holder = ServiceDatabase.connect()) {
            // another transaction holds the inbox row of the 4th event: the batch stops there, after three handlers
            holder.setAutoCommit(false);
            update(holder, "insert into processed_event (event_id, handled_at) values (?, now())", events.get(3).id());
            sendTogether(key, events.stream().map(EventCodec::encodeToString).toList());
            await().atMost(ASYNC).until(() -> rows("select count(*) from pg_stat_activity where datname = 'eer_expiry'"
                    + " and wait_event_type = 'Lock' and query like 'insert into processed_event%'") == 1);
            assertThat(rows("select count(*) from domain_event where aggregate_id = ?", grantIds.get(0)))
                    .as("nothing committed yet").isZero();
            // the process's connection dies mid-batch (as in a crash): nothing of the three handled is kept
            proxy().cut();
            holder.rollback();
        }
        await().atMost(ASYNC).until(() -> proxy().refused() > 0);
        proxy().restore();

        grantIds.forEach(grantId -> awaitStatus(grantId, "PENDING"));
        assertThat(aggregatesInStoreOrder(grantIds)).containsExactlyElementsOf(grantIds);
        assertThat(batches("whole")).isGreaterThan(wholeBefore);

        // committed, then delivered again (a crash between commit and ack), mixed with a new event: only that one acts
        EventEnvelope fresh = envelope(granted(newId()));
        List<String> again = new ArrayList<>(events.stream().map(EventCodec::encodeToString).toList());
        again.add(EventCodec.encodeToString(fresh));
        sendTogether(key, again);
        awaitStatus(((AccessGranted) fresh.data()).grantId(), "PENDING");
        List<String> all = new ArrayList<>(grantIds);
        all.add(((AccessGranted) fresh.data()).grantId());
        assertThat(aggregatesInStoreOrder(all)).containsExactlyElementsOf(all);
        assertThat(deadLettersKeyed(key)).isEmpty();
    }

    @Test
    void batch_duringADatabaseOutage_waits_andIsHandledWholeOnceTheDatabaseIsBack() throws SQLException {
        String key = "req-" + newId();
        List<String> grantIds = Stream.generate(BatchConsumptionTest::newId).limit(6).toList();
        double wholeBefore = batches("whole");
        int refusedBefore = proxy().refused();
        proxy().cut();

        sendTogether(key, grantIds.stream().map(id -> encoded(granted(id))).toList());

        await().atMost(ASYNC).until(() -> proxy().refused() >= refusedBefore + 10);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> deadLettersKeyed(key).isEmpty());
        proxy().restore();

        grantIds.forEach(grantId -> awaitStatus(grantId, "PENDING"));
        assertThat(aggregatesInStoreOrder(grantIds)).containsExactlyElementsOf(grantIds);
        assertThat(batches("whole")).isGreaterThan(wholeBefore);
        assertThat(deadLettersKeyed(key)).isEmpty();
    }

    /**
     * A benchmark, not a timing test: CPU per consumed {@code AccessGranted} with batch mode off, then on, same
     * process, back to back; prints the figures and asserts only that every event was handled once.
     * {@code -Deer.bench.consumer-events=2000} for a real figure (default 100, to keep the suite short).
     */
    @Test
    void cpuPerConsumedEvent_batchOffThenOn() throws Exception {
        int events = Integer.getInteger("eer.bench.consumer-events", 100);
        cpuPerEvent(false, 30); // warm-up of both paths
        cpuPerEvent(true, 30);
        double off = cpuPerEvent(false, events);
        double on = cpuPerEvent(true, events);
        System.out.printf("BENCH consumer CPU per event (expiry grants, %d events): batch off %.2f ms, on %.2f ms"
                + " (JVM incl. test client and proxy, plus PostgreSQL, CPU at rest subtracted); load average %.2f;"
                + " %d cores%n", events, off,
                on, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
    }

    // ---- helpers

    /**
     * Pushes {@code count} grants (distinct keys) through the consumer; answers CPU ms per event, the CPU the same
     * processes use at rest (pollers, gauges, measured for 5 s before) subtracted for the time it took.
     */
    private double cpuPerEvent(boolean batch, int count) throws Exception {
        consumer.batching(batch);
        String run = "bench-" + newId() + "-";
        long idleJvm0 = processCpuNanos();
        long idlePg0 = postgresCpuTicks();
        long idleStart = System.nanoTime();
        await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).until(() -> true); // at rest
        double idleMsPerSecond = ((processCpuNanos() - idleJvm0) / 1e6 + (postgresCpuTicks() - idlePg0) * 10.0)
                / ((System.nanoTime() - idleStart) / 1e9);
        double batches0 = metric("eer_consumer_batch_records_count");
        double records0 = metric("eer_consumer_batch_records_sum");
        long start = System.nanoTime();
        long jvm0 = processCpuNanos();
        long pg0 = postgresCpuTicks();
        for (int i = 0; i < count; i++) {
            String grantId = run + i;
            EventEnvelope event = envelope(grantedTo(grantId, "req-" + grantId));
            together.send(new ProducerRecord<>(GRANTS, event.subject(), EventCodec.encodeToString(event)));
        }
        together.flush();
        await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> rows("select count(*) from domain_event where aggregate_id like ?", run + "%") >= count);
        long jvmMs = (processCpuNanos() - jvm0) / 1_000_000;
        long pgMs = (postgresCpuTicks() - pg0) * 10; // USER_HZ 100
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(rows("select count(*) from domain_event where aggregate_id like ?", run + "%")).isEqualTo(count);
        double net = (jvmMs + pgMs - idleMsPerSecond * seconds) / count;
        double batches = metric("eer_consumer_batch_records_count") - batches0;
        System.out.printf("BENCH batch %s: %d events in %.1f s, JVM %d ms CPU, PostgreSQL %d ms CPU: %.2f ms per event;"
                + " at rest %.0f ms CPU/s, subtracted: %.2f ms per event; %.0f batches, %.1f records each%n",
                batch ? "on" : "off", count, seconds, jvmMs, pgMs, (jvmMs + pgMs) / (double) count, idleMsPerSecond,
                net, batches, batches == 0 ? 0 : (metric("eer_consumer_batch_records_sum") - records0) / batches);
        return net;
    }

    private static double metric(String name) {
        return MetricsScrape.sample(name).orElse(0.0);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * CPU ticks of the test PostgreSQL: the postmaster (with its exited children) and every live backend. 0 where
     * /proc is not readable (then the figure is the JVM's alone).
     */
    private static long postgresCpuTicks() {
        try (PreparedStatement statement = reader().prepareStatement("select pg_backend_pid()");
                ResultSet result = statement.executeQuery()) {
            result.next();
            String postmaster = stat(String.valueOf(result.getInt(1)))[3];
            String[] own = stat(postmaster);
            long ticks = Long.parseLong(own[13]) + Long.parseLong(own[14]) + Long.parseLong(own[15])
                    + Long.parseLong(own[16]);
            try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
                for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    String[] fields = stat(process.getFileName().toString());
                    if (fields != null && postmaster.equals(fields[3])) {
                        ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
                    }
                }
            }
            return ticks;
        } catch (Exception e) {
            return 0;
        }
    }

    /** The fields of /proc/PID/stat after the command name (index 3 = ppid, 13/14 = utime/stime). */
    private static String[] stat(String pid) {
        try {
            String text = Files.readString(Path.of("/proc", pid, "stat"), StandardCharsets.UTF_8);
            String rest = text.substring(text.lastIndexOf(')') + 2);
            String[] after = rest.split(" ");
            String[] fields = new String[after.length + 2];
            fields[0] = pid;
            fields[1] = "comm";
            System.arraycopy(after, 0, fields, 2, after.length);
            return fields;
        } catch (Exception e) {
            return null; // gone meanwhile
        }
    }

    private static TcpProxy proxy() {
        return PostgresBehindProxy.proxy();
    }

    private static void sendTogether(String key, List<String> values) {
        try {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (String value : values) {
                ProducerRecord<String, String> record = new ProducerRecord<>(GRANTS, key, value);
                record.headers().add("content-type", EventEnvelope.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
                sent.add(together.send(record));
            }
            together.flush();
            for (java.util.concurrent.Future<?> one : sent) {
                one.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + GRANTS, e);
        }
    }

    /** eer_consumer_batches_total{outcome}: batches committed whole, or fallen back to one record at a time. */
    private static double batches(String outcome) {
        String text = given().auth().oauth2(MetricsScrape.SCRAPER).get("/q/metrics").then().statusCode(200)
                .extract().asString();
        Matcher sample = Pattern.compile("(?m)^eer_consumer_batches_total\\{[^}]*outcome=\"" + Pattern.quote(outcome)
                + "\"[^}]*} ([-+0-9.eE]+)$").matcher(text);
        return sample.find() ? Double.parseDouble(sample.group(1)) : 0;
    }

    /** The aggregates among {@code grantIds} in the order their first event was stored; each must appear once. */
    private static List<String> aggregatesInStoreOrder(List<String> grantIds) throws SQLException {
        Connection connection = reader();
        try (PreparedStatement statement = connection.prepareStatement(
                "select aggregate_id from domain_event where aggregate_id = any (?) order by id")) {
            statement.setArray(1, connection.createArrayOf("text", grantIds.toArray()));
            List<String> found = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    found.add(result.getString(1));
                }
            }
            return found;
        }
    }

    private static long rows(String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = reader().prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static void update(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            statement.executeUpdate();
        }
    }

    /** One connection for the test's reads (a new one per poll would cost a SCRAM handshake each, and CPU). */
    private static synchronized Connection reader() throws SQLException {
        if (reader == null || reader.isClosed()) {
            reader = ServiceDatabase.connect();
        }
        return reader;
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private static AccessGranted granted(String grantId) {
        return grantedTo(grantId, "req-" + newId());
    }

    private static AccessGranted grantedTo(String grantId, String requestId) {
        Instant grantedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new AccessGranted(grantId, requestId, "carol", "payments-db", "db_admin", "postgres", "eer_carol",
                grantedAt, grantedAt.plusSeconds(3600));
    }

    private static EventEnvelope envelope(AccessGranted data) {
        return EventEnvelope.of(newId(), "/eer/grant-service", Instant.now(), data);
    }

    private static String encoded(AccessGranted data) {
        return EventCodec.encodeToString(envelope(data));
    }

    private static void awaitStatus(String grantId, String status) {
        await().atMost(ASYNC).untilAsserted(() -> given().auth().oauth2(AUDITOR).get("/v1/timers/" + grantId)
                .then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo(status)));
    }

    private static List<ConsumerRecord<String, String>> deadLettersKeyed(String key) {
        return deadLetters.records().stream().filter(r -> key.equals(r.key())).toList();
    }
}
