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

    static String breakGlassBody(String duration) {
        return """
                {"kind":"EMERGENCY","origin":"CONTRACTOR_SELF","system":"payments-db","role":"db_admin",
                 "duration":"%s","justification":"Payments DB locked during INC-1234","incident":"INC-1234"}
                """.formatted(duration);
    }
}
