package io.eer.request.api;

import static io.eer.request.api.Fixtures.as;
import static io.eer.request.api.Fixtures.breakGlass;
import static io.eer.request.api.Fixtures.count;
import static io.eer.request.api.Fixtures.marker;
import static io.eer.request.api.Fixtures.storedEventsContaining;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.eer.support.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/requests} always answers, and nothing is half-accepted, when the database holds its write up (under
 * load 37 a POST once got no answer at all). The test holds the producer's counter row, where every append queues,
 * the way a stuck transaction would: the POST answers 503 problem+json within {@code eer.resilience.request-deadline}
 * instead of hanging; its transaction is not cancelled but commits whole once the row is free, and the caller's retry
 * with the same Idempotency-Key gets that request, not a second one. A caller that hangs up mid-write leaves no
 * transaction open behind it (a cancelled reactive transaction could leave its connection with the counter row locked).
 */
@QuarkusTest
@TestProfile(StuckDatabaseAnswerTest.ShortDeadline.class)
class StuckDatabaseAnswerTest {

    public static class ShortDeadline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("eer.resilience.request-deadline", "3s");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void postWhileAppendsAreStuck_answers503InTime_thenTheRetryGetsTheRequestOnce() throws Exception {
        String marker = marker();
        String key = UUID.randomUUID().toString();
        String carol = TestTokens.contractor("carol-stuck-" + UUID.randomUUID(), "oncall-dba");
        try (Connection holder = connect()) {
            holder.setAutoCommit(false);
            holder.createStatement().executeQuery("select last_value from producer_sequence for update").close();

            // answered while the row is still held: only the deadline can answer now (without it: no answer at all,
            // and this client gives up after two minutes)
            as(carol).config(patientFor(Duration.ofMinutes(2))).header("Idempotency-Key", key).body(breakGlass(marker))
                    .post("/v1/requests")
                    .then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", equalTo("5"))
                    .body("detail", containsString("Idempotency-Key"));
            assertThat(storedEventsContaining(marker)).isZero(); // not committed while the row is held
            holder.commit();
        }

        // the write was not cancelled: it commits whole (event, outbox row, idempotency answer) once the row is free
        await().atMost(WAIT).until(() -> storedEventsContaining(marker) == 1);
        String requestId = as(carol).header("Idempotency-Key", key).body(breakGlass(marker)).post("/v1/requests")
                .then().statusCode(201).extract().path("requestId");
        assertThat(storedEventsContaining(marker)).isEqualTo(1);
        assertThat(count("select count(*) from outbox where payload like ?", "%" + marker + "%")).isEqualTo(1);
        assertThat(count("select count(*) from domain_event where aggregate_id = ?", requestId)).isEqualTo(1);
    }

    @Test
    void callerHangsUpMidWrite_noTransactionStaysOpen_andTheNextWriteGoesThrough() throws Exception {
        String marker = marker();
        try (Connection holder = connect()) {
            holder.setAutoCommit(false);
            holder.createStatement().executeQuery("select last_value from producer_sequence for update").close();
            try {
                as(TestTokens.contractor("carol-gone", "oncall-dba")).config(patientFor(Duration.ofMillis(500)))
                        .body(breakGlass(marker)).post("/v1/requests");
            } catch (Exception hungUp) {
                // the client gave up after 0.5 s and closed the connection: the service sees the caller gone
            }
            holder.commit();
        }
        // the abandoned write ran to its own end: nothing of this service sits idle inside a transaction
        await().atMost(WAIT).until(() -> storedEventsContaining(marker) == 1);
        await().atMost(WAIT).until(() -> count("select count(*) from pg_stat_activity where datname ="
                + " current_database() and state like 'idle in transaction%' and pid <> pg_backend_pid()") == 0);
        String next = marker();
        as(TestTokens.contractor("carol-next", "oncall-dba")).body(breakGlass(next)).post("/v1/requests")
                .then().statusCode(201);
        assertThat(storedEventsContaining(next)).isEqualTo(1);
    }

    /** A client that gives up (and closes its connection) after {@code timeout} without an answer. */
    private static RestAssuredConfig patientFor(Duration timeout) {
        return RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.socket.timeout", (int) timeout.toMillis()));
    }

    private static Connection connect() throws java.sql.SQLException {
        String host = System.getenv().getOrDefault("EER_DB_URL_HOST", "127.0.0.1");
        String port = System.getenv().getOrDefault("EER_DB_PORT", "35432");
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/eer_request",
                System.getenv().getOrDefault("EER_DB_USER", "eer"), System.getenv().getOrDefault("EER_DB_PASSWORD", "eer"));
    }
}
