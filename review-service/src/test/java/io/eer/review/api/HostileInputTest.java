package io.eer.review.api;

import io.eer.support.testing.HostileInput;
import io.eer.support.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of review-service (ReviewResource) against the shared hostile-input corpus:
 * GET /v1/reviews?status&limit, GET /v1/reviews/{reviewId}, POST /v1/reviews/{reviewId}/complete,
 * POST /v1/reviews/{reviewId}/attestation, GET /v1/reviews/{reviewId}/evidence.
 */
@QuarkusTest
class HostileInputTest {

    private static final String HOSTILE = TestTokens.employee("hostile-hugo", "secops");

    @Test
    void everyEndpoint_refusesHostileInput_cleanly_andRecordsNothing() {
        HostileInput.as(HOSTILE).probe(HostileInput.eventsMentioning("eer_review", "hostile-hugo"))
                .query("GET", "/v1/reviews", "status", "limit")
                .path("GET", "/v1/reviews/{reviewId}")
                .body("POST", "/v1/reviews/" + UUID.randomUUID() + "/complete",
                        "{\"outcome\":\"APPROPRIATE\",\"findings\":\"line one\\nline two\"}")
                .path("POST", "/v1/reviews/{reviewId}/complete")
                .body("POST", "/v1/reviews/" + UUID.randomUUID() + "/attestation",
                        "{\"statement\":\"line one\\nline two\"}")
                .path("POST", "/v1/reviews/{reviewId}/attestation")
                .path("GET", "/v1/reviews/{reviewId}/evidence")
                .verify();
    }

    /** service-support's {@code POST /v1/admin/republish?from=N}, which every service has: only refused values, since
     *  an accepted one would queue real events again. */
    @Test
    void republish_refusesHostileFrom_cleanly() {
        HostileInput.as(TestTokens.employee("hostile-hugo", "eer-admins"))
                .probe(HostileInput.eventsMentioning("eer_review", "hostile-hugo"))
                .refusedQuery("POST", "/v1/admin/republish", "from")
                .verify();
    }
}
