package io.eer.bench;

import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.Topics;
import io.eer.contracts.events.AccessExpired;
import io.eer.contracts.events.AccessGranted;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * P2 with many live timers, timers only: a scratch expiry-service ({@link Scratch}) is handed {@code count}
 * {@code AccessGranted} events (no logins anywhere: nothing but expiry-service reads the scratch topics), all
 * deadlines lie after the last timer was armed, spread evenly over {@code spread}; so when the first fires every
 * one of them is live. Lateness is each {@code AccessExpired}'s own {@code firedAt - deadline}.
 */
final class TimersPhase {

    record Result(Histogram lateness, int count, long armMillis, Duration spread) {
    }

    private final Scratch.Infra infra;

    TimersPhase(Scratch.Infra infra) {
        this.infra = infra;
    }

    Result run(int count, Duration spread, int port) throws Exception {
        try (Scratch expiry = Scratch.start(infra, "expiry-service", port, List.of(Topics.GRANTS, Topics.EXPIRIES,
                Topics.deadLetter("expiry")), Map.of("mp.messaging.incoming.grants.group.id", "bench-expiry"))) {
            // deadlines start once every timer can have been armed (consumption at >= 40/s even on a busy machine)
            Instant first = Instant.now().plusSeconds(30 + count / 40).truncatedTo(ChronoUnit.MILLIS);
            long stepMicros = spread.toNanos() / 1000 / Math.max(1, count);
            Set<String> grants = new HashSet<>();
            long armStart = System.nanoTime();
            try (KafkaProducer<String, String> producer = infra.producer()) {
                for (int i = 0; i < count; i++) {
                    String grantId = "bench-grant-" + UUID.randomUUID();
                    String requestId = "bench-request-" + UUID.randomUUID();
                    Instant deadline = first.plus(i * stepMicros, ChronoUnit.MICROS);
                    AccessGranted granted = new AccessGranted(grantId, requestId, "bench", "payments-db", "db_admin",
                            "bench", "eer_bench", Instant.now(), deadline);
                    EventEnvelope envelope = EventEnvelope.of(UUID.randomUUID().toString(), "/eer/grant-service",
                            Instant.now(), granted).withSequence(i + 1L);
                    producer.send(new ProducerRecord<>(Scratch.PREFIX + Topics.GRANTS, requestId,
                            EventCodec.encodeToString(envelope)));
                    grants.add(grantId);
                }
            }
            long armed = awaitArmed(expiry, count, first);
            long armMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - armStart);
            if (armed < count) {
                System.out.printf("    only %d of %d timers armed before the first deadline%n", armed, count);
            }
            Histogram lateness = new Histogram(3);
            awaitExpired(grants, first.plus(spread).plus(Duration.ofMinutes(3)), lateness);
            return new Result(lateness, count, armMillis, spread);
        }
    }

    /** Waits until the scratch database holds {@code count} pending timers (or the first deadline comes). */
    private long awaitArmed(Scratch expiry, int count, Instant first) throws Exception {
        try (Connection db = infra.jdbc(expiry.database()); Statement sql = db.createStatement()) {
            while (true) {
                long pending = 0;
                try (ResultSet rows = sql.executeQuery("select count(*) from timer where fired_at is null")) {
                    rows.next();
                    pending = rows.getLong(1);
                } catch (java.sql.SQLException e) {
                    // table not there yet
                }
                if (pending >= count || Instant.now().isAfter(first)) {
                    return pending;
                }
                TimeUnit.MILLISECONDS.sleep(500);
            }
        }
    }

    private void awaitExpired(Set<String> grants, Instant giveUp, Histogram lateness) {
        Properties p = infra.kafka();
        p.put("group.id", "bench-expiries-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        Set<String> pending = new HashSet<>(grants);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(Scratch.PREFIX + Topics.EXPIRIES));
            while (!pending.isEmpty() && Instant.now().isBefore(giveUp)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (EventCodec.decode(record.value()).data() instanceof AccessExpired expired
                            && pending.remove(expired.grantId())) {
                        lateness.recordValue(Math.max(0, ChronoUnit.MICROS.between(expired.deadline(),
                                expired.firedAt())));
                    }
                }
            }
        }
        if (!pending.isEmpty()) {
            System.out.printf("    %d of %d timers did not fire in time%n", pending.size(), grants.size());
        }
    }
}
