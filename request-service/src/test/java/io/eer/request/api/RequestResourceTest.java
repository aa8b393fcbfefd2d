package io.eer.request.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.Approved;
import io.eer.contracts.events.EmergencyRequested;
import io.eer.contracts.events.RequestRejected;
import io.eer.contracts.events.Values.ApprovalMode;
import io.eer.contracts.events.Values.PolicyRef;
import io.eer.support.testing.TestTokens;
import io.eer.support.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RequestResourceTest {

    private static final String REQUESTS = "test-request.eer.requests";
    private static final String APPROVALS = "test-request.eer.approvals";
    private static final String CAROL = TestTokens.contractor("carol", "oncall-dba");
    private static TopicProbe probe;

    @BeforeAll
    static void probe() {
        probe = new TopicProbe(REQUESTS);
    }

    @AfterAll
    static void close() {
        probe.close();
    }

    static String breakGlass(String system, String duration) {
        return """
                {"kind":"EMERGENCY","origin":"CONTRACTOR_SELF","system":"%s","role":"db_admin",
                 "duration":"%s","justification":"payments DB locked","incident":"INC-1234"}
                """.formatted(system, duration);
    }

    @Test
    void submit_whenBreakGlassWithinPolicy_isAcceptedAndPublished() {
        String requestId = given().auth().oauth2(CAROL).contentType("application/json")
                .body(breakGlass("payments-db", "PT30S"))
                .when().post("/v1/requests")
                .then().log().ifValidationFails().statusCode(201)
                .header("Location", startsWith("http"))
                .body("status", equalTo("PENDING_APPROVAL"))
                .extract().path("requestId");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(probe.events())
                .filteredOn(e -> e.subject().equals(requestId))
                .singleElement()
                .satisfies(e -> {
                    EmergencyRequested requested = (EmergencyRequested) e.data();
                    assertThat(requested.requester().id()).isEqualTo("carol");
                    assertThat(requested.approval().mode()).isEqualTo(ApprovalMode.PRE_APPROVED);
                    assertThat(requested.policy().id()).isEqualTo("eer-local");
                    assertThat(e.source()).isEqualTo("/eer/request-service");
                }));
    }

    @Test
    void status_followsApprovalEvents_once() {
        String requestId = given().auth().oauth2(CAROL).contentType("application/json")
                .body(breakGlass("payments-db", "PT30S")).post("/v1/requests")
                .then().statusCode(201).extract().path("requestId");
        EventEnvelope approved = EventEnvelope.of(UUID.randomUUID().toString(), "/eer/approval-service",
                Instant.now(), new Approved(requestId, List.of("policy:break-glass-dba"), ApprovalMode.PRE_APPROVED,
                        Duration.ofSeconds(30), "carol", "carol", "payments-db", "db_admin",
                        new PolicyRef("eer-local", "1")));
        probe.publish(APPROVALS, approved);
        probe.publish(APPROVALS, approved);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(CAROL)
                .get("/v1/requests/" + requestId)
                .then().statusCode(200).body("status", equalTo("APPROVED")));
    }

    @Test
    void submit_whenEmergencyOnNonCriticalSystem_isRefusedAndRecorded() {
        String requestId = given().auth().oauth2(CAROL).contentType("application/json")
                .body(breakGlass("hr-portal", "PT30S").replace("db_admin", "viewer"))
                .post("/v1/requests")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations.rule", hasItem("emergency-needs-critical-system"))
                .body("violations.field", hasItem("system"))
                .extract().header("EER-Request-Id");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(probe.events())
                .filteredOn(e -> e.subject().equals(requestId))
                .singleElement()
                .satisfies(e -> assertThat(e.data()).isInstanceOf(RequestRejected.class)));
        given().auth().oauth2(CAROL).get("/v1/requests/" + requestId)
                .then().statusCode(200).body("status", equalTo("REJECTED"));
    }

    @Test
    void submit_whenDurationOverMaximum_isRefused() {
        given().auth().oauth2(CAROL).contentType("application/json")
                .body(breakGlass("payments-db", "PT2H")).post("/v1/requests")
                .then().statusCode(422).body("violations[0].field", equalTo("duration"))
                .body("violations[0].rule", equalTo("max-duration"));
    }

    @Test
    void submit_whenBodyMalformed_isBadRequest() {
        given().auth().oauth2(CAROL).contentType("application/json").body("{\"kind\": ")
                .post("/v1/requests")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].rule", equalTo("json-syntax"));
        given().auth().oauth2(CAROL).contentType("application/json")
                .body(breakGlass("payments-db", "PT30S").replace("EMERGENCY", "PANIC")).post("/v1/requests")
                .then().statusCode(400).body("violations[0].field", equalTo("kind"));
        given().auth().oauth2(CAROL).contentType("application/json")
                .body(breakGlass("payments-db", "thirty seconds")).post("/v1/requests")
                .then().statusCode(400).body("violations[0].field", equalTo("duration"));
    }

    @Test
    void submit_withoutToken_isUnauthorized() {
        given().contentType("application/json").body(breakGlass("payments-db", "PT30S"))
                .post("/v1/requests").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"));
        given().auth().oauth2(CAROL.substring(0, CAROL.length() - 4) + "AAAA").contentType("application/json")
                .body(breakGlass("payments-db", "PT30S")).post("/v1/requests")
                .then().statusCode(401).contentType("application/problem+json");
    }
}
