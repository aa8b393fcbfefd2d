package io.eer.grant.api;

import static io.eer.grant.api.Fixtures.APPROVALS;
import static io.eer.grant.api.Fixtures.ASYNC;
import static io.eer.grant.api.Fixtures.EXPIRIES;
import static io.eer.grant.api.Fixtures.GRANTS;
import static io.eer.grant.api.Fixtures.approved;
import static io.eer.grant.api.Fixtures.expired;
import static io.restassured.RestAssured.given;
import static io.eer.support.testing.TestTraces.newTraceparent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import io.eer.support.observability.Traceparent;
import io.eer.support.testing.TestTokens;
import io.eer.support.testing.TopicProbe;
import io.eer.support.testing.MetricsScrape;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * grant-service continues the trace of what it consumes: the {@code AccessGranted} of an {@code Approved} carries the
 * approval's trace id, and the revocation that an {@code AccessExpired} causes (the target's login removed through the
 * connector, then {@code AccessRevoked}) carries the trace id of that {@code AccessExpired}: one trace from the request
 * to the revocation. The {@code eer_live_grants} gauge follows the grants going live and ending.
 */
@QuarkusTest
class GrantTraceTest {

    private static final String SCRAPER = TestTokens.employee("prometheus", "eer-metrics");
    private static TopicProbe grants;

    @BeforeAll
    static void setUp() throws Exception {
        TestDatabases.seedTarget();
        grants = new TopicProbe(GRANTS);
    }

    @AfterAll
    static void tearDown() {
        grants.close();
    }

    @Test
    void grantAndItsRevocation_continueTheTracesOfApprovedAndAccessExpired_andLiveGrantsFollows() throws Exception {
        String approvalTrace = newTraceparent();
        String requestId = UUID.randomUUID().toString();
        EventEnvelope approval = approved(requestId, "payments-db", "read_only", Duration.ofMinutes(30));
        grants.publishRaw(APPROVALS, requestId, Traceparent.stamp(EventCodec.encodeToString(approval), approvalTrace));

        String granted = await().atMost(Duration.ofMinutes(3)).until(() -> record(requestId, "io.eer.AccessGranted.v1"),
                Optional::isPresent).get();
        assertThat(traceIdOf(granted)).isEqualTo(Traceparent.traceId(approvalTrace));
        String grantId = EventCodec.readTree(granted.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .path("data").path("grantId").asText();
        double live = await().atMost(ASYNC).until(() -> liveGrantsIfCurrent(), Optional::isPresent).get();
        assertThat(live).isGreaterThanOrEqualTo(1);

        String expiryTrace = newTraceparent();
        grants.publishRaw(EXPIRIES, requestId,
                Traceparent.stamp(EventCodec.encodeToString(expired(grantId, requestId)), expiryTrace));

        String revoked = await().atMost(ASYNC).until(() -> record(requestId, "io.eer.AccessRevoked.v1"),
                Optional::isPresent).get();
        assertThat(traceIdOf(revoked)).as("the revocation continues the expiry's trace")
                .isEqualTo(Traceparent.traceId(expiryTrace));
        await().atMost(ASYNC).untilAsserted(() -> assertThat(liveGrantsIfCurrent()).hasValueSatisfying(
                after -> assertThat(after).isLessThan(live)));
    }

    private static String traceIdOf(String event) {
        return Traceparent.traceId(Traceparent.of(event)
                .orElseThrow(() -> new AssertionError("the event carries no traceparent")));
    }

    private static Optional<String> record(String requestId, String type) {
        return grants.records().stream().map(ConsumerRecord::value)
                .filter(value -> value.contains("\"subject\":\"" + requestId + "\"") && value.contains(type))
                .findFirst();
    }

    /** eer_live_grants, when it equals what its query answers now (the gauge refreshes every 0.2 s in tests). */
    private static Optional<Double> liveGrantsIfCurrent() throws Exception {
        long active = TestDatabases.count(TestDatabases.SERVICE,
                "select count(*) from grant_view where status = 'ACTIVE'");
        return MetricsScrape.sample("eer_live_grants").filter(value -> value == active);
    }
}
