package io.eer.expiry.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.AccessGranted;
import io.eer.support.outbox.OutboxRelay;
import io.eer.support.testing.TestTokens;
import io.eer.support.testing.TopicProbe;
import io.eer.support.time.SettableClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Metrics through the service's real wiring (service-support's OutboxRelay, EventConsumer, DatabaseGauges): each
 * metric moves at /q/metrics, which only the metrics group may read.
 */
@QuarkusTest
class ObservabilityTest {

    private static final String GRANTS = "test-expiry.eer.grants";
    private static final String EXPIRIES = "test-expiry.eer.expiries";
    private static final String SCRAPER = TestTokens.employee("prometheus", "eer-metrics");
    private static final Duration ASYNC = Duration.ofSeconds(30);
    private static TopicProbe expiries;

    @Inject
    SettableClock clock;
    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void probes() {
        expiries = new TopicProbe(EXPIRIES);
    }

    @AfterAll
    static void close() {
        expiries.close();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void metrics_moveWithConsumedPublishedAndDeadLetteredEvents() {
        double published = metric("eer_events_published_total", "type=\"io.eer.AccessExpired.v1\"");
        double consumed = metric("eer_events_consumed_total", "type=\"io.eer.AccessGranted.v1\"");
        double lateness = metric("eer_expiry_lateness_seconds_count", "");
        double deadLetters = metric("eer_dead_letters_total", "reason=\"malformed-event\"");

        String grantId = UUID.randomUUID().toString();
        armPastDeadline(grantId);
        await().atMost(ASYNC).until(() -> expiredRecord(grantId), Optional::isPresent);
        expiries.publishRaw(GRANTS, grantId, "{\"not\":\"a cloudevent\"}");

        await().atMost(ASYNC).untilAsserted(() -> {
            assertThat(metric("eer_events_published_total", "type=\"io.eer.AccessExpired.v1\"")).isGreaterThan(published);
            assertThat(metric("eer_events_consumed_total", "type=\"io.eer.AccessGranted.v1\"")).isGreaterThan(consumed);
            assertThat(metric("eer_expiry_lateness_seconds_count", "")).isGreaterThan(lateness);
            assertThat(metric("eer_dead_letters_total", "reason=\"malformed-event\"")).isEqualTo(deadLetters + 1);
        });
        // the armed grant's deadline lay 30 s back: the lateness histogram saw at least that
        assertThat(metric("eer_expiry_lateness_seconds_max", "")).isGreaterThanOrEqualTo(30.0);
        // Kafka client metrics (consumer lag among them) are bound
        assertThat(scrape()).contains("kafka_consumer_fetch_manager_records_lag_max");
    }

    @Test
    void outboxBacklog_showsUnpublishedRowsAndTheirAge_untilTheRelayCatchesUp() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            connection.setAutoCommit(true);
            // hold the relay's lock: the relay skips every round, so what is appended stays in the outbox
            sql.execute("select pg_advisory_lock(" + OutboxRelay.RELAY_LOCK + ")");
            try {
                String grantId = UUID.randomUUID().toString();
                armPastDeadline(grantId);
                await().atMost(ASYNC).untilAsserted(() -> assertThat(metric("eer_outbox_unpublished", "")).isGreaterThanOrEqualTo(1));
                clock.advance(Duration.ofMinutes(5));
                await().atMost(ASYNC).untilAsserted(() -> assertThat(metric("eer_outbox_oldest_unpublished_age_seconds", ""))
                        .isGreaterThanOrEqualTo(300));
                assertThat(expiredRecord(grantId)).isEmpty();
            } finally {
                sql.execute("select pg_advisory_unlock(" + OutboxRelay.RELAY_LOCK + ")");
            }
        }
        await().atMost(ASYNC).untilAsserted(() -> {
            assertThat(metric("eer_outbox_unpublished", "")).isZero();
            assertThat(metric("eer_outbox_oldest_unpublished_age_seconds", "")).isZero();
        });
    }

    @Test
    void configuredDatabaseGauge_followsItsQuery() throws Exception {
        String grantId = UUID.randomUUID().toString();
        armPastDeadline(grantId);
        await().atMost(ASYNC).until(() -> expiredRecord(grantId), Optional::isPresent);
        long sequence;
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement();
                ResultSet row = sql.executeQuery("select last_value from producer_sequence")) {
            row.next();
            sequence = row.getLong(1);
        }
        assertThat(sequence).isPositive();
        await().atMost(ASYNC).untilAsserted(() -> assertThat(metric("eer_producer_sequence", ""))
                .isGreaterThanOrEqualTo(sequence));
    }

    @Test
    void pendingExpiries_countsArmedTimers_andDropsWhenOneFires() throws Exception {
        String grantId = UUID.randomUUID().toString();
        arm(grantId, Instant.now().truncatedTo(ChronoUnit.MILLIS).plus(Duration.ofHours(1)));
        await().atMost(Duration.ofMinutes(3)).until(() -> count("select count(*) from timer where grant_id = '"
                + grantId + "' and fired_at is null") == 1);
        double armed = await().atMost(ASYNC).until(this::pendingExpiriesIfCurrent, Optional::isPresent).get();
        assertThat(armed).as("our timer is pending").isGreaterThanOrEqualTo(1);

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        await().atMost(ASYNC).until(() -> expiredRecord(grantId), Optional::isPresent);

        await().atMost(ASYNC).untilAsserted(() -> assertThat(pendingExpiriesIfCurrent())
                .hasValueSatisfying(now -> assertThat(now).isLessThan(armed)));
    }

    /** eer_pending_expiries when it equals what its query answers now (it refreshes every 0.2 s in tests). */
    private Optional<Double> pendingExpiriesIfCurrent() throws Exception {
        long pending = count("select count(*) from timer where fired_at is null and cancelled_at is null");
        double gauge = metric("eer_pending_expiries", "");
        return gauge == pending ? Optional.of(gauge) : Optional.empty();
    }

    private long count(String query) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement();
                ResultSet row = sql.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }

    @Test
    void metrics_areNotPublic_onlyTheMetricsGroupReadsThem() {
        given().get("/q/metrics").then().statusCode(401);
        given().auth().oauth2(TestTokens.employee("erin", "auditors")).get("/q/metrics").then().statusCode(403);
        given().auth().oauth2(SCRAPER).get("/q/metrics").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200); // health stays open for the orchestrator
    }

    private static void armPastDeadline(String grantId) {
        arm(grantId, Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30));
    }

    private static void arm(String grantId, Instant deadline) {
        String requestId = UUID.randomUUID().toString();
        AccessGranted granted = new AccessGranted(grantId, requestId, "carol", "payments-db", "db_admin", "postgres",
                "eer_carol_" + grantId.substring(0, 8), deadline.minus(Duration.ofMinutes(30)), deadline);
        String payload = EventCodec.encodeToString(
                EventEnvelope.of(UUID.randomUUID().toString(), "/eer/grant-service", Instant.now(), granted));
        expiries.publishRaw(GRANTS, requestId, payload);
    }

    private static Optional<String> expiredRecord(String grantId) {
        List<ConsumerRecord<String, String>> records = expiries.records();
        return records.stream().map(ConsumerRecord::value)
                .filter(value -> value.contains("\"grantId\":\"" + grantId + "\""))
                .findFirst();
    }

    private static String scrape() {
        return given().auth().oauth2(SCRAPER).get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The sum of a metric's samples whose labels contain {@code labels} (0 when it has none yet). */
    private static double metric(String name, String labels) {
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([-+0-9.eE]+|NaN)$")
                .matcher(scrape());
        double sum = 0;
        while (sample.find()) {
            String found = sample.group(1) == null ? "" : sample.group(1);
            if (found.contains(labels) && !"NaN".equals(sample.group(2))) {
                sum += Double.parseDouble(sample.group(2));
            }
        }
        return sum;
    }
}
