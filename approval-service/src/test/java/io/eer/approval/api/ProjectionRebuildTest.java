package io.eer.approval.api;

import static io.eer.approval.api.Fixtures.decide;
import static io.eer.approval.api.Fixtures.newId;
import static io.eer.approval.api.Fixtures.publish;
import static io.eer.approval.api.Fixtures.requested;
import static io.eer.approval.api.Fixtures.view;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.startsWith;

import io.eer.contracts.events.RequestCancelled;
import io.eer.contracts.events.Values.ApprovalMode;
import io.eer.contracts.events.Values.ApprovalPlan;
import io.eer.support.testing.TestTokens;
import io.eer.support.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The approval tables are projections of {@code domain_event}: emptied and rebuilt from the event log they come
 * back exactly as the live path wrote them. The rebuild is for {@code eer-admins} only ({@code @RolesAllowed}).
 */
@QuarkusTest
class ProjectionRebuildTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SAM = TestTokens.employee("sam", "secops");
    private static final String BOB = TestTokens.employee("bob", "secops");
    private static final String DAN = TestTokens.employee("dan", "dba-leads");
    private static final String ADMIN = TestTokens.employee("ada", "eer-admins");
    private static final String APPROVALS = "select request_id, status, kind, origin, requester, beneficiary, system,"
            + " role, justification, incident, requested_duration, mode, quorum, policy_id, policy_version,"
            + " cancelled_by, version, requested_at, updated_at, closed_at, distinct_groups, decision_timeout, validity,"
            + " max_duration, mfa_methods, mfa_max_age, approver_mfa, escalation_level, decision_deadline, valid_until"
            + " from approval order by request_id";
    private static final String GROUPS = "select request_id, group_name, level from approval_group"
            + " order by request_id, level, group_name";
    private static final String DECISIONS = "select request_id, approver, decision, comment, decided_at, groups,"
            + " mfa_methods, mfa_recorded, mfa_auth_time from approval_decision order by request_id, decided_at, approver";

    private static TopicProbe probe;

    @Inject
    Pool pool;

    @BeforeAll
    static void probe() {
        probe = new TopicProbe(Fixtures.APPROVALS);
    }

    @AfterAll
    static void close() {
        probe.close();
    }

    @Test
    void rebuild_afterTheTablesAreEmptied_givesBackExactlyWhatTheLivePathWrote() {
        // approvals in every shape: decided by a quorum, denied, cancelled, break-glass, pending
        String approved = open(new ApprovalPlan(ApprovalMode.STANDARD, List.of("secops", "dba-leads"), 2, true, null,
                null, Duration.ofHours(4), null));
        decide(SAM, approved, "{\"decision\":\"APPROVE\",\"comment\":\"ok\"}").statusCode(200);
        decide(BOB, approved, "{\"decision\":\"APPROVE\"}").statusCode(200);
        decide(DAN, approved, "{\"decision\":\"APPROVE\"}").statusCode(200).body("status", equalTo("APPROVED"));
        String denied = open(new ApprovalPlan(ApprovalMode.STANDARD, List.of("secops"), 1));
        decide(SAM, denied, "{\"decision\":\"DENY\",\"comment\":\"not now\"}").statusCode(200);
        String cancelled = open(new ApprovalPlan(ApprovalMode.STANDARD, List.of("secops"), 1));
        publish(probe, new RequestCancelled(cancelled, "dave", "no longer needed"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(view(SAM, "cancelled", cancelled)).isNotNull());
        String breakGlass = newId();
        publish(probe, requested(breakGlass, "dave", "dave", "INC-5",
                new ApprovalPlan(ApprovalMode.PRE_APPROVED, List.of("secops"), 0)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(view(SAM, "approved", breakGlass)).isNotNull());
        open(new ApprovalPlan(ApprovalMode.EXPEDITED, List.of("secops"), 1, false, Duration.ofHours(1),
                List.of("dba-leads"), null, null));

        List<String> approvals = rows(APPROVALS);
        List<String> groups = rows(GROUPS);
        List<String> decisions = rows(DECISIONS);
        assertThat(approvals).hasSizeGreaterThanOrEqualTo(5);
        assertThat(decisions).hasSizeGreaterThanOrEqualTo(4);

        pool.query("delete from approval_decision").execute().await().atMost(WAIT);
        pool.query("delete from approval_group").execute().await().atMost(WAIT);
        pool.query("delete from approval").execute().await().atMost(WAIT);
        assertThat(rows(APPROVALS)).isEmpty();

        given().auth().oauth2(ADMIN).post("/v1/admin/approvals/rebuild").then().statusCode(200)
                .body("replayed", greaterThan(10));

        assertThat(rows(APPROVALS)).containsExactlyElementsOf(approvals);
        assertThat(rows(GROUPS)).containsExactlyElementsOf(groups);
        assertThat(rows(DECISIONS)).containsExactlyElementsOf(decisions);
        assertThat(view(SAM, "approved", approved)).containsEntry("approvals", List.of("sam", "bob", "dan"));
    }

    @Test
    void rebuild_isForAdminsOnly() {
        given().auth().oauth2(SAM).post("/v1/admin/approvals/rebuild").then().statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("violations[0].field", equalTo("caller"))
                .body("violations[0].rule", equalTo("admin-only"));
    }

    private String open(ApprovalPlan plan) {
        String id = newId();
        publish(probe, requested(id, "dave", "dave", null, plan));
        await().atMost(WAIT).untilAsserted(() -> assertThat(view(SAM, "all", id)).isNotNull());
        return id;
    }

    private List<String> rows(String query) {
        List<String> out = new ArrayList<>();
        for (Row row : pool.query(query).execute().await().atMost(WAIT)) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(row.getColumnName(i)).append('=').append(row.getValue(i)).append(' ');
            }
            out.add(line.toString());
        }
        return out;
    }
}
