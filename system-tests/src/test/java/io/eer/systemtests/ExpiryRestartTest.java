package io.eer.systemtests;

import static io.eer.systemtests.Actors.AUDITOR;
import static io.eer.systemtests.Actors.CAROL;
import static io.eer.systemtests.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.eer.contracts.EventEnvelope;
import io.eer.contracts.Topics;
import io.eer.contracts.events.AccessExpired;
import io.eer.support.testing.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** System test 3: a deadline that passes while expiry-service is down is still honoured, late and saying so. */
class ExpiryRestartTest {

    @Test
    void expiry_whenServiceWasDownAtDeadline_firesOnRestartWithLateness() {
        EerStack eer = EerStack.get();
        String requestId = as(CAROL, "request").body(Actors.breakGlassBody("PT10S")).post("/v1/requests")
                .then().statusCode(201).extract().path("requestId");
        String grantId = await().atMost(Duration.ofSeconds(30)).until(
                () -> as(CAROL, "request").get("/v1/requests/" + requestId).<String>path("grantId"), id -> id != null);
        Instant expiresAt = Instant.parse(as(CAROL, "grant").get("/v1/grants/" + grantId).path("expiresAt"));

        // the timer must be stored before the service goes down
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> as(AUDITOR, "expiry")
                .get("/v1/timers/" + grantId).then().statusCode(200).body("status", equalTo("PENDING")));
        eer.stop("expiry");
        await().atMost(Duration.ofSeconds(40)).until(() -> Instant.now().isAfter(expiresAt.plusSeconds(5)));
        as(CAROL, "request").get("/v1/requests/" + requestId).then().body("status", equalTo("GRANTED"));

        try (TopicProbe expiries = new TopicProbe(Topics.EXPIRIES)) {
            eer.start("expiry");
            eer.awaitReady("expiry");
            AccessExpired expired = await().atMost(Duration.ofSeconds(60)).until(
                    () -> expiries.events().stream().map(EventEnvelope::data)
                            .filter(AccessExpired.class::isInstance).map(AccessExpired.class::cast)
                            .filter(e -> e.grantId().equals(grantId)).findFirst().orElse(null),
                    e -> e != null);
            assertThat(expired.latenessMillis()).isGreaterThanOrEqualTo(5000);
            assertThat(expired.firedAt()).isAfter(expired.deadline().plusSeconds(5));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(CAROL, "request")
                .get("/v1/requests/" + requestId).then().body("status", equalTo("REVOKED")));
        as(CAROL, "grant").get("/v1/grants/" + grantId).then().body("confirmed", equalTo(true));
    }
}
