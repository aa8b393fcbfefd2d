package io.eer.expiry.infra.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.AccessExpired;
import io.eer.contracts.events.AccessGranted;
import io.eer.support.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A deadline within the horizon fires from its in-memory timer: with the poll and the re-arm job an hour apart, the
 * grant still expires (without arming it would wait for the next poll, an hour later).
 */
@QuarkusTest
@TestProfile(TimerArmingTest.PollOncePerHour.class)
class TimerArmingTest {

    public static class PollOncePerHour implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("eer.expiry.poll-interval", "1h", "eer.expiry.arm-every", "1h");
        }
    }

    private static TopicProbe probe;

    @BeforeAll
    static void probe() {
        probe = new TopicProbe("test-expiry.eer.expiries");
    }

    @AfterAll
    static void close() {
        probe.close();
    }

    @Test
    void deadlineWithinTheHorizon_firesFromItsInMemoryTimer_withoutAPoll() {
        String grantId = UUID.randomUUID().toString();
        String requestId = UUID.randomUUID().toString();
        Instant deadline = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
        probe.publish("test-expiry.eer.grants", EventEnvelope.of(UUID.randomUUID().toString(), "/eer/grant-service",
                Instant.now(), new AccessGranted(grantId, requestId, "carol", "payments-db", "db_admin", "postgres",
                        "eer_arming", Instant.now(), deadline)));

        // the first consumer join can take minutes on a loaded machine; the timer is armed when the grant is read
        AccessExpired expired = await().atMost(Duration.ofMinutes(3)).until(() -> probe.events().stream()
                        .map(EventEnvelope::data).filter(AccessExpired.class::isInstance).map(AccessExpired.class::cast)
                        .filter(e -> e.grantId().equals(grantId)).findFirst(), found -> found.isPresent()).get();
        assertThat(expired.deadline()).isEqualTo(deadline);
        assertThat(expired.firedAt()).isAfterOrEqualTo(deadline);
    }
}
