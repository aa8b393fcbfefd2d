package io.eer.audit.api;

import io.eer.support.testing.HostileInput;
import io.eer.support.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of audit-service against the shared hostile-input corpus (its resources take no bodies; the
 * admin-only POST /v1/projections/rebuild and POST /v1/audit/checkpoints take no input at all). The streaming
 * endpoints (/v1/audit/stream, /v1/audit/export) get only the values that must be refused: an accepted one would
 * open a stream. The caller is an auditor (read-only).
 */
@QuarkusTest
class HostileInputTest {

    private static final String HOSTILE = TestTokens.employee("hostile-hugo", "auditors");

    @Test
    void everyEndpoint_refusesHostileInput_cleanly_andRecordsNothing() {
        HostileInput.as(HOSTILE).probe(HostileInput.eventsMentioning("eer_audit", "hostile-hugo"))
                .query("GET", "/v1/audit/events", "from", "limit", "format")
                .refusedQuery("GET", "/v1/audit/stream", "from", "type", "system")
                .refusedQuery("GET", "/v1/audit/export", "from", "to")
                .query("GET", "/v1/audit/checkpoints", "from", "limit")
                .query("GET", "/v1/audit/proofs/inclusion", "index", "size")
                .query("GET", "/v1/audit/proofs/consistency", "from", "to")
                .path("GET", "/v1/reports/{framework}")
                .query("GET", "/v1/reports/sox", "from", "to", "format", "section")
                .path("GET", "/v1/requests/{id}/timeline")
                .path("GET", "/v1/projections/requests/{id}")
                .query("GET", "/v1/projections/grants", "status", "system")
                .path("GET", "/v1/systems/{system}/elevated")
                .query("GET", "/v1/systems/payments-db/elevated", "at")
                .path("GET", "/v1/grants/{grantId}/activity")
                .query("GET", "/v1/projections/reviews", "status")
                .path("GET", "/v1/projections/reviews/{id}")
                .verify();
    }

    /** service-support's {@code POST /v1/admin/republish?from=N}, which every service has: only refused values, since
     *  an accepted one would queue real events again. */
    @Test
    void republish_refusesHostileFrom_cleanly() {
        HostileInput.as(TestTokens.employee("hostile-hugo", "eer-admins"))
                .probe(HostileInput.eventsMentioning("eer_audit", "hostile-hugo"))
                .refusedQuery("POST", "/v1/admin/republish", "from")
                .verify();
    }
}
