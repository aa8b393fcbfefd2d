package io.eer.approval.api;

import static io.eer.approval.api.Fixtures.REQUESTS;
import static io.eer.approval.api.Fixtures.newId;
import static io.eer.approval.api.Fixtures.publish;
import static io.eer.approval.api.Fixtures.published;
import static io.eer.approval.api.Fixtures.requested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.ApprovalEscalated;
import io.eer.contracts.events.ApprovalTimedOut;
import io.eer.contracts.events.Values.ApprovalMode;
import io.eer.contracts.events.Values.ApprovalPlan;
import io.eer.support.testing.ServiceDatabase;
import io.eer.support.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A decision deadline fires from its in-memory wake-up: with the backstop poll and the re-arm job an hour apart (both
 * ran once, at the start, before the approval existed), an EXPEDITED approval with a 3 s decision timeout still
 * escalates, and the escalated level times out 3 s later. Without the wake-ups armed by the command that opened it
 * and by the tick that escalated it, nothing would look before an hour. A deadline already past when the request is
 * read (the consumer came late: CI once saw it) is armed only once the approval's opening committed: a wake-up before
 * the commit would find nothing due, and nothing else would look before an hour.
 */
@QuarkusTest
@QuarkusTestResource(WebhookRecorder.class)
@TestProfile(ApprovalTimerAlarmsTest.PollOncePerHour.class)
class ApprovalTimerAlarmsTest {

    public static class PollOncePerHour implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("eer.approval.timer-poll-interval", "1h", "eer.approval.timer-arm-every", "1h");
        }
    }

    private static TopicProbe probe;

    @BeforeAll
    static void probe() {
        probe = new TopicProbe(Fixtures.APPROVALS);
    }

    @AfterAll
    static void close() {
        probe.close();
    }

    @Test
    void decisionDeadlines_fireFromTheirInMemoryWakeUps_withoutAPoll() {
        String id = newId();
        publish(probe, requested(id, "dave", "dave", null, new ApprovalPlan(ApprovalMode.EXPEDITED,
                List.of("oncall-leads"), 1, false, Duration.ofSeconds(3), List.of("secops"), null, null)));

        // the first consumer join can take minutes on a loaded machine; the deadline is armed when the request is read
        List<ApprovalEscalated> escalated = await().atMost(Duration.ofMinutes(3))
                .until(() -> published(probe, id, ApprovalEscalated.class), found -> !found.isEmpty());
        assertThat(escalated).singleElement().satisfies(e -> {
            assertThat(e.fromGroup()).isEqualTo("oncall-leads");
            assertThat(e.toGroup()).isEqualTo("secops");
            assertThat(e.level()).isEqualTo(1);
        });
        assertThat(await().atMost(Duration.ofMinutes(1))
                .until(() -> published(probe, id, ApprovalTimedOut.class), found -> !found.isEmpty()))
                .singleElement().satisfies(t -> assertThat(t.escalationPath()).containsExactly("oncall-leads", "secops"));
    }

    @Test
    void decisionDeadline_alreadyPastWhenTheRequestIsRead_firesOnceTheOpeningCommitted() throws SQLException {
        String id = newId();
        try (Connection db = ServiceDatabase.connect(); Statement sql = db.createStatement()) {
            // a slow commit: every transaction that inserted an approval spends 2 s in COMMIT, after its last statement
            sql.execute("create or replace function test_slow_commit() returns trigger language plpgsql as"
                    + " $$ begin perform pg_sleep(2); return null; end $$");
            sql.execute("create constraint trigger test_slow_commit after insert on approval deferrable initially"
                    + " deferred for each row execute function test_slow_commit()");
            try {
                // requested 10 s ago with a 3 s decision timeout: the deadline passed before this service read it
                probe.publish(REQUESTS, EventEnvelope.of(newId(), "/eer/request-service",
                        Instant.now().minusSeconds(10), requested(id, "erin", "erin", null, new ApprovalPlan(
                                ApprovalMode.EXPEDITED, List.of("oncall-leads"), 1, false, Duration.ofSeconds(3),
                                List.of("secops"), null, null))));

                assertThat(await().atMost(Duration.ofMinutes(3))
                        .until(() -> published(probe, id, ApprovalEscalated.class), found -> !found.isEmpty()))
                        .singleElement().satisfies(e -> assertThat(e.toGroup()).isEqualTo("secops"));
            } finally {
                sql.execute("drop trigger test_slow_commit on approval");
            }
        }
    }
}
