package io.eer.request.api;

import static io.eer.request.api.Fixtures.as;
import static io.eer.request.api.Fixtures.breakGlass;

import io.eer.support.testing.HostileInput;
import io.eer.support.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of request-service (ApiResource) against the shared hostile-input corpus: POST /v1/requests,
 * POST /v1/requests:evaluate, GET /v1/requests/{id}, POST /v1/requests/{id}/cancel, GET /v1/policy,
 * PUT /v1/policy, POST /v1/policy:reload (takes no input: nothing to be hostile with, it is covered by the
 * policy tests). Nothing may be recorded for the hostile caller.
 */
@QuarkusTest
class HostileInputTest {

    /** A caller of its own, so that the probe counts only what this test could have caused. */
    private static final String HOSTILE = TestTokens.contractor("hostile-hannah", "oncall-dba", "eer-admins");

    @Test
    void everyEndpoint_refusesHostileInput_cleanly_andRecordsNothing() {
        String requestId = as(TestTokens.contractor("carol", "oncall-dba")).body(breakGlass("hostile fixture"))
                .post("/v1/requests").then().statusCode(201).extract().path("requestId");
        String onBehalf = """
                {"kind":"JIT","origin":"ON_BEHALF","beneficiary":{"id":"dana","type":"EMPLOYEE"},
                 "system":"payments-db","role":"read_only","duration":"PT2H","justification":"line one\\nline two",
                 "ticket":"CHG-77"}""";
        HostileInput.as(HOSTILE).probe(HostileInput.eventsMentioning("eer_request", "hostile-hannah"))
                .body("POST", "/v1/requests", breakGlass("Payments DB locked"))
                .body("POST", "/v1/requests", onBehalf)
                .body("POST", "/v1/requests:evaluate", breakGlass("Payments DB locked"))
                .path("GET", "/v1/requests/{id}")
                .path("POST", "/v1/requests/{id}/cancel")
                .body("POST", "/v1/requests/" + requestId + "/cancel", "{\"reason\":\"not needed\"}")
                .query("GET", "/v1/policy", "version")
                .raw("PUT", "/v1/policy", "application/yaml")
                .verify();
    }

    /** service-support's {@code POST /v1/admin/republish?from=N}, which every service has: only refused values, since
     *  an accepted one would queue real events again. */
    @Test
    void republish_refusesHostileFrom_cleanly() {
        HostileInput.as(TestTokens.employee("hostile-hannah", "eer-admins"))
                .probe(HostileInput.eventsMentioning("eer_request", "hostile-hannah"))
                .refusedQuery("POST", "/v1/admin/republish", "from")
                .verify();
    }
}
