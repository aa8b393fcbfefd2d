package io.eer.approval.api;

import static io.eer.approval.api.Fixtures.newId;
import static io.eer.approval.api.Fixtures.publish;
import static io.eer.approval.api.Fixtures.requested;
import static io.eer.approval.api.Fixtures.view;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.eer.contracts.events.Values.ApprovalMode;
import io.eer.contracts.events.Values.ApprovalPlan;
import io.eer.support.testing.TestTokens;
import io.eer.support.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/approvals/{requestId}}: where the "Decide" link of an approver notification leads. Approvers of a
 * group reached so far see it (any status); everyone else gets the same 404 as for an unknown request.
 */
@QuarkusTest
class ApprovalLinkTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SAM = TestTokens.employee("sam", "secops");
    private static final String LOU = TestTokens.employee("lou", "oncall-leads");
    private static final String DAVE = TestTokens.employee("dave", "oncall-dba");

    private static TopicProbe probe;

    @BeforeAll
    static void probe() {
        probe = new TopicProbe(Fixtures.APPROVALS);
    }

    @AfterAll
    static void close() {
        probe.close();
    }

    @Test
    void show_toAnApproverOfTheRequest_givesTheApproval() {
        String id = newId();
        publish(probe, requested(id, "dave", "dave", null, new ApprovalPlan(ApprovalMode.STANDARD, List.of("secops"), 1)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(view(SAM, "pending", id)).isNotNull());

        given().auth().oauth2(SAM).get("/v1/approvals/" + id).then().statusCode(200)
                .body("requestId", equalTo(id)).body("status", equalTo("PENDING"))
                .body("approverGroups[0]", equalTo("secops"));
    }

    @Test
    void show_toSomeoneOutsideItsGroups_isNotFound_likeAnUnknownRequest() {
        String id = newId();
        publish(probe, requested(id, "dave", "dave", null, new ApprovalPlan(ApprovalMode.STANDARD, List.of("secops"), 1)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(view(SAM, "pending", id)).isNotNull());

        given().auth().oauth2(LOU).get("/v1/approvals/" + id).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().auth().oauth2(DAVE).get("/v1/approvals/" + id).then().statusCode(404);
        given().auth().oauth2(SAM).get("/v1/approvals/" + newId()).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void show_withAnIdNoRequestCanHave_isABadRequestNamingIt() {
        given().auth().oauth2(SAM).get("/v1/approvals/" + "x".repeat(129)).then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("violations[0].field", equalTo("requestId"))
                .body("violations[0].rule", equalTo("format"));
    }
}
