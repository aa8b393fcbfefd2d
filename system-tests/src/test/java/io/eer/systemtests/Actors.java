package io.eer.systemtests;

import static io.restassured.RestAssured.given;

import io.eer.support.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** The people of the scenarios and their tokens, and REST entry points to each service. */
final class Actors {

    /** On-call contractor DBA: may ask for break-glass access. */
    static final String CAROL = TestTokens.contractor("carol", "oncall-dba");
    /** On-call employee who is also in secops: must still not approve his own request. */
    static final String DAVE = TestTokens.employee("dave", "oncall-dba", "secops");
    /** Security admin: approver and reviewer. */
    static final String ALICE = TestTokens.employee("alice", "secops");
    static final String AUDITOR = TestTokens.employee("ava", "auditors");

    private Actors() {
    }

    static RequestSpecification as(String token, String service) {
        return given().baseUri(EerStack.get().url(service)).auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** The id of the open review of {@code requestId}, once review-service has scheduled it (seen as {@code token}). */
    static String awaitReview(String token, String requestId) {
        return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(90))
                .pollInterval(java.time.Duration.ofMillis(250)).until(() -> {
                    java.util.List<java.util.Map<String, Object>> open = as(token, "review")
                            .get("/v1/reviews?status=open&limit=1000").then().statusCode(200).extract().path("$");
                    return open.stream().filter(r -> requestId.equals(r.get("requestId")))
                            .map(r -> (String) r.get("reviewId")).findFirst().orElse(null);
                }, id -> id != null);
    }

    static String breakGlassBody(String duration) {
        return """
                {"kind":"EMERGENCY","origin":"CONTRACTOR_SELF","system":"payments-db","role":"db_admin",
                 "duration":"%s","justification":"Payments DB locked during INC-1234","incident":"INC-1234"}
                """.formatted(duration);
    }
}
