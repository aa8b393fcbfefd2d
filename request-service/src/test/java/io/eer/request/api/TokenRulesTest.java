package io.eer.request.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.eer.support.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tokens fail closed (service-support TokenRules and the smallrye-jwt settings): each test takes a token that
 * is good but for one claim, and shows that it is refused with a 401 problem naming that claim.
 */
@QuarkusTest
class TokenRulesTest {

    private static Map<String, Object> claims() {
        return TestTokens.claims("tara", List.of("oncall-dba"), "CONTRACTOR", true);
    }

    private static io.restassured.response.ValidatableResponse policyWith(Map<String, Object> claims) {
        return given().auth().oauth2(TestTokens.sign(claims)).get("/v1/policy").then();
    }

    private static void refusedNaming(Map<String, Object> claims, String claim, String rule) {
        policyWith(claims).statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .header("WWW-Authenticate", containsString("invalid_token"))
                .body("violations[0].field", equalTo(claim))
                .body("violations[0].rule", equalTo(rule));
    }

    @Test
    void token_withEveryClaim_isAccepted() {
        policyWith(claims()).statusCode(200);
    }

    @Test
    void token_withoutSub_isRefusedNamingSub() {
        Map<String, Object> claims = claims();
        claims.remove("sub"); // upn stays: smallrye-jwt would find a principal name, we still refuse
        refusedNaming(claims, "sub", "required");
    }

    @Test
    void token_withoutEmployeeType_isRefused_notTakenForAnEmployee() {
        Map<String, Object> claims = claims();
        claims.remove("employee_type");
        refusedNaming(claims, "employee_type", "required");
    }

    @Test
    void token_withUnknownEmployeeType_isRefused() {
        Map<String, Object> claims = claims();
        claims.put("employee_type", "VENDOR");
        refusedNaming(claims, "employee_type", "one-of");
    }

    @Test
    void token_withAuthTimeInTheFuture_isRefused() {
        Map<String, Object> claims = claims();
        claims.put("auth_time", Instant.now().getEpochSecond() + 600);
        refusedNaming(claims, "auth_time", "not-in-future");
    }

    @Test
    void token_withAuthTimeInsideTheClockSkew_isAccepted() {
        Map<String, Object> claims = claims();
        claims.put("auth_time", Instant.now().getEpochSecond() + 20);
        policyWith(claims).statusCode(200);
    }

    @Test
    void token_forAnotherAudience_isRefused() {
        Map<String, Object> claims = claims();
        claims.put("aud", "some-other-app");
        policyWith(claims).statusCode(401).contentType(startsWith("application/problem+json"));
    }

    @Test
    void token_withoutAudience_isRefused() {
        Map<String, Object> claims = claims();
        claims.remove("aud");
        policyWith(claims).statusCode(401).contentType(startsWith("application/problem+json"));
    }

    @Test
    void token_issuedLongerAgoThanTheMaximumAge_isRefused_evenIfNotExpired() {
        Map<String, Object> claims = claims();
        long now = Instant.now().getEpochSecond();
        claims.put("iat", now - 13 * 3600);
        claims.put("auth_time", now - 13 * 3600);
        claims.put("exp", now + 3600);
        refusedNaming(claims, "iat", "max-token-age");
    }

    @Test
    void token_withoutExpiry_isRefused() {
        Map<String, Object> claims = claims();
        claims.remove("exp");
        policyWith(claims).statusCode(401).contentType(startsWith("application/problem+json"));
    }

    @Test
    void token_withoutIssuedAt_isRefused() {
        Map<String, Object> claims = claims();
        claims.remove("iat");
        policyWith(claims).statusCode(401).contentType(startsWith("application/problem+json"));
    }
}
