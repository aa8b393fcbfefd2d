package io.eer.audit.api;

import static io.eer.audit.api.Ledger.ADMIN;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.AccessGranted;
import io.eer.support.testing.MetricsScrape;
import io.eer.support.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * audit-service's own gauges at {@code /q/metrics} move with the ledger (README, "Observability"): its size, the age
 * of the last signed checkpoint, and the request → grant latency of recent emergency requests.
 */
@QuarkusTest
class LedgerGaugesTest {

    private static final Duration WAIT = Duration.ofMinutes(2);
    private static TopicProbe probe;

    @BeforeAll
    static void open() {
        probe = new TopicProbe(Ledger.ALERTS);
    }

    @AfterAll
    static void close() {
        probe.close();
    }

    @Test
    void ledgerSize_followsTheLedger_asItGrows() throws Exception {
        double before = await().atMost(WAIT).until(() -> current("eer_ledger_size", "select size from ledger_head"
                + " where id = 1"), Optional::isPresent).get();

        EventEnvelope event = Ledger.requested(UUID.randomUUID().toString(), "carol");
        probe.publish(Ledger.REQUESTS, event);
        Ledger.awaitLine(event);

        await().atMost(WAIT).untilAsserted(() -> assertThat(current("eer_ledger_size",
                "select size from ledger_head where id = 1")).hasValueSatisfying(size ->
                        assertThat(size).isGreaterThan(before)));
    }

    @Test
    void checkpointAge_isSecondsSinceTheLastSignedCheckpoint() {
        EventEnvelope event = Ledger.requested(UUID.randomUUID().toString(), "carol");
        probe.publish(Ledger.REQUESTS, event);
        Ledger.awaitLine(event);
        given().auth().oauth2(ADMIN).post("/v1/audit/checkpoints").then().statusCode(201);

        // -1 means no checkpoint: a fresh signature makes it a small, non-negative age
        await().atMost(WAIT).untilAsserted(() -> assertThat(MetricsScrape.sample("eer_ledger_checkpoint_age"))
                .hasValueSatisfying(age -> assertThat(age).isBetween(0.0, 60.0)));
    }

    @Test
    void requestToGrantLatency_isMeasuredFromTheRequestToItsGrant() throws Exception {
        String requestId = UUID.randomUUID().toString();
        Instant grantedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        EventEnvelope requested = Ledger.requested(requestId, "carol");
        // the request was made 3 s before its grant: the emergency p95 over the last hour is then above zero
        probe.publish(Ledger.REQUESTS, EventEnvelope.of(requested.id(), requested.source(),
                grantedAt.minusSeconds(3), requested.data()));
        probe.publish(Ledger.GRANTS, Ledger.envelope("grant-service", new AccessGranted(UUID.randomUUID().toString(),
                requestId, "carol", "payments-db", "db_admin", "postgres", "eer_carol_2", grantedAt,
                grantedAt.plus(Duration.ofMinutes(30)))));

        await().atMost(WAIT).untilAsserted(() -> assertThat(current("eer_request_to_grant_p95_emergency",
                "select coalesce(percentile_cont(0.95) within group (order by extract(epoch from (granted_at"
                        + " - requested_at))), 0) from proj_request where kind = 'EMERGENCY'"
                        + " and granted_at > now() - interval '1 hour'"))
                .hasValueSatisfying(p95 -> assertThat(p95).isGreaterThan(0.0)));
    }

    /** The gauge's sample when it equals what its query answers now (it refreshes every 0.2 s in tests). */
    private static Optional<Double> current(String metric, String query) throws Exception {
        double expected;
        try (Connection db = Ledger.jdbc(); Statement sql = db.createStatement(); ResultSet row = sql.executeQuery(query)) {
            row.next();
            expected = row.getDouble(1);
        }
        return MetricsScrape.sample(metric).filter(sample -> Math.abs(sample - expected) < 1e-6);
    }
}
