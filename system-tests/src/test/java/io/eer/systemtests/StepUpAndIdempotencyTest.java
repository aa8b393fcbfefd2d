package io.eer.systemtests;

import static io.eer.systemtests.Actors.CAROL;
import static io.eer.systemtests.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.eer.support.testing.TestTokens;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** RFC 9470 step-up when the policy wants MFA the token lacks; Idempotency-Key retries create nothing new. */
class StepUpAndIdempotencyTest {

    private static final String CAROL_PASSWORD_ONLY = TestTokens.token("carol", List.of("oncall-dba"), "CONTRACTOR",
            false);

    @Test
    void breakGlass_withoutMfa_isAnsweredWithAStepUpChallenge() {
        String requestId = as(CAROL_PASSWORD_ONLY, "request").body(Actors.breakGlassBody("PT30M"))
                .post("/v1/requests")
                .then().statusCode(401).contentType(containsString("application/problem+json"))
                .header("WWW-Authenticate", containsString("Bearer error=\"insufficient_user_authentication\""))
                .header("WWW-Authenticate", containsString("max_age="))
                .body("violations[0].rule", equalTo("mfa-method"))
                .body("acceptedMethods", hasItem("mfa"))
                .extract().header("EER-Request-Id");
        as(CAROL, "request").get("/v1/requests/" + requestId).then().statusCode(200)
                .body("status", equalTo("REJECTED")).body("grantId", equalTo(null));
    }

    @Test
    void retryWithTheSameIdempotencyKey_returnsTheFirstAnswer_andGrantsOnce() {
        String key = UUID.randomUUID().toString();
        Response first = as(CAROL, "request").header("Idempotency-Key", key).body(Actors.breakGlassBody("PT5M"))
                .post("/v1/requests");
        first.then().statusCode(201);
        String requestId = first.path("requestId");

        Response retry = as(CAROL, "request").header("Idempotency-Key", key).body(Actors.breakGlassBody("PT5M"))
                .post("/v1/requests");
        retry.then().statusCode(201).header("Idempotent-Replayed", "true").body("requestId", equalTo(requestId))
                .header("Location", first.header("Location"));
        as(CAROL, "request").header("Idempotency-Key", key).body(Actors.breakGlassBody("PT10M")).post("/v1/requests")
                .then().statusCode(422).body("violations[0].field", equalTo("Idempotency-Key"))
                .body("violations[0].rule", equalTo("idempotency-key-reuse"));

        String grantId = await().atMost(Duration.ofSeconds(30)).until(
                () -> as(CAROL, "request").get("/v1/requests/" + requestId).then().extract().<String>path("grantId"),
                id -> id != null);
        assertThat(as(CAROL, "grant").get("/v1/grants?requestId=" + requestId).then().statusCode(200)
                .extract().<List<String>>path("grantId")).containsExactly(grantId);
        as(CAROL, "request").post("/v1/requests/" + requestId + "/cancel").then().statusCode(200);
    }
}
