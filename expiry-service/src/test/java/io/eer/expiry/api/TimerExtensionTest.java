package io.eer.expiry.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.AccessExpired;
import io.eer.contracts.events.AccessExtended;
import io.eer.contracts.events.AccessGranted;
import io.eer.contracts.events.DomainEvent;
import io.eer.support.testing.TestTokens;
import io.eer.support.testing.TopicProbe;
import io.eer.support.time.SettableClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code AccessExtended} re-arms a grant's timer: it fires once, at the new deadline, not at the old one. */
@QuarkusTest
class TimerExtensionTest {

    private static final String GRANTS = "test-expiry.eer.grants";
    private static final String EXPIRIES = "test-expiry.eer.expiries";
    private static final String AUDITOR = TestTokens.employee("erin", "auditors");
    private static TopicProbe expiries;

    @Inject
    SettableClock clock;

    @BeforeAll
    static void probes() {
        expiries = new TopicProbe(EXPIRIES);
    }

    @AfterAll
    static void close() {
        expiries.close();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void accessExtended_movesTheDeadline_andTheTimerFiresAtTheNewOne_once() {
        String grantId = UUID.randomUUID().toString();
        String requestId = UUID.randomUUID().toString();
        Instant grantedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant deadline = grantedAt.plus(Duration.ofHours(1));
        Instant extended = grantedAt.plus(Duration.ofHours(2));
        publish(new AccessGranted(grantId, requestId, "carol", "payments-db", "db_admin", "postgres", "eer_x",
                grantedAt, deadline));
        // the first join of the consumer group can take minutes on a busy machine
        await().atMost(Duration.ofMinutes(3)).untilAsserted(() -> given().auth().oauth2(AUDITOR)
                .get("/v1/timers/" + grantId).then().statusCode(200).body("status", equalTo("PENDING")));
        AccessExtended extension = new AccessExtended(grantId, requestId, "payments-db", deadline, extended,
                "carol", "failover still running", grantedAt.plusSeconds(60), null);
        EventEnvelope envelope = publish(extension);
        expiries.publish(GRANTS, envelope); // redelivered: re-armed once

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(AUDITOR)
                .get("/v1/timers/" + grantId).then().statusCode(200).body("status", equalTo("PENDING"))
                .body("deadline", equalTo(extended.toString())));

        clock.advance(Duration.ofMinutes(61)); // past the old deadline
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> expired(grantId).isEmpty());

        clock.advance(Duration.ofMinutes(60)); // past the new one
        AccessExpired fired = await().atMost(Duration.ofSeconds(20)).until(() -> expired(grantId),
                list -> !list.isEmpty()).get(0);
        assertThat(fired.deadline()).isEqualTo(extended);
        assertThat(fired.firedAt()).isAfterOrEqualTo(extended);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> expired(grantId).size() == 1);
        given().auth().oauth2(AUDITOR).get("/v1/timers/" + grantId).then().statusCode(200)
                .body("status", equalTo("FIRED"));
    }

    private static EventEnvelope publish(DomainEvent data) {
        EventEnvelope envelope = EventEnvelope.of(UUID.randomUUID().toString(), "/eer/grant-service", Instant.now(),
                data);
        expiries.publish(GRANTS, envelope);
        return envelope;
    }

    private static List<AccessExpired> expired(String grantId) {
        return expiries.events().stream().map(EventEnvelope::data)
                .filter(d -> d instanceof AccessExpired e && e.grantId().equals(grantId))
                .map(AccessExpired.class::cast).toList();
    }
}
