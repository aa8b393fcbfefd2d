package io.eer.grant.api;

import static io.eer.grant.api.Fixtures.CAROL;
import static io.eer.grant.api.Fixtures.GRANTS;
import static io.eer.grant.api.Fixtures.MALLORY;
import static io.eer.grant.api.Fixtures.grant;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.eer.contracts.events.AccessGranted;
import io.eer.support.testing.TestTokens;
import io.eer.support.testing.TopicProbe;
import io.eer.support.time.SettableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * payments-db behind the session gateway: the credentials endpoint issues one-time secrets (never the password);
 * only the gateway's identity redeems one, once, before it expires, and learns the temporary login.
 */
@QuarkusTest
@TestProfile(GatewaySecretTest.BehindTheGateway.class)
class GatewaySecretTest {

    public static class BehindTheGateway implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("eer.grant.gateway.systems", "payments-db", "eer.grant.gateway.port", "26999");
        }
    }

    static final String GATEWAY = TestTokens.employee("session-gateway", "session-gateways");
    private static TopicProbe grants;

    @Inject
    SettableClock clock;

    @BeforeAll
    static void setUp() throws Exception {
        TestDatabases.seedTarget();
        grants = new TopicProbe(GRANTS);
    }

    @AfterAll
    static void tearDown() {
        grants.close();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static Map<String, Object> secretFor(String grantId) {
        return given().auth().oauth2(CAROL).get("/v1/grants/" + grantId + "/credentials")
                .then().statusCode(200).header("Cache-Control", "no-store").extract().as(Map.class);
    }

    private static io.restassured.response.Response redeem(String token, String secret, String user) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("secret", secret, "user", user, "database", "payments"))
                .post("/v1/gateway/sessions");
    }

    @Test
    void credentials_areAOneTimeSecretForTheGateway_neverTheTargetPassword() {
        AccessGranted granted = grant(grants, "read_only", Duration.ofMinutes(3));
        Map<String, Object> first = secretFor(granted.grantId());
        assertThat(first).containsEntry("via", "session-gateway").containsEntry("user", granted.grantId())
                .containsEntry("port", 26999).containsEntry("database", "payments").containsEntry("sslmode", "require")
                .doesNotContainKey("password").doesNotContainKey("username");
        assertThat((String) first.get("secret")).hasSizeGreaterThanOrEqualTo(40);
        // each connection gets its own secret: the endpoint may be called again while the grant lasts
        assertThat(secretFor(granted.grantId()).get("secret")).isNotEqualTo(first.get("secret"));
        given().auth().oauth2(MALLORY).get("/v1/grants/" + granted.grantId() + "/credentials").then().statusCode(403);
    }

    @Test
    void theGateway_redeemsASecretOnce_andLogsInWithTheTemporaryLogin() throws Exception {
        AccessGranted granted = grant(grants, "read_only", Duration.ofMinutes(3));
        String secret = (String) secretFor(granted.grantId()).get("secret");

        redeem(CAROL, secret, granted.grantId()).then().statusCode(403).contentType("application/problem+json")
                .body("violations[0].rule", equalTo("not-a-gateway"));
        Map<String, Object> session = redeem(GATEWAY, secret, granted.grantId()).then().statusCode(200)
                .header("Cache-Control", "no-store").extract().as(Map.class);
        assertThat(session).containsEntry("grantId", granted.grantId()).containsEntry("login", granted.account())
                .containsEntry("database", "payments");
        try (Connection c = DriverManager.getConnection(TestDatabases.url("payments"), granted.account(),
                (String) session.get("password")); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select current_user")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(granted.account());
        }
        redeem(GATEWAY, secret, granted.grantId()).then().statusCode(404)
                .body("violations[0].rule", equalTo("invalid-secret"));
    }

    @Test
    void twoConcurrentRedeems_ofOneSecret_exactlyOneWins() {
        AccessGranted granted = grant(grants, "read_only", Duration.ofMinutes(3));
        String secret = (String) secretFor(granted.grantId()).get("secret");
        List<CompletableFuture<Integer>> attempts = List.of(
                CompletableFuture.supplyAsync(() -> redeem(GATEWAY, secret, granted.grantId()).statusCode()),
                CompletableFuture.supplyAsync(() -> redeem(GATEWAY, secret, granted.grantId()).statusCode()),
                CompletableFuture.supplyAsync(() -> redeem(GATEWAY, secret, granted.grantId()).statusCode()));
        assertThat(attempts.stream().map(CompletableFuture::join).toList()).containsExactlyInAnyOrder(200, 404, 404);
    }

    @Test
    void anExpiredSecret_aSecretForAnotherGrant_andGarbage_areRefusedAlike() {
        AccessGranted granted = grant(grants, "read_only", Duration.ofMinutes(3));
        String expiring = (String) secretFor(granted.grantId()).get("secret");
        String misdirected = (String) secretFor(granted.grantId()).get("secret");
        redeem(GATEWAY, misdirected, "another-grant").then().statusCode(404)
                .body("violations[0].rule", equalTo("invalid-secret"));
        redeem(GATEWAY, "not-a-secret", granted.grantId()).then().statusCode(404);
        clock.advance(Duration.ofSeconds(121)); // the secret's TTL (2 min) passes; the grant (3 min) still lasts
        redeem(GATEWAY, expiring, granted.grantId()).then().statusCode(404)
                .body("violations[0].rule", equalTo("invalid-secret"));
    }

    @Test
    void aRedeemWithoutASecret_isAProblemNamingTheField() {
        given().auth().oauth2(GATEWAY).contentType(ContentType.JSON).body(Map.of("user", "u", "database", "d"))
                .post("/v1/gateway/sessions").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("secret")).body("violations[0].rule", equalTo("required"));
        given().contentType(ContentType.JSON).body(Map.of("secret", "s", "user", "u", "database", "d"))
                .post("/v1/gateway/sessions").then().statusCode(401);
    }
}
