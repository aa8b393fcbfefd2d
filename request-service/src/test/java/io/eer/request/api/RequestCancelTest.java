package io.eer.request.api;

import static io.eer.request.api.Fixtures.ADMIN;
import static io.eer.request.api.Fixtures.ASYNC;
import static io.eer.request.api.Fixtures.CAROL;
import static io.eer.request.api.Fixtures.DAVE;
import static io.eer.request.api.Fixtures.GRANTS;
import static io.eer.request.api.Fixtures.LEE;
import static io.eer.request.api.Fixtures.MALLORY;
import static io.eer.request.api.Fixtures.REQUESTS;
import static io.eer.request.api.Fixtures.as;
import static io.eer.request.api.Fixtures.breakGlass;
import static io.eer.request.api.Fixtures.events;
import static io.eer.request.api.Fixtures.onBehalf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.AccessGranted;
import io.eer.contracts.events.AccessRevoked;
import io.eer.contracts.events.AttemptRefused;
import io.eer.contracts.events.RequestCancelled;
import io.eer.contracts.events.Values.RevocationReason;
import io.eer.support.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/requests/{id}/cancel}: who may, when, what is recorded. */
@QuarkusTest
class RequestCancelTest {

    private static TopicProbe requests;

    @BeforeAll
    static void probe() {
        requests = new TopicProbe(REQUESTS);
    }

    @AfterAll
    static void close() {
        requests.close();
    }

    private static String submit(String token, String body) {
        return as(token).body(body).post("/v1/requests").then().statusCode(201).extract().path("requestId");
    }

    @Test
    void cancel_byTheRequester_whilePending_recordsRequestCancelled() {
        String requestId = submit(CAROL, breakGlass("cancel me"));

        as(CAROL).body("{\"reason\":\"fixed it without access\"}").post("/v1/requests/" + requestId + "/cancel")
                .then().statusCode(200).body("status", equalTo("CANCELLED"))
                .body("cancelledBy", equalTo("carol")).body("cancelReason", equalTo("fixed it without access"))
                .body("cancelledAt", notNullValue());

        RequestCancelled cancelled = await().atMost(ASYNC).until(() -> events(requests, RequestCancelled.class,
                requestId), list -> !list.isEmpty()).get(0);
        assertThat(cancelled.by()).isEqualTo("carol");
        assertThat(cancelled.reason()).isEqualTo("fixed it without access");
        given().auth().oauth2(CAROL).get("/v1/requests/" + requestId).then().body("status", equalTo("CANCELLED"));
    }

    @Test
    void cancel_twice_isANoOp() {
        String requestId = submit(CAROL, breakGlass("twice"));
        given().auth().oauth2(CAROL).post("/v1/requests/" + requestId + "/cancel").then().statusCode(200);
        given().auth().oauth2(CAROL).post("/v1/requests/" + requestId + "/cancel").then().statusCode(200)
                .body("status", equalTo("CANCELLED"));

        await().atMost(ASYNC).until(() -> events(requests, RequestCancelled.class, requestId), list -> !list.isEmpty());
        assertThat(Fixtures.count("select count(*) from domain_event where aggregate_id = ? and type = ?", requestId,
                "io.eer.RequestCancelled.v1")).isEqualTo(1);
    }

    @Test
    void cancel_byTheBeneficiaryOrAnAdmin_isAllowed() {
        String forDave = submit(LEE, onBehalf("dave", "EMPLOYEE", "for dave").replace("EMPLOYEE", "CONTRACTOR"));
        given().auth().oauth2(DAVE).post("/v1/requests/" + forDave + "/cancel").then().statusCode(200)
                .body("cancelledBy", equalTo("dave"));

        String carols = submit(CAROL, breakGlass("admin cancels"));
        given().auth().oauth2(ADMIN).post("/v1/requests/" + carols + "/cancel").then().statusCode(200)
                .body("cancelledBy", equalTo("erin"));
    }

    @Test
    void cancel_bySomeoneElse_isForbidden_andRecordedAsAttemptRefused() {
        String requestId = submit(CAROL, breakGlass("not yours"));

        given().auth().oauth2(MALLORY).post("/v1/requests/" + requestId + "/cancel")
                .then().statusCode(403).contentType("application/problem+json")
                .body("violations[0].rule", equalTo("requester-beneficiary-or-admin"));

        AttemptRefused refused = await().atMost(ASYNC).until(() -> events(requests, AttemptRefused.class, requestId),
                list -> !list.isEmpty()).get(0);
        assertThat(refused.actor().id()).isEqualTo("mallory");
        assertThat(refused.action()).isEqualTo("CANCEL");
        assertThat(refused.rule()).isEqualTo("not-requester");
        given().auth().oauth2(CAROL).get("/v1/requests/" + requestId).then().body("status", equalTo("PENDING_APPROVAL"));
        // the refused attempt moved the aggregate on: the requester can still cancel
        given().auth().oauth2(CAROL).post("/v1/requests/" + requestId + "/cancel").then().statusCode(200);
    }

    @Test
    void cancel_ofAnEndedRequest_isAConflict() {
        String rejected = as(CAROL).body(breakGlass("too long").replace("PT30M", "PT5H")).post("/v1/requests")
                .then().statusCode(422).extract().header("EER-Request-Id");

        given().auth().oauth2(CAROL).post("/v1/requests/" + rejected + "/cancel")
                .then().statusCode(409).contentType("application/problem+json")
                .body("violations[0].rule", equalTo("not-cancellable"));
        given().auth().oauth2(CAROL).post("/v1/requests/" + UUID.randomUUID() + "/cancel").then().statusCode(404);
    }

    @Test
    void cancel_withBadInput_isNamed() {
        String requestId = submit(CAROL, breakGlass("bad cancel"));
        as(CAROL).body("{\"reason\":\"" + "x".repeat(501) + "\"}").post("/v1/requests/" + requestId + "/cancel")
                .then().statusCode(400).body("violations[0].field", equalTo("reason"))
                .body("violations[0].rule", equalTo("max-length"));
        as(CAROL).body("{\"why\":\"x\"}").post("/v1/requests/" + requestId + "/cancel")
                .then().statusCode(400).body("violations[0].rule", equalTo("unknown-field"));
        given().auth().oauth2(CAROL).contentType("text/plain").body("stop").post("/v1/requests/" + requestId + "/cancel")
                .then().statusCode(415);
        given().auth().oauth2(CAROL).get("/v1/requests/" + requestId).then().body("status", equalTo("PENDING_APPROVAL"));
    }

    @Test
    void cancel_duringTheGrant_staysCancelledWhenTheRevocationArrives() {
        String requestId = submit(CAROL, breakGlass("cancel while granted"));
        String grantId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        requests.publish(GRANTS, EventEnvelope.of(UUID.randomUUID().toString(), "/eer/grant-service", now,
                new AccessGranted(grantId, requestId, "carol", "payments-db", "db_admin", "postgres", "eer_x", now,
                        now.plusSeconds(1800))));
        await().atMost(ASYNC).untilAsserted(() -> given().auth().oauth2(CAROL).get("/v1/requests/" + requestId)
                .then().body("status", equalTo("GRANTED")));

        given().auth().oauth2(CAROL).post("/v1/requests/" + requestId + "/cancel").then().statusCode(200)
                .body("status", equalTo("CANCELLED")).body("grantId", equalTo(grantId));
        EventEnvelope revoked = EventEnvelope.of(UUID.randomUUID().toString(), "/eer/grant-service", Instant.now(),
                new AccessRevoked(grantId, requestId, "payments-db", RevocationReason.REQUEST_CANCELLED, Instant.now(),
                        0, true));
        requests.publish(GRANTS, revoked);

        // the inbox records the event in the transaction that applied it
        await().atMost(ASYNC).until(() -> Fixtures.count("select count(*) from processed_event where event_id = ?",
                revoked.id()) == 1);
        given().auth().oauth2(CAROL).get("/v1/requests/" + requestId).then().body("status", equalTo("CANCELLED"));
    }
}
