package io.eer.systemtests;

import static io.eer.systemtests.Actors.AUDITOR;
import static io.eer.systemtests.Actors.CAROL;
import static io.eer.systemtests.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The requester cancels while the access is in use: it is revoked at once, the timer disarmed, all of it on record. */
class CancelDuringGrantTest {

    @Test
    void cancel_duringTheGrant_revokesTheAccess() throws SQLException {
        String requestId = as(CAROL, "request").body(Actors.breakGlassBody("PT30M")).post("/v1/requests")
                .then().statusCode(201).extract().path("requestId");
        String grantId = await().atMost(Duration.ofSeconds(30)).until(
                () -> as(CAROL, "request").get("/v1/requests/" + requestId).then().statusCode(200)
                        .extract().<String>path("grantId"), id -> id != null);
        String account = as(CAROL, "grant").get("/v1/grants/" + grantId).then().statusCode(200).extract()
                .path("account");
        // payments-db is behind the session gateway: a one-time secret, never the login's password
        GatewayClient.Secret secret = GatewayClient.secret(CAROL, grantId);
        Connection session = GatewayClient.connect(secret);

        as(CAROL, "request").body("{\"reason\":\"incident resolved early\"}")
                .post("/v1/requests/" + requestId + "/cancel")
                .then().statusCode(200).body("status", equalTo("CANCELLED")).body("grantId", equalTo(grantId));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(CAROL, "grant").get("/v1/grants/" + grantId)
                .then().body("status", equalTo("REVOKED")).body("revocationReason", equalTo("REQUEST_CANCELLED"))
                .body("confirmed", equalTo(true)));
        assertThatThrownBy(() -> {
            try (Statement sql = session.createStatement()) {
                sql.execute("select 1");
            }
        }).as("the open session is terminated").isInstanceOf(SQLException.class);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> assertThat(
                GatewayClient.loginExists(account)).as("the login is gone").isFalse());
        as(CAROL, "grant").get("/v1/grants/" + grantId + "/credentials").then().statusCode(410);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(AUDITOR, "expiry").get("/v1/timers/" + grantId)
                .then().statusCode(200).body("status", equalTo("CANCELLED")));
        as(CAROL, "request").get("/v1/requests/" + requestId).then().body("status", equalTo("CANCELLED"));
        as(CAROL, "request").post("/v1/requests/" + requestId + "/cancel").then().statusCode(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                as(AUDITOR, "audit").get("/v1/requests/" + requestId + "/timeline").then().statusCode(200)
                        .extract().<List<String>>path("events.type"))
                .contains("io.eer.EmergencyRequested.v1", "io.eer.AccessGranted.v1", "io.eer.RequestCancelled.v1",
                        "io.eer.AccessRevoked.v1"));
    }
}
