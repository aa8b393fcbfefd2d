package io.eer.approval.api;

import io.eer.support.testing.HostileInput;
import io.eer.support.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of approval-service (ApprovalResource) against the shared hostile-input corpus:
 * GET /v1/approvals?status&limit and POST /v1/approvals/{requestId}/decisions. Nothing may be recorded for the
 * hostile caller (not even an AttemptRefused: bad input is refused before any decision is tried).
 */
@QuarkusTest
class HostileInputTest {

    private static final String HOSTILE = TestTokens.employee("hostile-hugo", "secops");

    @Test
    void everyEndpoint_refusesHostileInput_cleanly_andRecordsNothing() {
        String decisions = "/v1/approvals/" + UUID.randomUUID() + "/decisions";
        HostileInput.as(HOSTILE).probe(HostileInput.eventsMentioning("eer_approval", "hostile-hugo"))
                .query("GET", "/v1/approvals", "status", "limit")
                .body("POST", decisions, "{\"decision\":\"APPROVE\",\"comment\":\"line one\\nline two\"}")
                .path("POST", "/v1/approvals/{requestId}/decisions")
                .path("GET", "/v1/approvals/{requestId}")
                .verify();
    }

    /** service-support's {@code POST /v1/admin/republish?from=N}, which every service has: only refused values, since
     *  an accepted one would queue real events again. */
    @Test
    void republish_refusesHostileFrom_cleanly() {
        HostileInput.as(TestTokens.employee("hostile-hugo", "eer-admins"))
                .probe(HostileInput.eventsMentioning("eer_approval", "hostile-hugo"))
                .refusedQuery("POST", "/v1/admin/republish", "from")
                .verify();
    }
}
