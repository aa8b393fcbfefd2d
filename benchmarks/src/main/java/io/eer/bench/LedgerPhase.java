package io.eer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eer.contracts.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * P3, P6 and P5 on a scratch audit-service ({@link Scratch}): its ledger starts empty, is fed copies of the real
 * request lifecycles of the P1 export (every id made fresh, so each copy is new to the ledger and to the projections),
 * and is grown to {@code ledgerSize} entries with SQL in between (copies of the appended rows, ids rewritten; the
 * hash chain of the synthetic rows is not valid, which neither the append nor the projections read).
 *
 * <ul>
 *   <li>P3: appends/s of the real path (Kafka → batch consumer → hash chain → one transaction per batch), from the
 *   entries' own recorded_at, ÷ rows/s of a raw batched JDBC INSERT of the same rows (same batch size, one
 *   transaction per batch) into copies of the two tables with the same indexes, in the same PostgreSQL;</li>
 *   <li>P6: the append rate with {@code ledgerSize} entries already in the ledger ÷ the rate into the empty one;</li>
 *   <li>P5: {@code POST /v1/projections/rebuild} over the whole ledger (every projection from index 0).</li>
 * </ul>
 */
final class LedgerPhase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TOPICS = List.of(Topics.REQUESTS, Topics.APPROVALS, Topics.GRANTS,
            Topics.SESSIONS, Topics.GATEWAY, Topics.EXPIRIES, Topics.REVIEWS, Topics.ALERTS, Topics.CHECKPOINTS, "eer.dlq.audit",
            "eer.dlq.request", "eer.dlq.approval", "eer.dlq.grant", "eer.dlq.expiry", "eer.dlq.review");
    /** The ledger consumer's max.poll.records: the raw INSERT commits batches of the same size. */
    private static final int BATCH = Integer.getInteger("eer.bench.append-batch", 500);

    /** {@code grownRows} entries were added by SQL in {@code growMillis} (for the 10M estimate). */
    record Result(int appended, double emptyRate, double rawRate, long ledgerSize, double fullRate, long grownRows,
            long growMillis, long rebuildEntries, long rebuildMillis) {
    }

    /** One event of a template lifecycle: the topic it was read from and its JSON. */
    record Template(String topic, String json) {
    }

    private final Scratch.Infra infra;
    private final Tokens tokens;
    private final List<List<Template>> lifecycles;
    /** The next sequence number of each producer in the scratch ledger (see {@link #resequence}). */
    private final Map<String, Long> sequences = new HashMap<>();

    LedgerPhase(Scratch.Infra infra, Tokens tokens, Path export) throws IOException {
        this.infra = infra;
        this.tokens = tokens;
        this.lifecycles = lifecycles(export);
        if (lifecycles.isEmpty()) {
            throw new IllegalStateException("no complete request lifecycle in " + export + " to copy");
        }
    }

    Result run(int count, long ledgerSize, int port) throws Exception {
        // unprocessed-record-max-age off: under load 40 a batch waited > 60 s for its acknowledgement and SmallRye's
        // throttled commit then failed the channel, the writer letting its lease go (the ledger stopped at 505).
        // fetch.min.bytes 1: the rate is timed from the first batch's start to the last's, and a gathering ledger would
        // add its wait for the stream's short tail to that span (with a backlog, the batches are full either way).
        Map<String, String> settings = Map.of("mp.messaging.incoming.ledger.group.id", "bench-audit",
                "mp.messaging.incoming.ledger.client-id-prefix", "bench-audit-",
                "mp.messaging.incoming.dead-letters.group.id", "bench-audit-dead-letters",
                "mp.messaging.incoming.ledger.throttled.unprocessed-record-max-age.ms", "0",
                "mp.messaging.incoming.ledger.max.poll.records", Integer.toString(BATCH),
                "mp.messaging.incoming.ledger.fetch.min.bytes", "1");
        try (Scratch audit = Scratch.start(infra, "audit-service", port, TOPICS, settings);
                Connection db = infra.jdbc(audit.database())) {
            warmUp(audit, db, count);
            double emptyRate = publishAndAwait(audit, db, count);
            double rawRate = rawInsert(db, count);
            System.out.printf("    P3: %,.0f appends/s into the empty ledger, %,.0f rows/s raw INSERT%n", emptyRate,
                    rawRate);
            audit.stop();
            long before = size(db);
            long t0 = System.nanoTime();
            grow(db, ledgerSize);
            long growMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            long grown = size(db) - before;
            audit.launch(settings);
            awaitCheckpointAt(db, size(db));
            warmUp(audit, db, count);
            double fullRate = publishAndAwait(audit, db, count);
            long size = size(db);
            System.out.printf("    P6: %,.0f appends/s at %,d entries%n", fullRate, size);
            long r0 = System.nanoTime();
            JsonNode rebuilt = rebuild(audit.url());
            long rebuildMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - r0);
            return new Result(count, emptyRate, rawRate, size, fullRate, grown, growMillis,
                    rebuilt.path("entries").asLong(-1), rebuildMillis);
        }
    }

    /**
     * As many events as are measured, not measured: a JVM that just started spends most of its CPU in the JIT
     * compiler for the first few thousand appends (JFR: C2 compiler threads 2.6x the event loop's CPU after 2,000),
     * which measured the warm-up, not the append.
     */
    private void warmUp(Scratch audit, Connection db, int count) throws Exception {
        publishAndAwait(audit, db, Math.max(1000, count));
    }

    /** Publishes {@code count} fresh events and answers their append rate (from the first to the last recorded_at). */
    private double publishAndAwait(Scratch audit, Connection db, int count) throws Exception {
        long before = size(db);
        try (KafkaProducer<String, String> producer = infra.producer()) {
            int sent = 0;
            for (int copy = 0; sent < count; copy++) {
                List<Template> lifecycle = lifecycles.get(copy % lifecycles.size());
                for (Template t : fresh(lifecycle)) {
                    if (sent++ == count) {
                        break;
                    }
                    producer.send(new ProducerRecord<>(audit.topic(t.topic()), null, resequence(t.json(), sequences)));
                }
            }
        }
        // at least 10 minutes, more for a large count on a busy machine (20 appends/s)
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(Math.max(10, count / 20 / 60)));
        while (size(db) < before + count) {
            if (Instant.now().isAfter(giveUp)) {
                throw new IllegalStateException("scratch ledger holds " + (size(db) - before) + " of " + count);
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        // every entry of one append transaction carries the recorded_at taken at its start
        List<Figures.Batch> batches = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement("select (extract(epoch from recorded_at) * 1000000)::bigint, "
                + "count(*) from ledger_entry where ledger_index >= ? group by recorded_at order by recorded_at")) {
            q.setLong(1, before);
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    batches.add(new Figures.Batch(rows.getLong(1), rows.getLong(2)));
                }
            }
        }
        System.out.printf("    %,d appended in %,d transactions (%.0f a transaction)%n", count, batches.size(),
                (double) count / Math.max(1, batches.size()));
        return Figures.appendRate(batches);
    }

    /** The last {@code count} rows of both tables, inserted again by JDBC into copies; rows/s. */
    private double rawInsert(Connection db, int count) throws SQLException {
        long end = size(db);
        try (Statement sql = db.createStatement()) {
            sql.execute("drop table if exists raw_entry, raw_subject");
            sql.execute("create table raw_entry (like ledger_entry including all)");
            sql.execute("create table raw_subject (like ledger_subject including all, "
                    + "foreign key (ledger_index) references raw_entry (ledger_index))");
        }
        List<Object[]> entries = new ArrayList<>();
        List<Object[]> subjects = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement("select e.*, s.subject, s.type from ledger_entry e join "
                + "ledger_subject s using (ledger_index) where ledger_index >= ? order by ledger_index")) {
            q.setLong(1, end - count);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    entries.add(new Object[] {r.getLong("ledger_index"), r.getString("event_id"), r.getString("topic"),
                        r.getInt("kafka_partition"), r.getLong("kafka_offset"), r.getTimestamp("recorded_at"),
                        r.getBytes("received"), r.getString("record_json"), r.getBytes("leaf"), r.getBytes("chain")});
                    subjects.add(new Object[] {r.getLong("ledger_index"), r.getString("subject"), r.getString("type")});
                }
            }
        }
        boolean auto = db.getAutoCommit();
        db.setAutoCommit(false);
        long t0 = System.nanoTime();
        try (PreparedStatement e = db.prepareStatement("insert into raw_entry values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement s = db.prepareStatement("insert into raw_subject values (?, ?, ?)")) {
            for (int i = 0; i < entries.size(); i++) {
                bind(e, entries.get(i));
                e.addBatch();
                bind(s, subjects.get(i));
                s.addBatch();
                if ((i + 1) % BATCH == 0 || i == entries.size() - 1) {
                    e.executeBatch();
                    s.executeBatch();
                    db.commit();
                }
            }
        } finally {
            db.setAutoCommit(auto);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        try (Statement sql = db.createStatement()) {
            sql.execute("drop table raw_entry, raw_subject");
        }
        return entries.size() / seconds;
    }

    private static void bind(PreparedStatement statement, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
    }

    /**
     * Grows the ledger to at least {@code target} entries with copies of the rows it holds (ids rewritten:
     * {@code bench-} becomes {@code bench<copy>-}; the event id becomes {@code copy<copy>-<id>}, also for the scratch
     * service's own alerts, which it ledgers too and whose ids are not {@code bench-} ones), a million rows per statement, then moves the head and the
     * projections' position to the end (the live projector has nothing to catch up on; P5 rebuilds it all).
     */
    private void grow(Connection db, long target) throws SQLException {
        long size = size(db);
        if (size >= target) {
            return;
        }
        long copies = (target - size + size - 1) / size;
        long perStatement = Math.max(1, 1_000_000 / size);
        try (Statement sql = db.createStatement()) {
            for (long from = 1; from <= copies; from += perStatement) {
                long to = Math.min(copies, from + perStatement - 1);
                sql.execute(("insert into ledger_entry (ledger_index, event_id, topic, kafka_partition, kafka_offset, "
                        + "recorded_at, received, record_json, leaf, chain) "
                        + "select e.ledger_index + g * %1$d, 'copy' || g || '-' || e.event_id, e.topic, "
                        + "e.kafka_partition, e.kafka_offset + g * %1$d, e.recorded_at, "
                        + "convert_to(replace(convert_from(e.received, 'UTF8'), 'bench-', 'bench' || g || '-'), 'UTF8'), "
                        + "replace(e.record_json, 'bench-', 'bench' || g || '-'), e.leaf, e.chain "
                        + "from ledger_entry e, generate_series(%2$d, %3$d) g where e.ledger_index < %1$d")
                        .formatted(size, from, to));
                sql.execute(("insert into ledger_subject (ledger_index, subject, type) "
                        + "select s.ledger_index + g * %1$d, replace(s.subject, 'bench-', 'bench' || g || '-'), s.type "
                        + "from ledger_subject s, generate_series(%2$d, %3$d) g where s.ledger_index < %1$d")
                        .formatted(size, from, to));
                System.out.printf("    ledger grown to %,d entries%n", size * (to + 1));
            }
            long total = size * (copies + 1);
            sql.execute("update ledger_head set size = " + total + ", chain_head = (select chain from ledger_entry "
                    + "where ledger_index = " + (total - 1) + ")");
            sql.execute("update projection_position set next_index = " + total);
            sql.execute("analyze ledger_entry");
            sql.execute("analyze ledger_subject");
        }
    }

    private JsonNode rebuild(String url) throws Exception {
        String admin = tokens.mint("bench-admin", List.of("eer-admins"), "EMPLOYEE");
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url
                        + "/v1/projections/rebuild")).timeout(Duration.ofMinutes(30))
                .header("Authorization", "Bearer " + admin).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("rebuild answered " + answer.statusCode() + ": " + answer.body());
        }
        return JSON.readTree(answer.body());
    }

    /**
     * Waits for the restarted service's first checkpoint over the grown ledger. That checkpoint reads every Merkle leaf
     * once, outside the append lock but on the same two cores: a start-up cost, not the append rate at that size.
     */
    private static void awaitCheckpointAt(Connection db, long size) throws Exception {
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(30));
        long t0 = System.nanoTime();
        while (true) {
            try (Statement sql = db.createStatement();
                    ResultSet r = sql.executeQuery("select coalesce(max(size), 0) from ledger_checkpoint")) {
                r.next();
                if (r.getLong(1) >= size) {
                    System.out.printf("    first checkpoint over %,d entries after the restart: %.1f s%n", size,
                            (System.nanoTime() - t0) / 1e9);
                    return;
                }
            }
            if (Instant.now().isAfter(giveUp)) {
                throw new IllegalStateException("no checkpoint over " + size + " entries within 30 minutes");
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    private static long size(Connection db) throws SQLException {
        try (Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("select size from ledger_head where id = 1")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** A copy of a lifecycle with fresh ids: its request id, grant id and every event id become new bench-ids. */
    static List<Template> fresh(List<Template> lifecycle) {
        Map<String, String> ids = new LinkedHashMap<>();
        List<Template> copy = new ArrayList<>(lifecycle.size());
        for (Template t : lifecycle) {
            JsonNode event = read(t.json());
            ids.computeIfAbsent(event.path("subject").asText(), k -> "bench-" + UUID.randomUUID());
            String grant = event.path("data").path("grantId").asText("");
            if (!grant.isEmpty()) {
                ids.computeIfAbsent(grant, k -> "bench-" + UUID.randomUUID());
            }
            String json = t.json().replace("\"id\":\"" + event.path("id").asText() + "\"",
                    "\"id\":\"bench-" + UUID.randomUUID() + "\"");
            for (Map.Entry<String, String> id : ids.entrySet()) {
                json = json.replace(id.getKey(), id.getValue());
            }
            copy.add(new Template(t.topic(), json));
        }
        return copy;
    }

    /**
     * The event with the next gap-free {@code sequence} of its producer ({@code source}): copies keep their originals'
     * numbers otherwise, which the ledger's completeness check takes for gaps and duplicates (an alert each).
     */
    static String resequence(String json, Map<String, Long> next) {
        JsonNode event = read(json);
        if (!(event instanceof ObjectNode o) || !o.has("sequence")) {
            return json;
        }
        long n = next.merge(o.path("source").asText(), 1L, Long::sum);
        o.put("sequence", Long.toString(n));
        return o.toString();
    }

    /** The export's lifecycles that begin with EmergencyRequested, each in ledger order. */
    private static List<List<Template>> lifecycles(Path export) throws IOException {
        Map<String, List<Template>> bySubject = new LinkedHashMap<>();
        try (var lines = Files.lines(export)) {
            lines.forEach(line -> {
                JsonNode entry = read(line);
                JsonNode event = entry.path("event");
                String topic = entry.path("topic").asText("");
                if (event.isObject() && topic.startsWith("eer.")) {
                    bySubject.computeIfAbsent(event.path("subject").asText(), k -> new ArrayList<>())
                            .add(new Template(topic, event.toString()));
                }
            });
        }
        return bySubject.values().stream()
                .filter(l -> l.get(0).json().contains("\"type\":\"io.eer.EmergencyRequested.v1\"")).toList();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
