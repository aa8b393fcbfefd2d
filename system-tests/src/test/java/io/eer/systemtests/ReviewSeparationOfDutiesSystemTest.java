package io.eer.systemtests;

import static io.eer.systemtests.Actors.ALICE;
import static io.eer.systemtests.Actors.DAVE;
import static io.eer.systemtests.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.eer.contracts.EventEnvelope;
import io.eer.contracts.Topics;
import io.eer.contracts.events.AccessGranted;
import io.eer.contracts.events.AttemptRefused;
import io.eer.support.testing.TestTokens;
import io.eer.support.testing.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * After the access: nobody who asked for, received or approved it reviews it (each refused attempt is an
 * AttemptRefused on eer.reviews); a break-glass access gets a mandatory review; the grant's clock starts when
 * access is granted, not when it was requested.
 */
class ReviewSeparationOfDutiesSystemTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String HEIDI = TestTokens.employee("heidi", "secops");
    private static final String DONE = "{\"outcome\":\"ACCESS_APPROPRIATE\"}";

    private static TopicProbe probe;

    @BeforeAll
    static void start() {
        EerStack.get();
        probe = new TopicProbe(Topics.GRANTS, Topics.REVIEWS);
    }

    @AfterAll
    static void close() {
        probe.close();
    }

    @Test
    void jit_approverAndRequester_neverReview_andTheGrantClockStartsAtGrant() {
        String requestId = as(DAVE, "request").body("""
                {"kind":"JIT","origin":"EMPLOYEE_SELF","system":"payments-db","role":"read_only",
                 "duration":"PT5S","justification":"Reconcile one invoice"}""").post("/v1/requests")
                .then().statusCode(201).extract().path("requestId");
        await().atMost(WAIT).untilAsserted(() -> assertThat(as(ALICE, "approval").get("/v1/approvals?status=pending")
                .then().statusCode(200).extract().<List<String>>path("requestId")).contains(requestId));

        Instant approvedFrom = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        as(ALICE, "approval").body("{\"decision\":\"APPROVE\"}").post("/v1/approvals/" + requestId + "/decisions")
                .then().statusCode(200).body("status", equalTo("APPROVED"));

        AccessGranted granted = await().atMost(WAIT).until(() -> events(requestId, AccessGranted.class),
                list -> !list.isEmpty()).get(0);
        assertThat(granted.grantedAt()).isAfterOrEqualTo(approvedFrom);
        assertThat(Duration.between(granted.grantedAt(), granted.expiresAt())).isEqualTo(Duration.ofSeconds(5));

        String reviewId = awaitReview(requestId);
        complete(DAVE, reviewId).statusCode(403).body("violations[0].field", equalTo("reviewer"))
                .body("violations[0].rule", equalTo("separation-of-duties"));
        complete(ALICE, reviewId).statusCode(403).body("violations[0].rule", equalTo("separation-of-duties"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(events(requestId, AttemptRefused.class))
                .extracting(r -> r.actor().id() + "/" + r.action() + "/" + r.rule())
                .containsExactly("dave/COMPLETE_REVIEW/separation-of-duties",
                        "alice/COMPLETE_REVIEW/separation-of-duties"));

        complete(HEIDI, reviewId).statusCode(200).body("status", equalTo("COMPLETED"))
                .body("mandatory", equalTo(false));
    }

    @Test
    void breakGlass_reviewIsMandatory_andNotTheRequesters() {
        String requestId = as(DAVE, "request").body(Actors.breakGlassBody("PT5S").replace("CONTRACTOR_SELF",
                "EMPLOYEE_SELF")).post("/v1/requests").then().statusCode(201).extract().path("requestId");

        String reviewId = awaitReview(requestId);
        as(HEIDI, "review").get("/v1/reviews/" + reviewId).then().statusCode(200)
                .body("mandatory", equalTo(true)).body("mandatoryReason", equalTo("break-glass"))
                .body("attestationRequired", equalTo(true));
        // break-glass: the requester's own account of what they did comes first, then a second person's review
        as(DAVE, "review").body("{\"statement\":\"Reconciled the stuck invoice batch; nothing else.\"}")
                .post("/v1/reviews/" + reviewId + "/attestation").then().statusCode(200)
                .body("attestedBy", equalTo("dave"));
        complete(DAVE, reviewId).statusCode(403).body("violations[0].rule", equalTo("separation-of-duties"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(events(requestId, AttemptRefused.class))
                .extracting(AttemptRefused::action).containsExactly("COMPLETE_REVIEW"));
        complete(HEIDI, reviewId).statusCode(200);
    }

    private static String awaitReview(String requestId) {
        return Actors.awaitReview(HEIDI, requestId);
    }

    private static io.restassured.response.ValidatableResponse complete(String token, String reviewId) {
        return as(token, "review").body(DONE).post("/v1/reviews/" + reviewId + "/complete").then();
    }

    private static <T> List<T> events(String requestId, Class<T> type) {
        return probe.events().stream().filter(e -> e.subject().equals(requestId)).map(EventEnvelope::data)
                .filter(type::isInstance).map(type::cast).toList();
    }
}
