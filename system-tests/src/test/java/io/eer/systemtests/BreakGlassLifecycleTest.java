package io.eer.systemtests;

import static io.eer.systemtests.Actors.ALICE;
import static io.eer.systemtests.Actors.AUDITOR;
import static io.eer.systemtests.Actors.CAROL;
import static io.eer.systemtests.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.eer.support.testing.TestTokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * System test 1 (issue #13, done when): an on-call contractor breaks the glass on payments-db (read-only), works
 * through the session gateway with a real psql and pgJDBC, and loses the access at the deadline: the statements are
 * in the audit ledger in order with their kinds, the connection open at the deadline is closed by the gateway, the
 * temporary login is gone, and the review lists the statements with the automatic findings; its evidence pack's
 * ledger proofs verify offline with audit-verifier and only the public key.
 */
class BreakGlassLifecycleTest {

    private static final String ALERT = "io.eer.AlertRaised.v1";
    private static final String ACTION = "io.eer.SessionActionLogged.v1";
    private static final String GATEWAY = "/eer/session-gateway";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ADMIN = TestTokens.employee("olga", "eer-admins");
    private static final String SELECT = "select count(*) from payments.invoices";
    /** A write under read_only: refused by the target, recorded by the gateway all the same. */
    private static final String UPDATE = "update payments.invoices set status = status where id = -1";
    private static final String WHO = "select current_user";

    @Test
    @SuppressWarnings("unchecked")
    void breakGlass_psqlThroughTheGateway_cutAtTheDeadline_reviewedWithTheStatements_provenOffline() throws Exception {
        long started = System.nanoTime();
        // 30 s: under load 40 on the shared 2 cores, 10 s passed between the grant and the first secret (410)
        String requestId = as(CAROL, "request").body(Actors.breakGlassBody("PT30S").replace("db_admin", "read_only"))
                .post("/v1/requests")
                .then().statusCode(201).extract().path("requestId");

        String grantId = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(
                () -> as(CAROL, "request").get("/v1/requests/" + requestId).then().statusCode(200)
                        .extract().<String>path("grantId"),
                id -> id != null);
        assertThat(as(CAROL, "request").get("/v1/requests/" + requestId).<String>path("status")).isEqualTo("GRANTED");
        String account = as(CAROL, "grant").get("/v1/grants/" + grantId).then().statusCode(200)
                .body("status", equalTo("ACTIVE")).extract().path("account");

        // one secret per connection; the beneficiary never sees the target login's password
        GatewayClient.Secret forJdbc = GatewayClient.secret(CAROL, grantId);
        GatewayClient.Secret forPsql = GatewayClient.secret(CAROL, grantId);
        assertThat(forPsql.secret()).isNotEqualTo(forJdbc.secret());

        Connection open = GatewayClient.connect(forJdbc); // stays open across the deadline
        try (Statement sql = open.createStatement(); ResultSet row = sql.executeQuery(WHO)) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).as("the gateway logged in as the grant's temporary login").isEqualTo(account);
        }
        GatewayClient.PsqlRun psql = GatewayClient.psql(forPsql, SELECT, UPDATE);
        assertThat(psql.output()).as(psql.output()).contains("permission denied for table invoices")
                .doesNotContain("password authentication failed");
        assertThat(psql.output().lines().findFirst().orElse("")).as(psql.output()).matches("[0-9]+");
        as(CAROL, "grant").body("""
                {"sessionId":"s-1","action":"SELECT","object":"payments.invoices","source":"jdbc"}""")
                .post("/v1/grants/" + grantId + "/actions").then().statusCode(202);

        // the deadline: the gateway cuts the open connection (FATAL 57P01), grant-service removes the login
        await().atMost(WAIT).untilAsserted(() -> as(CAROL, "request")
                .get("/v1/requests/" + requestId).then().body("status", equalTo("REVOKED")));
        assertThatThrownBy(() -> {
            try (Statement sql = open.createStatement()) {
                sql.execute("select 1");
            }
        }).as("the connection open at the deadline was closed by the gateway").isInstanceOfSatisfying(
                SQLException.class, e -> assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("57P01"));
        open.close();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(
                () -> assertThat(GatewayClient.loginExists(account)).as("the temporary login is gone").isFalse());
        as(CAROL, "grant").get("/v1/grants/" + grantId + "/credentials").then().statusCode(410)
                .body("violations[0].rule", equalTo("grant-ended"));
        assertThat(GatewayClient.psql(forPsql, "select 1").output()).as("a used secret is refused")
                .contains("password authentication failed");

        // the ledger: the lifecycle in order, and every statement the gateway relayed, per session in statement order
        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, Object>> timeline = timeline(requestId);
            assertThat(timeline).filteredOn(event -> !ALERT.equals(event.get("type")))
                    .filteredOn(event -> !GATEWAY.equals(event.get("source"))).map(event -> event.get("type"))
                    .containsExactly(
                            "io.eer.EmergencyRequested.v1",
                            "io.eer.Approved.v1",
                            "io.eer.AccessGranted.v1",
                            ACTION, // the self-reported one, on eer.sessions
                            "io.eer.AccessExpired.v1",
                            "io.eer.AccessRevoked.v1",
                            "io.eer.ReviewScheduled.v1");
            assertThat(timeline).filteredOn(event -> ALERT.equals(event.get("type")))
                    .map(event -> String.valueOf(((Map<?, ?>) event.get("data")).get("rule")))
                    .contains("break-glass-granted");
            Map<String, List<String>> sessions = gatewaySessions(timeline);
            assertThat(sessions.values()).containsExactlyInAnyOrder(
                    // pgJDBC's own start-up statement is relayed, so it is recorded too
                    List.of("connect", "query OTHER SET application_name = 'PostgreSQL JDBC Driver'",
                            "execute SELECT " + WHO, "cut-off access grant expired"),
                    List.of("connect", "query SELECT " + SELECT, "query DML " + UPDATE, "disconnect"));
            assertThat(timeline).filteredOn(event -> GATEWAY.equals(event.get("source")))
                    .allSatisfy(event -> assertThat(data(event)).containsEntry("source", "session-gateway")
                            .containsEntry("grantId", grantId).doesNotContainValue(forJdbc.secret())
                            .doesNotContainValue(forPsql.secret()));
        });
        as(AUDITOR, "audit").get("/v1/audit/verify").then().statusCode(200).body("ok", equalTo(true));

        // the review: the statements (gateway vs self-reported) and the automatic findings
        String reviewId = Actors.awaitReview(ALICE, requestId);
        Map<String, Object> review = as(ALICE, "review").get("/v1/reviews/" + reviewId).then().statusCode(200)
                .body("mandatory", equalTo(true)).body("role", equalTo("read_only")).extract().as(Map.class);
        assertThat((List<Map<String, Object>>) review.get("automaticFindings")).extracting(f -> f.get("rule"))
                .contains("outside-role-scope").doesNotContain("never-used", "after-deadline");
        // the finding names the statement (the review's own view has no action list: the pack below has them all)
        assertThat((List<Map<String, Object>>) review.get("automaticFindings"))
                .filteredOn(f -> "outside-role-scope".equals(f.get("rule"))).extracting(f -> (String) f.get("detail"))
                .singleElement().asString().contains(UPDATE);
        as(ADMIN, "audit").post("/v1/audit/checkpoints").then().statusCode(org.hamcrest.Matchers.lessThan(300));
        Map<String, Object> pack = await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(
                () -> as(ALICE, "review").get("/v1/reviews/" + reviewId + "/evidence").then().statusCode(200)
                        .extract().<Map<String, Object>>as(Map.class),
                p -> "included".equals(ledger(p).get("status")) && ((List<?>) ledger(p).get("pending")).isEmpty());
        Map<String, List<Map<String, Object>>> actions = (Map<String, List<Map<String, Object>>>) pack.get("actions");
        assertThat(actions.get("gateway")).extracting(a -> a.get("kind") + " " + a.get("statement"))
                .contains("SELECT " + SELECT, "DML " + UPDATE, "SELECT " + WHO);
        assertThat(actions.get("selfReported")).extracting(a -> a.get("action")).containsExactly("SELECT");
        assertThat((List<Map<String, Object>>) pack.get("findings")).extracting(f -> f.get("rule"))
                .contains("outside-role-scope");

        // offline: the pack (JSON, and the HTML page that embeds it) against the checkpoint public key only
        String json = as(ALICE, "review").get("/v1/reviews/" + reviewId + "/evidence").then().statusCode(200)
                .extract().asString();
        String html = as(ALICE, "review").accept("text/html").get("/v1/reviews/" + reviewId + "/evidence").then()
                .statusCode(200).extract().asString();
        assertThat(html).contains(UPDATE);
        Verified valid = verify(json, ".json");
        assertThat(valid.exitCode()).as(valid.output()).isZero();
        assertThat(valid.output()).contains("VALID");
        Verified validHtml = verify(html, ".html");
        assertThat(validHtml.exitCode()).as(validHtml.output()).isZero();
        // a statement changed in the pack no longer agrees with the ledger
        Verified altered = verify(alterStatement(json, UPDATE, "select 1 from payments.invoices"), ".json");
        assertThat(altered.exitCode()).as(altered.output()).isEqualTo(1);
        assertThat(altered.output()).contains("evidence altered");
        System.out.printf("SYSTEM-TEST-DURATION BreakGlassLifecycleTest %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    private static List<Map<String, Object>> timeline(String requestId) {
        return as(AUDITOR, "audit").get("/v1/requests/" + requestId + "/timeline").then().statusCode(200)
                .extract().path("events");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> event) {
        return (Map<String, Object>) event.get("data");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> ledger(Map<String, Object> pack) {
        return (Map<String, Object>) pack.get("ledger");
    }

    /** The gateway's records per session, in ledger order: "action" or "action kind statement". */
    private static Map<String, List<String>> gatewaySessions(List<Map<String, Object>> timeline) {
        Map<String, List<String>> sessions = new LinkedHashMap<>();
        timeline.stream().filter(event -> GATEWAY.equals(event.get("source"))).map(BreakGlassLifecycleTest::data)
                .forEach(d -> sessions.computeIfAbsent((String) d.get("sessionId"), id -> new ArrayList<>())
                        .add(d.get("kind") != null ? d.get("action") + " " + d.get("kind") + " " + d.get("statement")
                                : d.get("statement") != null ? d.get("action") + " " + d.get("statement")
                                : (String) d.get("action")));
        return sessions;
    }

    record Verified(int exitCode, String output) {
    }

    /** The pack with one gateway action's statement changed, and nothing else (its ledger record stays as it is). */
    private static String alterStatement(String pack, String from, String to) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode tree = json.readTree(pack);
        boolean changed = false;
        for (com.fasterxml.jackson.databind.JsonNode action : tree.path("actions").path("gateway")) {
            if (from.equals(action.path("statement").asText())) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) action).put("statement", to);
                changed = true;
            }
        }
        assertThat(changed).as("the pack lists " + from).isTrue();
        return json.writeValueAsString(tree);
    }

    /** The packaged audit-verifier, as an auditor runs it: the pack and the checkpoint public key, nothing else. */
    private static Verified verify(String pack, String suffix) throws Exception {
        Path jar = EerStack.get().root().resolve("audit-verifier/target/eer-audit-verifier.jar");
        assertThat(jar).exists();
        Path file = Files.writeString(Files.createTempFile("evidence", suffix), pack, StandardCharsets.UTF_8);
        try {
            Process verifier = new ProcessBuilder("java", "-jar", jar.toString(), "--evidence", file.toString(),
                    "--public-key", EerStack.get().checkpointPublicKey().toString())
                    .redirectErrorStream(true).start();
            String output = new String(verifier.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Verified(verifier.waitFor(), output);
        } finally {
            Files.delete(file);
        }
    }
}
