package io.eer.systemtests;

import static io.eer.systemtests.Actors.ALICE;
import static io.eer.systemtests.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.eer.support.testing.TestTokens;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A DBA lead asks on behalf of a contractor: the lead is recorded as the requester, the contractor is the
 * beneficiary and is the one who gets (and may fetch) the credentials; a secops approver decides.
 */
class OnBehalfRequestTest {

    private static final String LEE = TestTokens.employee("lee", "dba-leads");
    private static final String DANA = TestTokens.contractor("dana", "oncall-dba");

    @Test
    void onBehalf_theBeneficiaryGetsTheAccess_andTheRequesterDoesNot() {
        String requestId = as(LEE, "request").body("""
                {"kind":"JIT","origin":"ON_BEHALF","beneficiary":{"id":"dana","type":"CONTRACTOR"},
                 "system":"payments-db","role":"read_only","duration":"PT30M",
                 "justification":"Dana starts on the payments team today","ticket":"CHG-4711"}""")
                .post("/v1/requests")
                .then().statusCode(201).body("rule", equalTo("jit-dba-on-behalf")).extract().path("requestId");
        as(DANA, "request").get("/v1/requests/" + requestId).then().statusCode(200)
                .body("requester", equalTo("lee")).body("beneficiary", equalTo("dana"))
                .body("origin", equalTo("ON_BEHALF"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                as(ALICE, "approval").get("/v1/approvals?status=pending").then().statusCode(200)
                        .extract().<List<String>>path("requestId")).contains(requestId));
        as(ALICE, "approval").body("""
                {"decision":"APPROVE","comment":"lead vouches, ticket checked"}""")
                .post("/v1/approvals/" + requestId + "/decisions").then().statusCode(200);

        String grantId = await().atMost(Duration.ofSeconds(30)).until(
                () -> as(LEE, "request").get("/v1/requests/" + requestId).then().statusCode(200)
                        .extract().<String>path("grantId"), id -> id != null);
        as(DANA, "grant").get("/v1/grants/" + grantId).then().statusCode(200)
                .body("beneficiary", equalTo("dana")).body("status", equalTo("ACTIVE"));
        as(LEE, "grant").get("/v1/grants/" + grantId + "/credentials").then().statusCode(403);
        // payments-db is behind the session gateway: the beneficiary gets a one-time secret for it
        as(DANA, "grant").get("/v1/grants/" + grantId + "/credentials").then().statusCode(200)
                .body("via", equalTo("session-gateway")).body("user", equalTo(grantId));
        as(DANA, "grant").get("/v1/grants/" + grantId).then().body("account", equalTo(loginOf(requestId)));
        as(DANA, "request").post("/v1/requests/" + requestId + "/cancel").then().statusCode(200)
                .body("status", equalTo("CANCELLED")).body("cancelledBy", equalTo("dana"));
    }

    @Test
    void onBehalf_bySomeoneWhoIsNotASupervisor_isRefused() {
        as(DANA, "request").body("""
                {"kind":"JIT","origin":"ON_BEHALF","beneficiary":{"id":"lee","type":"EMPLOYEE"},
                 "system":"payments-db","role":"read_only","justification":"x","ticket":"CHG-1"}""")
                .post("/v1/requests")
                .then().statusCode(422).body("violations.rule", org.hamcrest.Matchers.hasItem("supervisor-group"));
    }

    /** grant-service names the temporary login after the request: eer_ + 32 hex digits of SHA-256(request id). */
    private static String loginOf(String requestId) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(requestId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "eer_" + java.util.HexFormat.of().formatHex(digest, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
