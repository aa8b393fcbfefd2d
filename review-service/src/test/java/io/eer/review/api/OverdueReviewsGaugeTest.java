package io.eer.review.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.DomainEvent;
import io.eer.contracts.events.ReviewScheduled;
import io.eer.support.testing.TestTokens;
import io.eer.support.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code eer_overdue_reviews} at {@code /q/metrics} counts open reviews past their due date: a review of access that
 * ended three days ago (due after two) is overdue at once and counted; completing it takes it out (README,
 * "Observability").
 */
@QuarkusTest
class OverdueReviewsGaugeTest {

    private static final String SCRAPER = TestTokens.employee("prometheus", "eer-metrics");
    private static final String HEIDI = TestTokens.employee("heidi", "secops");
    private static TopicProbe probe;

    @Inject
    AgroalDataSource database;
    @Inject
    Clock clock;

    @BeforeAll
    static void open() {
        probe = new TopicProbe("test-review.eer.reviews");
    }

    @AfterAll
    static void close() {
        probe.close();
    }

    @Test
    void overdueReviews_countsAnOpenReviewPastItsDueDate_untilItIsCompleted() {
        String requestId = UUID.randomUUID().toString();
        Instant endedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofDays(3));
        publish("test-review.eer.requests", "/eer/request-service", ReviewResourceTest.requested(requestId));
        publish("test-review.eer.approvals", "/eer/approval-service", ReviewResourceTest.approved(requestId));
        publish("test-review.eer.grants", "/eer/grant-service",
                ReviewResourceTest.revoked("grant-" + requestId, requestId, endedAt));
        // the consumer group's first join can take minutes on a busy machine
        String reviewId = await().atMost(Duration.ofMinutes(3)).until(() -> scheduled(requestId), Optional::isPresent)
                .get().reviewId();
        double overdue = await().atMost(Duration.ofMinutes(2)).until(this::gaugeIfCurrent, Optional::isPresent).get();
        assertThat(overdue).as("ours is overdue").isGreaterThanOrEqualTo(1);

        given().auth().oauth2(HEIDI).contentType("application/json")
                .body(ReviewResourceTest.complete("ACCESS_APPROPRIATE", null))
                .post("/v1/reviews/" + reviewId + "/complete").then().statusCode(200);

        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(gaugeIfCurrent())
                .hasValueSatisfying(now -> assertThat(now).isLessThan(overdue)));
    }

    private static void publish(String topic, String source, DomainEvent event) {
        probe.publish(topic, EventEnvelope.of(UUID.randomUUID().toString(), source, Instant.now(), event));
    }

    private static Optional<ReviewScheduled> scheduled(String requestId) {
        return probe.events().stream().filter(e -> requestId.equals(e.subject()))
                .map(EventEnvelope::data).filter(ReviewScheduled.class::isInstance).map(ReviewScheduled.class::cast)
                .findFirst();
    }

    /** eer_overdue_reviews when it equals what its query answers now (it refreshes every 0.2 s in tests). */
    private Optional<Double> gaugeIfCurrent() throws Exception {
        long overdue;
        try (Connection connection = database.getConnection(); PreparedStatement sql = connection.prepareStatement(
                "select count(*) from review where status = 'OPEN' and due_at < ?")) {
            sql.setTimestamp(1, Timestamp.from(clock.instant()));
            try (ResultSet row = sql.executeQuery()) {
                row.next();
                overdue = row.getLong(1);
            }
        }
        String text = given().auth().oauth2(SCRAPER).get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher sample = Pattern.compile("(?m)^eer_overdue_reviews(\\{[^}]*})? ([-+0-9.eE]+)$").matcher(text);
        if (!sample.find()) {
            return Optional.empty();
        }
        double gauge = Double.parseDouble(sample.group(2));
        return gauge == overdue ? Optional.of(gauge) : Optional.empty();
    }
}
