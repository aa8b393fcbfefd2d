package io.eer.expiry.api;

import io.eer.support.testing.HostileInput;
import io.eer.support.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of expiry-service (TimerResource) against the shared hostile-input corpus:
 * GET /v1/timers/{grantId} and GET /v1/timers?status&limit (it has no write endpoint).
 */
@QuarkusTest
class HostileInputTest {

    private static final String HOSTILE = TestTokens.employee("hostile-hugo", "eer-admins", "auditors");

    @Test
    void everyEndpoint_refusesHostileInput_cleanly_andRecordsNothing() {
        HostileInput.as(HOSTILE).probe(HostileInput.eventsMentioning("eer_expiry", "hostile-hugo"))
                .path("GET", "/v1/timers/{grantId}")
                .query("GET", "/v1/timers", "status", "limit")
                .verify();
    }

    /** service-support's {@code POST /v1/admin/republish?from=N}, which every service has: only refused values, since
     *  an accepted one would queue real events again. */
    @Test
    void republish_refusesHostileFrom_cleanly() {
        HostileInput.as(TestTokens.employee("hostile-hugo", "eer-admins"))
                .probe(HostileInput.eventsMentioning("eer_expiry", "hostile-hugo"))
                .refusedQuery("POST", "/v1/admin/republish", "from")
                .verify();
    }
}
