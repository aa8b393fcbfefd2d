package io.eer.grant.api;

import static io.eer.grant.api.Fixtures.AGENT;
import static io.eer.grant.api.Fixtures.ASYNC;
import static io.eer.grant.api.Fixtures.CAROL;
import static io.eer.grant.api.Fixtures.EXPIRIES;
import static io.eer.grant.api.Fixtures.GRANTS;
import static io.eer.grant.api.Fixtures.MALLORY;
import static io.eer.grant.api.Fixtures.SESSIONS;
import static io.eer.grant.api.Fixtures.events;
import static io.eer.grant.api.Fixtures.expired;
import static io.eer.grant.api.Fixtures.grant;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.AccessGranted;
import io.eer.contracts.events.AccessRevoked;
import io.eer.contracts.events.SessionActionLogged;
import io.eer.support.testing.TestTokens;
import io.eer.support.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SessionActionResourceTest {

    private static TopicProbe grants;
    private static TopicProbe sessions;

    @BeforeAll
    static void setUp() throws Exception {
        TestDatabases.seedTarget();
        grants = new TopicProbe(GRANTS);
        sessions = new TopicProbe(SESSIONS);
    }

    @AfterAll
    static void tearDown() {
        grants.close();
        sessions.close();
    }

    private static String action(String sessionId, String action, String object, String source) {
        return """
                {"sessionId":"%s","action":"%s","object":"%s","source":"%s"}""".formatted(sessionId, action, object, source);
    }

    @Test
    void action_bySessionAgentOrBeneficiary_isLoggedOnTheSessionsTopic() {
        AccessGranted granted = grant(grants, "db_admin", Duration.ofMinutes(3));
        Instant before = Instant.now();

        String eventId = given().auth().oauth2(AGENT).contentType("application/json")
                .body(action("s-1", "SELECT", "payments.invoices", "pgaudit"))
                .post("/v1/grants/" + granted.grantId() + "/actions")
                .then().statusCode(202).body("grantId", equalTo(granted.grantId())).body("eventId", notNullValue())
                .extract().path("eventId");
        given().auth().oauth2(CAROL).contentType("application/json")
                .body(action("s-1", "UPDATE", "payments.invoices#1", "psql"))
                .post("/v1/grants/" + granted.grantId() + "/actions")
                .then().statusCode(202);

        List<EventEnvelope> logged = await().atMost(ASYNC).until(() -> sessions.events().stream()
                .filter(e -> e.data() instanceof SessionActionLogged a && a.grantId().equals(granted.grantId()))
                .toList(), list -> list.size() == 2);
        EventEnvelope first = logged.stream().filter(e -> e.id().equals(eventId)).findFirst().orElseThrow();
        SessionActionLogged action = (SessionActionLogged) first.data();
        assertThat(first.subject()).isEqualTo(granted.requestId());
        assertThat(first.source()).isEqualTo("/eer/grant-service");
        assertThat(action.requestId()).isEqualTo(granted.requestId());
        assertThat(action.sessionId()).isEqualTo("s-1");
        assertThat(action.action()).isEqualTo("SELECT");
        assertThat(action.object()).isEqualTo("payments.invoices");
        // who reported it is the service's label, what the caller named stays beside it
        assertThat(action.source()).isEqualTo("agent:session-agent-1");
        assertThat(action.reportedVia()).isEqualTo("pgaudit");
        assertThat(action.at()).isBetween(before.minusSeconds(1), Instant.now());
        assertThat(logged).extracting(e -> ((SessionActionLogged) e.data()).action()).containsExactly("SELECT", "UPDATE");
        SessionActionLogged own = (SessionActionLogged) logged.get(1).data();
        assertThat(own.source()).as("the beneficiary's word about their own session").isEqualTo("self-reported");
        assertThat(own.reportedVia()).isEqualTo("psql");
    }

    @Test
    void action_bySomeoneElse_isForbidden_andOnUnknownGrant_isNotFound() {
        AccessGranted granted = grant(grants, "read_only", Duration.ofMinutes(3));

        given().auth().oauth2(MALLORY).contentType("application/json")
                .body(action("s-9", "SELECT", "payments.invoices", "psql"))
                .post("/v1/grants/" + granted.grantId() + "/actions")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(AGENT).contentType("application/json")
                .body(action("s-9", "SELECT", "payments.invoices", "psql"))
                .post("/v1/grants/" + UUID.randomUUID() + "/actions")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void agentScopedToAnotherSystem_neitherSeesNorLogsActions_whileTheBeneficiaryStillLogsTheirOwn() {
        AccessGranted granted = grant(grants, "read_only", Duration.ofMinutes(3));
        String hrAgent = TestTokens.employee("agent-hr", "session-agents");        // scoped to hr-portal
        String unscoped = TestTokens.employee("agent-new", "session-agents");      // configured for nothing

        for (String agent : List.of(hrAgent, unscoped)) {
            given().auth().oauth2(agent).contentType("application/json")
                    .body(action("s-x", "SELECT", "payments.invoices", "pgaudit"))
                    .post("/v1/grants/" + granted.grantId() + "/actions")
                    .then().statusCode(403).contentType("application/problem+json");
            given().auth().oauth2(agent).get("/v1/grants/" + granted.grantId()).then().statusCode(403);
            given().auth().oauth2(agent).get("/v1/grants?requestId=" + granted.requestId())
                    .then().statusCode(200).body("$", hasSize(0));
        }
        // the agent scoped to payments-db sees it, in the list too
        given().auth().oauth2(AGENT).get("/v1/grants/" + granted.grantId()).then().statusCode(200);
        given().auth().oauth2(AGENT).get("/v1/grants?requestId=" + granted.requestId())
                .then().statusCode(200).body("$", hasSize(1)).body("[0].grantId", equalTo(granted.grantId()));
        given().auth().oauth2(CAROL).contentType("application/json")
                .body(action("s-own", "SELECT", "payments.invoices", "psql"))
                .post("/v1/grants/" + granted.grantId() + "/actions")
                .then().statusCode(202);

        await().atMost(ASYNC).untilAsserted(() -> assertThat(events(sessions, SessionActionLogged.class,
                a -> a.grantId().equals(granted.grantId()))).extracting(SessionActionLogged::sessionId)
                .containsExactly("s-own"));
    }

    @Test
    void action_afterTheGrantEnded_isStillRecordedAsEvidence() {
        AccessGranted granted = grant(grants, "read_only", Duration.ofMinutes(3));
        grants.publish(EXPIRIES, expired(granted.grantId(), granted.requestId()));
        await().atMost(ASYNC).until(() -> events(grants, AccessRevoked.class,
                r -> r.grantId().equals(granted.grantId())), list -> !list.isEmpty());

        given().auth().oauth2(AGENT).contentType("application/json")
                .body(action("s-late", "DELETE", "payments.invoices", "pgaudit"))
                .post("/v1/grants/" + granted.grantId() + "/actions")
                .then().statusCode(202);

        await().atMost(ASYNC).untilAsserted(() -> assertThat(events(sessions, SessionActionLogged.class,
                a -> a.grantId().equals(granted.grantId()))).extracting(SessionActionLogged::sessionId)
                .containsExactly("s-late"));
    }

    @Test
    void action_withMissingOrOversizedField_isBadRequestNamingTheField() {
        String path = "/v1/grants/" + UUID.randomUUID() + "/actions";

        given().auth().oauth2(AGENT).contentType("application/json")
                .body("{\"action\":\"SELECT\",\"object\":\"payments.invoices\"}")
                .post(path)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItems("sessionId", "source"))
                .body("violations.rule", hasItems("required"));
        given().auth().oauth2(AGENT).contentType("application/json")
                .body(action("s-1", "SELECT", "x".repeat(513), "psql"))
                .post(path)
                .then().statusCode(400)
                .body("violations[0].field", equalTo("object"))
                .body("violations[0].rule", equalTo("max-length"));
        given().auth().oauth2(AGENT).contentType("application/json").body("{\"sessionId\": ")
                .post(path)
                .then().statusCode(400).body("violations[0].rule", equalTo("json-syntax"));
        given().auth().oauth2(AGENT).contentType("application/json").body("{\"sessionId\": {\"nested\": 1}}")
                .post(path)
                .then().statusCode(400).body("violations[0].field", equalTo("sessionId"));
    }

    @Test
    void action_withoutToken_isUnauthorized() {
        given().contentType("application/json").body(action("s-1", "SELECT", "payments.invoices", "psql"))
                .post("/v1/grants/" + UUID.randomUUID() + "/actions")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"));
    }
}
