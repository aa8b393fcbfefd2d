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
 * P2 with many live timers, timers only: a scratch expiry-service ({@link Scratch}), no logins anywhere (nothing but
 * expiry-service reads the scratch topics).
 *
 * <ol>
 *   <li>A probe of {@code probe} {@code AccessGranted} events, due in a day, through Kafka: how fast the service arms
 *   timers now (one transaction per event). They stay pending throughout, as live timers that never fire.</li>
 *   <li>{@code count} timers are stored by SQL as the service itself stores an arming (an
 *   {@code internal:TimerScheduled} row in {@code domain_event}, the same transaction's {@code timer} row), their
 *   deadlines spread evenly over {@code spread}, the first {@link #LEAD} away: the service's own re-arm from the
 *   table (every {@code eer.expiry.arm-every}, 60 s, within {@code eer.expiry.arm-horizon}, 2 min) arms them in
 *   memory, as after a restart. Arming through Kafka at the probe's rate would take longer than the bench may
 *   (5 a second at load 35: 33 minutes for 10,000), and it is the probe's figure, not firing.</li>
 *   <li>The timers due in the first {@code window} are awaited (the others stay live meanwhile). Lateness of each
 *   {@code AccessExpired}: its own {@code firedAt - deadline} (the decision), and the Kafka record's timestamp
 *   {@code - deadline} (on the topic, after the outbox relay).</li>
 * </ol>
 */
final class TimersPhase {

    /** From seeding to the first deadline: a re-arm sweep (every 60 s, 2 min ahead) runs before it in any case. */
    static final Duration LEAD = Duration.ofSeconds(75);

    record Result(Histogram fired, Histogram onKafka, int count, int probe, double armPerSecond, long liveAtFirst,
            int measured, int notFired) {
    }

    private final Scratch.Infra infra;

    TimersPhase(Scratch.Infra infra) {
        this.infra = infra;
    }

    Result run(int count, Duration spread, Duration window, int port) throws Exception {
        int probe = Math.max(20, Math.min(200, count / 50));
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
            Instant first = Instant.now().plus(LEAD).truncatedTo(ChronoUnit.MILLIS);
            long stepMicros = spread.toNanos() / 1000 / Math.max(1, count);
            seed(db, count, first, stepMicros);
            System.out.printf("    probe: %d timers armed through Kafka at %.1f/s; %,d more stored by SQL, due from "
                    + "%s over %s%n", probe, armPerSecond, count, first, spread);
            Map<String, Instant> measured = new HashMap<>();
            Instant windowEnd = first.plus(window);
            for (int i = 0; i < count; i++) {
                Instant deadline = first.plus(i * stepMicros, ChronoUnit.MICROS);
                if (deadline.isBefore(windowEnd)) {
                    measured.put("bench-grant-" + i, deadline);
                }
            }
            long live = awaitPending(db, Integer.MAX_VALUE, first.minusSeconds(1));
            Histogram fired = new Histogram(3);
            Histogram onKafka = new Histogram(3);
            int notFired = awaitExpired(expiry.topic(Topics.EXPIRIES), measured, windowEnd.plus(Duration.ofMinutes(3)),
                    fired, onKafka);
            return new Result(fired, onKafka, count, probe, armPerSecond, live, measured.size(), notFired);
        }
    }

    /**
     * Stores {@code count} pending timers {@code bench-grant-<i>} as the service's {@code ScheduleTimer} does: version 1
     * of the grant in {@code domain_event} ({@code internal:TimerScheduled}, the body {@code TimerEventMapping} reads)
     * and the projection's {@code timer} row, in one transaction.
     */
    private static void seed(Connection db, int count, Instant first, long stepMicros) throws SQLException {
        String deadline = "(timestamptz '%s' + g * interval '%d microseconds')".formatted(first, stepMicros);
        String iso = "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'";
        boolean auto = db.getAutoCommit();
        db.setAutoCommit(false);
        try (Statement sql = db.createStatement()) {
            sql.execute("set local time zone 'UTC'");
            sql.execute(("insert into domain_event (aggregate_id, version, event_id, type, payload, recorded_at) "
                    + "select 'bench-grant-' || g, 1, gen_random_uuid()::text, 'internal:TimerScheduled', "
                    + "json_build_object('grantId', 'bench-grant-' || g, 'requestId', 'bench-request-' || g, "
                    + "'deadline', to_char(%1$s, %2$s), 'scheduledAt', to_char(now(), %2$s))::text, now() "
                    + "from generate_series(0, %3$d) g").formatted(deadline, iso, count - 1));
            sql.execute(("insert into timer (grant_id, request_id, deadline, scheduled_at) "
                    + "select 'bench-grant-' || g, 'bench-request-' || g, %s, now() from generate_series(0, %d) g")
                    .formatted(deadline, count - 1));
            db.commit();
        } finally {
            db.setAutoCommit(auto);
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

    /** Reads the scratch expiries until every grant fired or {@code giveUp}; answers how many did not fire. */
    private int awaitExpired(String topic, Map<String, Instant> deadlines, Instant giveUp, Histogram fired,
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
                            && pending.remove(expired.grantId())) {
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
