package io.eer.approval.api;

import static io.eer.approval.api.Fixtures.REQUESTS;
import static io.eer.approval.api.Fixtures.decide;
import static io.eer.approval.api.Fixtures.envelope;
import static io.eer.approval.api.Fixtures.newId;
import static io.eer.approval.api.Fixtures.requested;
import static io.eer.approval.api.Fixtures.view;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.eer.contracts.events.Values.ApprovalMode;
import io.eer.contracts.events.Values.ApprovalPlan;
import io.eer.support.testing.MetricsScrape;
import io.eer.support.testing.TestTokens;
import io.eer.support.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code eer_pending_approvals} at {@code /q/metrics} counts the approvals waiting for a decision: it rises when a
 * request that needs an approver arrives and falls when that approval is decided (README, "Observability").
 */
@QuarkusTest
class PendingApprovalsGaugeTest {

    private static final String SCRAPER = TestTokens.employee("prometheus", "eer-metrics");
    private static final String ALICE = TestTokens.employee("alice", "secops");
    private static final String SAM = TestTokens.employee("sam", "secops");
    private static TopicProbe probe;

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void open() {
        probe = new TopicProbe(Fixtures.APPROVALS);
    }

    @AfterAll
    static void close() {
        probe.close();
    }

    @Test
    void pendingApprovals_risesWithAPendingRequest_andFallsWhenItIsDecided() {
        String id = newId();
        probe.publish(REQUESTS, envelope(requested(id, "dave", "dave", null,
                new ApprovalPlan(ApprovalMode.STANDARD, List.of("secops"), 1))));
        // the consumer group's first join can take minutes on a busy machine
        await().atMost(Duration.ofMinutes(3)).untilAsserted(() -> assertThat(view(SAM, "pending", id)).isNotNull());
        double pending = await().atMost(Duration.ofMinutes(2)).until(this::gaugeIfCurrent, Optional::isPresent).get();
        assertThat(pending).as("ours is pending").isGreaterThanOrEqualTo(1);

        decide(ALICE, id, "{\"decision\":\"APPROVE\",\"comment\":\"checked the ticket\"}").statusCode(200);

        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(gaugeIfCurrent())
                .hasValueSatisfying(now -> assertThat(now).isLessThan(pending)));
    }

    /** eer_pending_approvals when it equals what its query answers now (it refreshes every 0.2 s in tests). */
    private Optional<Double> gaugeIfCurrent() throws Exception {
        long pending;
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement();
                ResultSet row = sql.executeQuery("select count(*) from approval where status = 'PENDING'")) {
            row.next();
            pending = row.getLong(1);
        }
        return MetricsScrape.sample("eer_pending_approvals").filter(gauge -> gauge == pending);
    }
}
