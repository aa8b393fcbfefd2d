package io.eer.systemtests;

import static io.eer.systemtests.Actors.ALICE;
import static io.eer.systemtests.Actors.AUDITOR;
import static io.eer.systemtests.Actors.CAROL;
import static io.eer.systemtests.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** System test 1: an on-call contractor breaks the glass, uses the access, and loses it at the deadline. */
class BreakGlassLifecycleTest {

    private static final String ALERT = "io.eer.AlertRaised.v1";

    @Test
    void breakGlass_fromRequestToReview_leavesAVerifiedAuditTrail() throws SQLException {
        String requestId = as(CAROL, "request").body(Actors.breakGlassBody("PT30S"))
                .post("/v1/requests")
                .then().statusCode(201).extract().path("requestId");

        String grantId = await().atMost(Duration.ofSeconds(30)).until(
                () -> as(CAROL, "request").get("/v1/requests/" + requestId).then().statusCode(200)
                        .extract().<String>path("grantId"),
                id -> id != null);
        assertThat(as(CAROL, "request").get("/v1/requests/" + requestId).<String>path("status")).isEqualTo("GRANTED");

        Map<String, Object> credentials = as(CAROL, "grant").get("/v1/grants/" + grantId + "/credentials")
                .then().statusCode(200).extract().as(Map.class);
        as(CAROL, "grant").get("/v1/grants/" + grantId + "/credentials").then().statusCode(410);
        String url = "jdbc:postgresql://" + credentials.get("host") + ":" + credentials.get("port") + "/"
                + credentials.get("database");
        String username = (String) credentials.get("username");
        String password = (String) credentials.get("password");

        Connection session = DriverManager.getConnection(url, username, password);
        try (Statement sql = session.createStatement(); ResultSet rows = sql.executeQuery("select count(*) from payments.invoices")) {
            assertThat(rows.next()).isTrue();
        }
        as(CAROL, "grant").body("""
                {"sessionId":"s-1","action":"SELECT","object":"payments.invoices","source":"jdbc"}""")
                .post("/v1/grants/" + grantId + "/actions").then().statusCode(202);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(CAROL, "request")
                .get("/v1/requests/" + requestId).then().body("status", equalTo("REVOKED")));
        assertThatThrownBy(() -> {
            try (Statement sql = session.createStatement()) {
                sql.execute("select 1");
            }
        }).as("the session opened during the grant is terminated").isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(url, username, password).close())
                .as("a new login with the issued credentials fails").isInstanceOf(SQLException.class);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                as(ALICE, "review").get("/v1/reviews?status=open").then().statusCode(200)
                        .extract().<List<String>>path("requestId")).contains(requestId));

        // the lifecycle in ledger order; the SOC's break-glass alert is part of the request's timeline too
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Map<String, Object>> timeline = as(AUDITOR, "audit").get("/v1/requests/" + requestId + "/timeline")
                    .then().statusCode(200).extract().path("events");
            assertThat(timeline).map(event -> event.get("type")).filteredOn(type -> !ALERT.equals(type))
                    .containsExactly(
                            "io.eer.EmergencyRequested.v1",
                            "io.eer.Approved.v1",
                            "io.eer.AccessGranted.v1",
                            "io.eer.SessionActionLogged.v1",
                            "io.eer.AccessExpired.v1",
                            "io.eer.AccessRevoked.v1",
                            "io.eer.ReviewScheduled.v1");
            assertThat(timeline).filteredOn(event -> ALERT.equals(event.get("type")))
                    .map(event -> String.valueOf(((Map<?, ?>) event.get("data")).get("rule")))
                    .contains("break-glass-granted");
        });
        as(AUDITOR, "audit").get("/v1/audit/verify").then().statusCode(200).body("ok", equalTo(true));
    }
}
