package io.eer.audit.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.eer.support.testing.ClusterCatalogLock;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.BufferedReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@value #DEFAULT_COUNT} ledger rows (or {@code -Deer.test.export-events=N}; bulk-inserted with SQL, in a database of
 * its own) stream through {@code GET /v1/audit/events} in one call, in order, while the heap in use after a GC stays
 * flat: below 40 % of the response's size, with a client slower than the service, so a service that buffered the
 * response would fail. Throughput is printed, never asserted. It was a million rows (75 s of the suite); the bound
 * scales with the count, so the check is the same at any size, and a million still runs with
 * {@code -DargLine=-Deer.test.export-events=1000000}.
 */
@QuarkusTest
@TestProfile(ExportStreamTest.Profile.class)
class ExportStreamTest {

    static final int DEFAULT_COUNT = 250_000;
    static final int COUNT = Integer.getInteger("eer.test.export-events", DEFAULT_COUNT);
    static final String DATABASE = "eer_audit_million";
    /**
     * 160 bytes a row (40 MB at 250,000): 40 % of what the export lines take (~400 bytes each as text alone), so a
     * service that held the response fails; streaming needs far less (2026-12-06, chunk size 2000, the client held to
     * 3 MB/s: 10-14 MB with the module alone, 25 MB once in `./eer test` beside another module, in a test JVM that had
     * 407 MB live before it began; 96 bytes a row failed there).
     */
    static final long HEAP_BOUND = 160L * COUNT;

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("eer.db.name", DATABASE,
                    "eer.audit.chunk-size", "2000",
                    "eer.audit.max-limit", Integer.toString(COUNT),
                    "eer.projection.enabled", "false", // nothing to project in synthetic rows
                    "eer.service.topic-prefix", "million-audit.",
                    "mp.messaging.incoming.ledger.group.id", "audit-service-million");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FreshDatabase.class));
        }
    }

    /** Creates the throw-away database before the service starts (Flyway migrates it) and drops it afterwards. */
    public static class FreshDatabase implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            run("drop database if exists " + DATABASE + " with (force)", "create database " + DATABASE);
            return Map.of();
        }

        @Override
        public void stop() {
            run("drop database if exists " + DATABASE + " with (force)");
        }

        private static void run(String... statements) {
            String port = System.getenv().getOrDefault("EER_DB_PORT", "35432");
            try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/eer_audit",
                    "eer", "eer"); Statement sql = db.createStatement()) {
                ClusterCatalogLock.acquire(db);
                for (String statement : statements) {
                    sql.execute(statement);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @TestHTTPResource("/v1/audit/events")
    URI events;

    @Test
    void aLargeExport_streamsInOrder_withAFlatHeap() throws Exception {
        long insertStart = System.nanoTime();
        try (Connection db = Ledger.jdbc(); Statement sql = db.createStatement()) {
            sql.execute("""
                    insert into ledger_entry (ledger_index, event_id, topic, kafka_partition, kafka_offset, recorded_at,
                                              received, record_json, leaf, chain)
                    select i, 'm-' || i, 'eer.requests', 0, i, timestamptz '2026-01-01 00:00:00+00' + i * interval '1 ms',
                           convert_to('{"data":{"n":' || i || '},"id":"m-' || i || '","source":"/eer/bench",'
                               || '"specversion":"1.0","subject":"r-' || mod(i, 1000) || '",'
                               || '"time":"2026-01-01T00:00:00Z","type":"io.eer.Bench.v1"}', 'UTF8'),
                           '{}', sha256(int8send(i)), sha256(int8send(-i - 1))
                    from generate_series(0, %d) as i""".formatted(COUNT - 1));
            sql.execute("update ledger_head set size = " + COUNT + ", chain_head = sha256(int8send(-" + COUNT + "))");
            try (ResultSet rows = sql.executeQuery("select count(*) from ledger_entry")) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(COUNT);
            }
        }
        System.out.printf("export-stream: inserted %,d rows in %.1f s%n", COUNT,
                (System.nanoTime() - insertStart) / 1e9);

        // The client is curl, a separate process writing to a file, so the heap measured here is the service's
        // alone (an in-JVM HTTP client buffers by its own rules and blurred the figure). It reads at 3 MB/s, slower
        // than the service writes here: a service that did not wait for its client would pile up the difference.
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long baseline = usedAfterGc(memory);
        long peak = baseline;
        Path out = Files.createTempFile("export-stream", ".ndjson");
        long start = System.nanoTime();
        Process curl = new ProcessBuilder("curl", "-sS", "--fail", "-N", "--limit-rate", "3M", "-o", out.toString(),
                "-H", "Authorization: Bearer " + Ledger.AUDITOR, events + "?from=0&limit=" + COUNT)
                .redirectErrorStream(true).start();
        // a forced full GC stops the service in this JVM (with a few hundred MB live, for long on a busy machine): one a
        // second still sees a response that piles up (it would grow by tens of MB a second), at a fraction of the cost
        while (!curl.waitFor(1, TimeUnit.SECONDS)) {
            peak = Math.max(peak, usedAfterGc(memory));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(curl.exitValue()).as(new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isZero();

        long lines = 0;
        long bytes = 0;
        try (BufferedReader body = Files.newBufferedReader(out, StandardCharsets.UTF_8)) {
            for (String line = body.readLine(); line != null; line = body.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                // index = line number, and the event is the one stored at that index
                String prefix = "{\"index\":" + lines + ",";
                if (!line.startsWith(prefix) || !line.contains("\"id\":\"m-" + lines + "\"")) {
                    throw new AssertionError("line " + lines + " out of order: "
                            + line.substring(0, Math.min(120, line.length())));
                }
                lines++;
                bytes += line.length() + 1;
            }
        } finally {
            Files.deleteIfExists(out);
        }
        assertThat(lines).isEqualTo(COUNT);
        System.out.printf("export-stream: streamed %,d lines (%,d MB) in %.1f s: %,.0f lines/s, %.1f MB/s; "
                + "service heap after GC %d MB at start, %d MB at most while streaming%n", lines, bytes >> 20, seconds,
                lines / seconds, (bytes >> 20) / seconds, baseline >> 20, peak >> 20);
        assertThat(peak - baseline).as("service heap growth while streaming")
                .isLessThan(HEAP_BOUND);
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
