package io.eer.audit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * A batch whose append takes longer than SmallRye's unacknowledged-record limit (its default
 * {@code throttled.unprocessed-record-max-age.ms} is 60 s) does not stop the ledger's channel: the ledger commits
 * offsets only after its transaction, and waits for the database as long as it takes (audit's
 * application.properties). Here the head row is held locked from outside for {@value #HOLD_SECONDS} s; then the
 * held event and one published after it are both appended (with the limit on, the channel fails at 60 s and nothing
 * published later is read again until a restart).
 */
@QuarkusTest
@TestProfile(FreshLedgerDatabase.QuickRetries.class)
class LedgerSlowBatchTest {

    static final int HOLD_SECONDS = 70;

    @Test
    void appendHeldLongerThanTheUnacknowledgedRecordLimit_channelKeepsConsuming() throws Exception {
        String topic = FreshLedgerDatabase.topic("eer.requests");
        String held = UUID.randomUUID().toString();
        String later = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> producer = Ledger.producer();
                Connection lock = Ledger.jdbc()) {
            lock.setAutoCommit(false);
            try (Statement sql = lock.createStatement()) {
                sql.execute("select size from ledger_head where id = 1 for update");
            }
            producer.send(new ProducerRecord<>(topic, held, Ledger.rawEvent(Ledger.producerOf(topic), held, held,
                    "io.eer.Slow.v1", "{}"))).get();
            // the append is waiting for the lock the whole time: nothing committed, the record unacknowledged
            await().pollDelay(Duration.ofSeconds(HOLD_SECONDS)).atMost(Duration.ofSeconds(HOLD_SECONDS + 10))
                    .until(() -> true);
            assertThat(isRecorded(held)).as("appended while the head was held").isFalse();
            lock.rollback();

            await().atMost(Duration.ofMinutes(1)).until(() -> isRecorded(held));
            producer.send(new ProducerRecord<>(topic, later, Ledger.rawEvent(Ledger.producerOf(topic), later, later,
                    "io.eer.Slow.v1", "{}"))).get();
            await().atMost(Duration.ofMinutes(1)).until(() -> isRecorded(later));
        }
    }

    private static boolean isRecorded(String eventId) throws Exception {
        try (Connection db = Ledger.jdbc();
                PreparedStatement sql = db.prepareStatement("select count(*) from ledger_entry where event_id = ?")) {
            sql.setString(1, eventId);
            try (ResultSet rows = sql.executeQuery()) {
                rows.next();
                return rows.getLong(1) == 1;
            }
        }
    }
}
