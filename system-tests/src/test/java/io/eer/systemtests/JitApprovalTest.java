package io.eer.systemtests;

import static io.eer.systemtests.Actors.ALICE;
import static io.eer.systemtests.Actors.CAROL;
import static io.eer.systemtests.Actors.DAVE;
import static io.eer.systemtests.Actors.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** System test 2: just-in-time access waits for an approver, who is never the requester; bad input changes nothing. */
class JitApprovalTest {

    private static final String JIT = """
            {"kind":"JIT","origin":"EMPLOYEE_SELF","system":"payments-db","role":"read_only",
             "duration":"PT1H","justification":"Month-end reconciliation check"}""";

    @Test
    void jit_isGrantedOnlyAfterAnotherPersonApproves() {
        String requestId = as(DAVE, "request").body(JIT).post("/v1/requests")
                .then().statusCode(201).body("status", equalTo("PENDING_APPROVAL")).extract().path("requestId");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                as(ALICE, "approval").get("/v1/approvals?status=pending").then().statusCode(200)
                        .extract().<List<String>>path("requestId")).contains(requestId));

        as(DAVE, "approval").body("""
                {"decision":"APPROVE","comment":"I am secops too"}""")
                .post("/v1/approvals/" + requestId + "/decisions")
                .then().statusCode(403).contentType(startsWith("application/problem+json"));
        as(DAVE, "request").get("/v1/requests/" + requestId).then().body("status", equalTo("PENDING_APPROVAL"));

        as(ALICE, "approval").body("""
                {"decision":"APPROVE","comment":"checked the ticket"}""")
                .post("/v1/approvals/" + requestId + "/decisions").then().statusCode(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(DAVE, "request")
                .get("/v1/requests/" + requestId).then().body("status", equalTo("GRANTED")));
    }

    @Test
    void badRequests_getProblemDetails_andNoGrant() {
        String nonCritical = Actors.breakGlassBody("PT30M").replace("payments-db", "hr-portal").replace("db_admin", "viewer");
        refused(nonCritical, 422, "system", "emergency-needs-critical-system");
        refused(Actors.breakGlassBody("PT2H"), 422, "duration", "max-duration");
        refused(Actors.breakGlassBody("PT30M").replace("\"justification\":\"Payments DB locked during INC-1234\",", ""),
                422, "justification", "required");
        refused("{\"kind\":\"EMERGENCY\",", 400, "body", "json-syntax");

        given().baseUri(EerStack.get().url("request")).contentType(ContentType.JSON)
                .body(Actors.breakGlassBody("PT30M")).post("/v1/requests")
                .then().statusCode(401).contentType(startsWith("application/problem+json"));
    }

    private static void refused(String body, int status, String field, String rule) {
        String requestId = as(CAROL, "request").body(body).post("/v1/requests")
                .then().statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("violations.field", hasItem(field))
                .body("violations.rule", hasItem(rule))
                .extract().header("EER-Request-Id");
        if (requestId != null) {
            as(CAROL, "request").get("/v1/requests/" + requestId).then().body("status", equalTo("REJECTED"))
                    .body("grantId", equalTo(null));
        }
    }
}
