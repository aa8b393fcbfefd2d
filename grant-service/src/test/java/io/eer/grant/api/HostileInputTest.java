package io.eer.grant.api;

import io.eer.support.testing.HostileInput;
import io.eer.support.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of grant-service (GrantResource) against the shared hostile-input corpus: GET /v1/grants/{grantId},
 * GET /v1/grants?requestId&beneficiary&status, GET /v1/grants/{grantId}/credentials,
 * POST /v1/grants/{grantId}/actions, POST /v1/grants/{grantId}/revoke, POST /v1/grants/{grantId}/extend,
 * POST /v1/grants/{grantId}/extend/approval.
 */
@QuarkusTest
class HostileInputTest {

    private static final String HOSTILE = TestTokens.employee("hostile-hugo", "session-agents", "secops");

    @Test
    void everyEndpoint_refusesHostileInput_cleanly_andRecordsNothing() {
        HostileInput.as(HOSTILE).probe(HostileInput.eventsMentioning("eer_grant", "hostile-hugo"))
                .path("GET", "/v1/grants/{grantId}")
                .query("GET", "/v1/grants", "requestId", "beneficiary", "status")
                .path("GET", "/v1/grants/{grantId}/credentials")
                .body("POST", "/v1/grants/" + UUID.randomUUID() + "/actions",
                        "{\"sessionId\":\"s-1\",\"action\":\"SELECT\",\"object\":\"payments.accounts\",\"source\":\"pgaudit\"}")
                .path("POST", "/v1/grants/{grantId}/actions")
                .body("POST", "/v1/grants/" + UUID.randomUUID() + "/revoke", "{\"reason\":\"done\"}")
                .path("POST", "/v1/grants/{grantId}/revoke")
                .body("POST", "/v1/grants/" + UUID.randomUUID() + "/extend",
                        "{\"duration\":\"PT10M\",\"reason\":\"failover still running\"}")
                .path("POST", "/v1/grants/{grantId}/extend")
                .path("POST", "/v1/grants/{grantId}/extend/approval")
                .verify();
    }

    /** The session gateway's redeem endpoint, called with the gateway's own identity. */
    @Test
    void gatewayRedeem_refusesHostileInput_cleanly_andRecordsNothing() {
        HostileInput.as(TestTokens.employee("session-gateway", "session-gateways"))
                .probe(HostileInput.eventsMentioning("eer_grant", "session-gateway"))
                .body("POST", "/v1/gateway/sessions",
                        "{\"secret\":\"s3cr3t\",\"user\":\"g-1\",\"database\":\"payments\"}")
                .verify();
    }

    /** service-support's {@code POST /v1/admin/republish?from=N}, which every service has: only refused values, since
     *  an accepted one would queue real events again. */
    @Test
    void republish_refusesHostileFrom_cleanly() {
        HostileInput.as(TestTokens.employee("hostile-hugo", "eer-admins"))
                .probe(HostileInput.eventsMentioning("eer_grant", "hostile-hugo"))
                .refusedQuery("POST", "/v1/admin/republish", "from")
                .verify();
    }
}
