package io.eer.request.relay;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eer.support.testing.TestTokens;
import io.eer.support.testing.TopicProbe;
import io.eer.support.testing.PostgresBehindProxy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The outbox relays at commit, not on its timer: with the backstop poll an hour apart, an accepted request's event
 * still reaches Kafka (it would wait an hour without the NOTIFY at commit), also after the database was gone for a
 * while (the listener's connection dies with it and must come back by itself).
 */
@QuarkusTest
@TestProfile(OutboxWakeOnCommitTest.PollOncePerHour.class)
@QuarkusTestResource(value = PostgresBehindProxy.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "eer_request"))
class OutboxWakeOnCommitTest {

    public static class PollOncePerHour implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("eer.outbox.poll-interval", "1h");
        }
    }

    private static TopicProbe probe;

    @BeforeAll
    static void probe() {
        probe = new TopicProbe("test-request.eer.requests");
    }

    @AfterAll
    static void close() {
        probe.close();
    }

    @Test
    void acceptedRequest_isPublished_withoutWaitingForThePoll() {
        submitAndAwaitPublished(3);
    }

    @Test
    void afterADatabaseOutage_theListenerReconnects_andCommitsStillWakeTheRelay() {
        submitAndAwaitPublished(1);
        PostgresBehindProxy.proxy().cut(); // every open connection dies, the listener's too
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> PostgresBehindProxy.proxy().refused() > 0); // the listener tried and was refused
        PostgresBehindProxy.proxy().restore();
        submitAndAwaitPublished(2);
    }

    private static void submitAndAwaitPublished(int count) {
        String marker = "wake-" + UUID.randomUUID();
        for (int i = 0; i < count; i++) { // each commit wakes the relay, also while a round may be running
            given().auth().oauth2(TestTokens.contractor("carol-" + i, "oncall-dba")).contentType("application/json")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .body("""
                            {"kind":"EMERGENCY","origin":"CONTRACTOR_SELF","system":"payments-db","role":"db_admin",
                             "duration":"PT30M","justification":"%s %d","incident":"INC-1234"}""".formatted(marker, i))
                    .post("/v1/requests")
                    .then().statusCode(201);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(probe.records())
                .filteredOn(r -> r.value().contains(marker)).hasSize(count));
    }
}
