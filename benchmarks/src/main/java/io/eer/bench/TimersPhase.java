package io.eer.bench;

import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.Topics;
import io.eer.contracts.events.AccessExpired;
import io.eer.contracts.events.AccessGranted;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * P2 with many live timers, timers only: a scratch expiry-service ({@link Scratch}) is handed {@code AccessGranted}
 * events (no logins anywhere: nothing but expiry-service reads the scratch topics).
 *
 * <ol>
 *   <li>A probe of {@code probe} grants due in a day measures how fast this machine arms timers now (one
 *   transaction per {@code AccessGranted}); they stay pending throughout, as live timers that never fire.</li>
 *   <li>{@code count} grants follow, their deadlines spread evenly over {@code spread}, the first one twice the
 *   probe's arming time for all of them away: so they are armed before the first fires, and the phase measures
 *   firing, not arming. Should one still arrive after its own deadline, it is left out of the lateness (and
 *   counted as such).</li>
 *   <li>Lateness of each {@code AccessExpired}: its own {@code firedAt - deadline} (the decision), and the Kafka
 *   record's timestamp {@code - deadline} (on the topic, after the outbox relay).</li>
 * </ol>
 */
final class TimersPhase {

    record Result(Histogram fired, Histogram onKafka, int count, int probe, long armMillis, int armedLate,
            int notFired, double armPerSecond) {
    }

    private final Scratch.Infra infra;

    TimersPhase(Scratch.Infra infra) {
        this.infra = infra;
    }

    Result run(int count, Duration spread, int port) throws Exception {
        int probe = Math.max(50, Math.min(500, count / 20));
        try (Scratch expiry = Scratch.start(infra, "expiry-service", port, List.of(Topics.GRANTS, Topics.EXPIRIES,
                Topics.deadLetter("expiry")), Map.of("mp.messaging.incoming.grants.group.id", "bench-expiry"));
                Connection db = infra.jdbc(expiry.database());
                KafkaProducer<String, String> producer = infra.producer()) {
            long p0 = System.nanoTime();
            Instant inADay = Instant.now().plus(Duration.ofDays(1));
            for (int i = 0; i < probe; i++) {
                publish(producer, expiry.topic(Topics.GRANTS), "bench-probe-" + UUID.randomUUID(), inADay, i + 1L);
            }
            producer.flush();
            if (awaitPending(db, probe, Instant.now().plus(Duration.ofMinutes(10))) < probe) {
                throw new IllegalStateException("the scratch expiry-service armed fewer than " + probe
                        + " probe timers in 10 minutes");
            }
            double armPerSecond = Figures.perSecond(probe, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - p0));
            long leadMillis = Math.max(20_000, Math.round(2_000.0 * count / armPerSecond));
            System.out.printf("    probe: %d timers armed at %.0f/s; the first of %,d deadlines in %.0f s%n", probe,
                    armPerSecond, count, leadMillis / 1000.0);

            Instant first = Instant.now().plusMillis(leadMillis).truncatedTo(ChronoUnit.MILLIS);
            long stepMicros = spread.toNanos() / 1000 / Math.max(1, count);
            Map<String, Instant> deadlines = new HashMap<>();
            long armStart = System.nanoTime();
            for (int i = 0; i < count; i++) {
                String grantId = "bench-grant-" + UUID.randomUUID();
                Instant deadline = first.plus(i * stepMicros, ChronoUnit.MICROS);
                publish(producer, expiry.topic(Topics.GRANTS), grantId, deadline, probe + i + 1L);
                deadlines.put(grantId, deadline);
            }
            producer.flush();
            long armed = awaitPending(db, probe + count, first) - probe;
            long armMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - armStart);
            if (armed < count) {
                System.out.printf("    only %,d of %,d timers armed before the first deadline%n", armed, count);
            }
            Histogram fired = new Histogram(3);
            Histogram onKafka = new Histogram(3);
            Set<String> armedLate = armedAfterDeadline(db);
            int notFired = awaitExpired(expiry.topic(Topics.EXPIRIES), deadlines, armedLate, first.plus(spread).plus(Duration.ofMinutes(3)), fired,
                    onKafka);
            return new Result(fired, onKafka, count, probe, armMillis, armedLate.size(), notFired, armPerSecond);
        }
    }

    private static void publish(KafkaProducer<String, String> producer, String topic, String grantId,
            Instant deadline, long sequence) {
        String requestId = "bench-request-" + UUID.randomUUID();
        AccessGranted granted = new AccessGranted(grantId, requestId, "bench", "payments-db", "db_admin", "bench",
                "eer_bench", Instant.now(), deadline);
        EventEnvelope envelope = EventEnvelope.of(UUID.randomUUID().toString(), "/eer/grant-service", Instant.now(),
                granted).withSequence(sequence);
        producer.send(new ProducerRecord<>(topic, requestId,
                EventCodec.encodeToString(envelope)));
    }

    /** Waits until the scratch database holds {@code count} pending timers, or {@code until}; answers how many. */
    private static long awaitPending(Connection db, int count, Instant until) throws Exception {
        try (Statement sql = db.createStatement()) {
            while (true) {
                long pending = 0;
                try (ResultSet rows = sql.executeQuery("select count(*) from timer where fired_at is null")) {
                    rows.next();
                    pending = rows.getLong(1);
                } catch (SQLException e) {
                    // table not there yet
                }
                if (pending >= count || Instant.now().isAfter(until)) {
                    return pending;
                }
                TimeUnit.MILLISECONDS.sleep(250);
            }
        }
    }

    /** The grants whose timer was stored after its deadline had passed: their lateness would measure arming. */
    private static Set<String> armedAfterDeadline(Connection db) throws SQLException {
        Set<String> late = new HashSet<>();
        try (Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery(
                "select grant_id from timer where grant_id like 'bench-grant-%' and scheduled_at >= deadline")) {
            while (rows.next()) {
                late.add(rows.getString(1));
            }
        }
        return late;
    }

    /** Reads the scratch expiries until every grant fired or {@code giveUp}; answers how many did not fire. */
    private int awaitExpired(String topic, Map<String, Instant> deadlines, Set<String> armedLate, Instant giveUp, Histogram fired,
            Histogram onKafka) {
        Properties p = infra.kafka();
        p.put("group.id", "bench-expiries-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        Set<String> pending = new HashSet<>(deadlines.keySet());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            while (!pending.isEmpty() && Instant.now().isBefore(giveUp)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (EventCodec.decode(record.value()).data() instanceof AccessExpired expired
                            && pending.remove(expired.grantId()) && !armedLate.contains(expired.grantId())) {
                        Instant deadline = deadlines.get(expired.grantId());
                        fired.recordValue(latenessMicros(deadline, expired.firedAt()));
                        onKafka.recordValue(latenessMicros(deadline, Instant.ofEpochMilli(record.timestamp())));
                    }
                }
            }
        }
        if (!pending.isEmpty()) {
            System.out.printf("    %,d of %,d timers did not fire in time%n", pending.size(), deadlines.size());
        }
        return pending.size();
    }

    /** Microseconds from the deadline to {@code at}; 0 if earlier (a Kafka timestamp has only milliseconds). */
    static long latenessMicros(Instant deadline, Instant at) {
        return Math.max(0, ChronoUnit.MICROS.between(deadline, at));
    }
}
