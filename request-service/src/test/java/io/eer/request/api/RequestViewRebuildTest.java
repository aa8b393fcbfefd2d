package io.eer.request.api;

import static io.eer.request.api.Fixtures.ASYNC;
import static io.eer.request.api.Fixtures.CAROL;
import static io.eer.request.api.Fixtures.GRANTS;
import static io.eer.request.api.Fixtures.LEE;
import static io.eer.request.api.Fixtures.MALLORY;
import static io.eer.request.api.Fixtures.as;
import static io.eer.request.api.Fixtures.breakGlass;
import static io.eer.request.api.Fixtures.onBehalf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.AccessGranted;
import io.eer.request.application.RebuildRequestViews;
import io.eer.support.testing.TopicProbe;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.quarkus.vertx.VertxContextSupport;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code request_status} is a projection: emptied and rebuilt from {@code domain_event}, it is the same. */
@QuarkusTest
class RequestViewRebuildTest {

    private static final List<String> TIMES = List.of("created_at", "updated_at", "cancelled_at");

    @Inject
    RebuildRequestViews rebuild;

    @Test
    void rebuild_afterTruncate_givesTheSameRows() throws Throwable {
        String pending = submit(CAROL, breakGlass("rebuild pending"));
        String cancelled = submit(CAROL, breakGlass("rebuild cancelled"));
        as(CAROL).body("{\"reason\":\"not needed\"}").post("/v1/requests/" + cancelled + "/cancel").then()
                .statusCode(200);
        given().auth().oauth2(MALLORY).post("/v1/requests/" + cancelled + "/cancel").then().statusCode(403);
        String granted = submit(CAROL, breakGlass("rebuild granted"));
        String rejected = as(LEE).body(onBehalf("lee", "EMPLOYEE", "rebuild rejected")).post("/v1/requests")
                .then().statusCode(422).extract().header("EER-Request-Id");
        Instant now = Instant.now();
        try (TopicProbe probe = new TopicProbe()) {
            probe.publish(GRANTS, EventEnvelope.of(UUID.randomUUID().toString(), "/eer/grant-service", now,
                    new AccessGranted("g-" + granted, granted, "carol", "payments-db", "db_admin", "postgres",
                            "eer_x", now, now.plusSeconds(1800))));
        }
        await().atMost(ASYNC).untilAsserted(() -> given().auth().oauth2(CAROL).get("/v1/requests/" + granted)
                .then().body("status", equalTo("GRANTED")).body("grantId", equalTo("g-" + granted)));
        List<String> ids = List.of(pending, cancelled, granted, rejected);
        List<Map<String, Object>> before = Fixtures.rows(ids);
        assertThat(before).hasSize(4);

        Fixtures.execute("truncate request_status");
        assertThat(Fixtures.rows(ids)).isEmpty();
        long read = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(rebuild::execute));

        assertThat(read).isGreaterThanOrEqualTo(8); // 4 requests, a rejection's details, cancel, refusal, grant
        List<Map<String, Object>> after = Fixtures.rows(ids);
        assertThat(after).hasSize(4);
        for (int i = 0; i < before.size(); i++) {
            Map<String, Object> was = before.get(i);
            Map<String, Object> is = after.get(i);
            for (String column : was.keySet()) {
                if (TIMES.contains(column) && was.get(column) != null) {
                    // the live projection stamps its own clock reading; the rebuild the event's recorded time
                    assertThat(((java.sql.Timestamp) is.get(column)).toInstant())
                            .as(column).isCloseTo(((java.sql.Timestamp) was.get(column)).toInstant(),
                                    within(2, ChronoUnit.SECONDS));
                } else {
                    assertThat(is.get(column)).as(was.get("request_id") + " " + column).isEqualTo(was.get(column));
                }
            }
        }
        assertThat(after).extracting(row -> row.get("status"))
                .containsExactly("PENDING_APPROVAL", "CANCELLED", "GRANTED", "REJECTED");
    }

    private static String submit(String token, String body) {
        return as(token).body(body).post("/v1/requests").then().statusCode(201).extract().path("requestId");
    }
}
