package io.eer.audit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * What one ledger entry costs audit-service and PostgreSQL (issue #12): prints figures, asserts no timing. Two loads:
 * a <em>trickle</em> (a few events, wait until appended, again: what a lightly loaded stack sends, one small poll per
 * append) and a <em>burst</em> (thousands at once: full polls). For each: this JVM's process CPU (the service runs
 * in it; the test's own Kafka producer is a small share) per entry, less the idle rate measured first; the service's
 * PostgreSQL backends' CPU ({@code /proc}); {@code pg_stat_database} transactions and rows per entry; and, in a second
 * pass with {@code org.hibernate.SQL} debug on, SQL statements per entry by table. It asserts what must hold whatever
 * the speed: every event appended once. Run alone with {@code -Dtest=LedgerIngestCostTest}; add
 * {@code -DargLine=-XX:StartFlightRecording=filename=...} for a JFR profile.
 */
@QuarkusTest
@TestProfile(FreshLedgerDatabase.QuickRetries.class)
class LedgerIngestCostTest {

    // small in ./eer test (it asserts only that every event is appended once); the figures in docs/audit-service.md
    // come from -Deer.cost.warm-up=2000 -Deer.cost.trickle-rounds=150 -Deer.cost.burst=3000
    static final int WARM_UP = Integer.getInteger("eer.cost.warm-up", 300);
    static final int TRICKLE_ROUNDS = Integer.getInteger("eer.cost.trickle-rounds", 30);
    static final int TRICKLE_SIZE = 2;
    static final int BURST = Integer.getInteger("eer.cost.burst", 600);
    static final Duration IDLE = Duration.ofSeconds(5);

    @Inject
    AppendedEntries appended;

    private final Map<String, Long> sequences = new ConcurrentHashMap<>();
    // one topic per producer, and the producer as the Kafka key (one partition each): its sequence numbers arrive
    // in order, so no gap opens and no ledger-gap alert adds entries of its own
    private final List<String> topics = List.of("eer.requests", "eer.approvals", "eer.grants", "eer.expiries",
            "eer.reviews").stream().map(FreshLedgerDatabase::topic).toList();
    private int sent;

    @Test
    void printsCpuAndStatementsPerEntry_everyEventAppendedOnce() throws Exception {
        long before = appended.entries();
        try (KafkaProducer<String, String> producer = Ledger.producer()) {
            burst(producer, WARM_UP);
            awaitProjectorCaughtUp();
            Sample idleStart = Sample.now();
            await().pollDelay(IDLE).atMost(IDLE.plusSeconds(5)).until(() -> true);
            Sample idle = Sample.now().minus(idleStart);

            Sample start = Sample.now();
            trickle(producer, TRICKLE_ROUNDS);
            Sample trickle = Sample.now().minus(start);
            awaitProjectorCaughtUp();
            start = Sample.now();
            burst(producer, BURST);
            Sample burst = Sample.now().minus(start);

            awaitProjectorCaughtUp();
            SqlCount sql = SqlCount.start();
            long entries0 = appended.entries();
            trickle(producer, 50);
            Map<String, Long> trickleSql = sql.stop();
            long trickleSqlEntries = appended.entries() - entries0;
            awaitProjectorCaughtUp();
            sql = SqlCount.start();
            entries0 = appended.entries();
            burst(producer, 1_000);
            Map<String, Long> burstSql = sql.stop();
            long burstSqlEntries = appended.entries() - entries0;

            System.out.printf("%n=== ledger ingest cost (LedgerIngestCostTest) ===%n");
            System.out.printf("idle rate: %.1f ms CPU/s service JVM, %.1f ms CPU/s its PostgreSQL backends, "
                    + "%.1f transactions/s%n", idle.cpuMs() / idle.seconds(), idle.pgCpuMs() / idle.seconds(),
                    idle.xacts() / idle.seconds());
            report("trickle (" + TRICKLE_SIZE + " at a time)", trickle, idle);
            report("burst (" + BURST + " at once)", burst, idle);
            printSql("trickle", trickleSql, trickleSqlEntries);
            printSql("burst", burstSql, burstSqlEntries);
            System.out.printf("=== end ===%n%n");
        }
        long expected = WARM_UP + (long) TRICKLE_ROUNDS * TRICKLE_SIZE + BURST + 50L * TRICKLE_SIZE + 1_000;
        assertThat(sent).isEqualTo(expected);
        // every event was fresh: each gets exactly one entry, none is lost or doubled, the ledger stays gap-free
        try (Connection db = Ledger.jdbc(); Statement query = db.createStatement();
                ResultSet rows = query.executeQuery("select count(*), count(distinct e.event_id), "
                        + "(select count(*) from ledger_entry), (select size from ledger_head), "
                        + "(select max(ledger_index) + 1 from ledger_entry) "
                        + "from ledger_entry e join ledger_subject s using (ledger_index) "
                        + "where s.type = 'io.eer.Cost.v1'")) {
            rows.next();
            assertThat(rows.getLong(1)).as("entries of the events sent").isEqualTo(expected);
            assertThat(rows.getLong(2)).as("distinct events").isEqualTo(expected);
            assertThat(rows.getLong(3)).as("ledger size").isEqualTo(rows.getLong(4)).isEqualTo(rows.getLong(5));
        }
        assertThat(appended.entries() - before).isGreaterThanOrEqualTo(expected);
    }

    /** Waits until the projector has applied every entry, so its catching up is not counted in the next phase. */
    private static void awaitProjectorCaughtUp() {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() -> {
            try (Connection db = Ledger.jdbc(); Statement query = db.createStatement();
                    ResultSet rows = query.executeQuery("select (select next_index from projection_position "
                            + "where name = 'projections') >= (select size from ledger_head)")) {
                rows.next();
                return rows.getBoolean(1);
            }
        });
    }

    private void report(String name, Sample load, Sample idle) {
        double perSecond = load.seconds() <= 0 ? 0 : load.entries() / load.seconds();
        double idleCpu = idle.cpuMs() / idle.seconds() * load.seconds();
        double idlePg = idle.pgCpuMs() / idle.seconds() * load.seconds();
        System.out.printf("%s: %d entries in %d append transactions, %.1f s, %.0f entries/s%n", name, load.entries(),
                load.appends(), load.seconds(), perSecond);
        System.out.printf("  service JVM CPU per entry: %.2f ms (%.2f ms less idle)%n", load.cpuMs() / load.entries(),
                (load.cpuMs() - idleCpu) / load.entries());
        System.out.printf("  PostgreSQL backends CPU per entry: %.2f ms (%.2f ms less idle)%n",
                load.pgCpuMs() / load.entries(), (load.pgCpuMs() - idlePg) / load.entries());
        System.out.printf("  per entry: %.2f transactions, %.2f rows inserted, %.2f updated, %.2f deleted, "
                + "%.2f fetched%n", load.xacts() / (double) load.entries(), load.inserted() / (double) load.entries(),
                load.updated() / (double) load.entries(), load.deleted() / (double) load.entries(),
                load.fetched() / (double) load.entries());
    }

    private static void printSql(String name, Map<String, Long> counts, long entries) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("SQL statements (%s, %d entries): %.2f per entry%n", name, entries,
                total / (double) Math.max(1, entries));
        counts.forEach((kind, count) -> System.out.printf("  %-40s %.3f per entry (%d)%n", kind,
                count / (double) Math.max(1, entries), count));
    }

    private void trickle(KafkaProducer<String, String> producer, int rounds) {
        for (int round = 0; round < rounds; round++) {
            long target = appended.entries() + TRICKLE_SIZE;
            for (int i = 0; i < TRICKLE_SIZE; i++) {
                send(producer);
            }
            producer.flush();
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(5))
                    .until(() -> appended.entries() >= target);
        }
    }

    private void burst(KafkaProducer<String, String> producer, int count) {
        long target = appended.entries() + count;
        for (int i = 0; i < count; i++) {
            send(producer);
        }
        producer.flush();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> appended.entries() >= target);
    }

    /** An event shaped like the services' (a CloudEvent with a producer sequence and a few hundred bytes of data). */
    private void send(KafkaProducer<String, String> producer) {
        String topic = topics.get(sent++ % topics.size());
        String source = Ledger.producerOf(topic);
        long sequence = sequences.merge(source, 1L, Long::sum);
        String subject = UUID.randomUUID().toString();
        String event = """
                {"specversion":"1.0","id":"%s","source":"%s","type":"io.eer.Cost.v1","subject":"%s",\
                "time":"2026-12-05T10:00:00.123456Z","sequence":"%d","datacontenttype":"application/json",\
                "data":{"requestId":"%s","requester":{"id":"carol","type":"CONTRACTOR","groups":["oncall-dba"]},\
                "system":"payments-db","role":"read-only","reason":"INC-4711: payments latency, checking locks",\
                "duration":"PT1H","mfa":{"method":"totp","verifiedAt":"2026-12-05T09:59:58Z"},"n":%d}}"""
                .formatted(UUID.randomUUID(), source, subject, sequence, subject, sent);
        producer.send(new ProducerRecord<>(topic, source, event));
    }

    /** Counts the SQL Hibernate sends (its {@code org.hibernate.SQL} debug log), by the table it names. */
    private static final class SqlCount extends Handler {

        private static final Logger SQL = Logger.getLogger("org.hibernate.SQL");
        private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
        private Level level;

        static SqlCount start() {
            SqlCount count = new SqlCount();
            count.level = SQL.getLevel();
            SQL.setUseParentHandlers(false);
            SQL.addHandler(count);
            SQL.setLevel(Level.FINE);
            return count;
        }

        Map<String, Long> stop() {
            SQL.setLevel(level);
            SQL.removeHandler(this);
            SQL.setUseParentHandlers(true);
            Map<String, Long> sorted = new TreeMap<>();
            counts.forEach((kind, count) -> sorted.put(kind, count.get()));
            return sorted;
        }

        @Override
        public void publish(LogRecord record) {
            String sql = String.valueOf(record.getMessage()).strip().toLowerCase();
            String verb = sql.split("\\s+", 2)[0];
            String table = "?";
            for (String name : List.of("ledger_head", "ledger_entry", "ledger_subject", "ledger_producer_sequence",
                    "sequence_gap", "projection_position", "proj_", "alert", "webhook", "ledger_checkpoint")) {
                if (sql.contains(name)) {
                    table = name;
                    break;
                }
            }
            counts.computeIfAbsent(verb + " " + table, key -> new AtomicLong()).incrementAndGet();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /**
     * Counters at one moment: this JVM's CPU, the CPU of the service's PostgreSQL backends, the database's
     * transaction and row counters, the ledger's appended entries.
     */
    private record Sample(long nanos, long cpuNanos, Map<Long, Long> pgTicks, long xacts, long inserted, long updated,
            long deleted, long fetched, long entries, long appends) {

        static Sample now() throws SQLException {
            // the statistics collector reports a backend's counters when it goes idle, at most once a second
            await().pollDelay(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(5)).until(() -> true);
            AppendedEntries appended = io.quarkus.arc.Arc.container().instance(AppendedEntries.class).get();
            long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            try (Connection db = Ledger.jdbc(); Statement sql = db.createStatement()) {
                sql.execute("select pg_stat_clear_snapshot()");
                Map<Long, Long> ticks = new java.util.HashMap<>();
                try (ResultSet rows = sql.executeQuery("select pid from pg_stat_activity "
                        + "where datname = current_database() and pid <> pg_backend_pid()")) {
                    while (rows.next()) {
                        ticks.put(rows.getLong(1), ticksOf(rows.getLong(1)));
                    }
                }
                try (ResultSet rows = sql.executeQuery("select xact_commit + xact_rollback, tup_inserted, "
                        + "tup_updated, tup_deleted, tup_fetched from pg_stat_database "
                        + "where datname = current_database()")) {
                    rows.next();
                    return new Sample(System.nanoTime(), cpu, ticks, rows.getLong(1), rows.getLong(2),
                            rows.getLong(3), rows.getLong(4), rows.getLong(5), appended.entries(),
                            appended.transactions());
                }
            }
        }

        /** utime + stime of a local PostgreSQL backend, in clock ticks (0 when it is not on this machine). */
        private static long ticksOf(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }

        Sample minus(Sample start) {
            // a backend that started meanwhile counts whole; one that ended meanwhile is lost (the pool keeps them)
            Map<Long, Long> ticks = new java.util.HashMap<>();
            pgTicks.forEach((pid, now) -> ticks.put(pid, now - start.pgTicks.getOrDefault(pid, 0L)));
            return new Sample(nanos - start.nanos, cpuNanos - start.cpuNanos, ticks,
                    xacts - start.xacts, inserted - start.inserted, updated - start.updated,
                    deleted - start.deleted, fetched - start.fetched, entries - start.entries,
                    appends - start.appends);
        }

        double seconds() {
            return nanos / 1e9;
        }

        double cpuMs() {
            return cpuNanos / 1e6;
        }

        /** Clock ticks are 1/100 s on Linux. */
        double pgCpuMs() {
            return pgTicks.values().stream().mapToLong(Long::longValue).sum() * 10.0;
        }
    }
}
