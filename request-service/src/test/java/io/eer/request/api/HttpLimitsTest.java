package io.eer.request.api;

import static io.eer.request.api.Fixtures.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.eer.support.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Body-size and per-caller write-rate limits (service-support BodySizeLimit, WriteRateLimiter), with a small
 * bucket: 3 writes at once, one more per minute (session agents 5).
 */
@QuarkusTest
@TestProfile(HttpLimitsTest.SmallLimits.class)
class HttpLimitsTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("eer.http.write-rate-limit.burst", "3", "eer.http.write-rate-limit.refill-every", "PT1M",
                    "eer.http.write-rate-limit.agent-burst", "5", "eer.http.write-rate-limit.agent-refill-every", "PT1M");
        }
    }

    private static final String EVALUATE = """
            {"kind":"EMERGENCY","origin":"CONTRACTOR_SELF","system":"payments-db","role":"db_admin",
             "duration":"PT30M","justification":"rate test","incident":"INC-1234"}""";

    @Test
    void writes_beyondTheCallersBucket_get429WithRetryAfter_othersAndReadsAreNotLimited() {
        String rita = TestTokens.contractor("rita", "oncall-dba");
        for (int i = 0; i < 3; i++) {
            as(rita).body(EVALUATE).post("/v1/requests:evaluate").then().statusCode(200);
        }

        Response refused = as(rita).body(EVALUATE).post("/v1/requests:evaluate");

        refused.then().statusCode(429).contentType(startsWith("application/problem+json"))
                .body("violations[0].field", equalTo("caller")).body("violations[0].rule", equalTo("rate-limit"));
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
        // reads are not limited, and the bucket is per caller
        given().auth().oauth2(rita).get("/v1/policy").then().statusCode(200);
        as(TestTokens.contractor("ruth", "oncall-dba")).body(EVALUATE).post("/v1/requests:evaluate").then()
                .statusCode(200);
    }

    @Test
    void sessionAgents_getTheirOwnLargerBucket_stillBounded() {
        String agent = TestTokens.employee("agent-7", "session-agents");
        for (int i = 0; i < 5; i++) {
            as(agent).body(EVALUATE).post("/v1/requests:evaluate").then().statusCode(org.hamcrest.Matchers.not(429));
        }

        as(agent).body(EVALUATE).post("/v1/requests:evaluate").then().statusCode(429)
                .body("violations[0].rule", equalTo("rate-limit"));
    }

    @Test
    void body_largerThanTheLimit_is413Problem_beforeItIsRead() {
        String big = "{\"justification\":\"" + "x".repeat(600 * 1024) + "\"}";

        as(TestTokens.contractor("bob", "oncall-dba")).body(big).post("/v1/requests:evaluate").then()
                .statusCode(413).contentType(startsWith("application/problem+json"))
                .body("violations[0].field", equalTo("body")).body("violations[0].rule", equalTo("max-body-size"));
    }
}
