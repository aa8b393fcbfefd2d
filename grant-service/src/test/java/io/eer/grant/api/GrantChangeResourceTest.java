package io.eer.grant.api;

import static io.eer.grant.api.Fixtures.ADMIN;
import static io.eer.grant.api.Fixtures.ASYNC;
import static io.eer.grant.api.Fixtures.CAROL;
import static io.eer.grant.api.Fixtures.EXPIRIES;
import static io.eer.grant.api.Fixtures.GRANTS;
import static io.eer.grant.api.Fixtures.MALLORY;
import static io.eer.grant.api.Fixtures.events;
import static io.eer.grant.api.Fixtures.fetchCredentials;
import static io.eer.grant.api.Fixtures.grant;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.AccessExpired;
import io.eer.contracts.events.AccessExtended;
import io.eer.contracts.events.AccessGranted;
import io.eer.contracts.events.AccessRevoked;
import io.eer.contracts.events.AttemptRefused;
import io.eer.contracts.events.Values.PrincipalType;
import io.eer.contracts.events.Values.RevocationReason;
import io.eer.support.testing.TestTokens;
import io.eer.support.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Early revocation ({@code POST /v1/grants/{id}/revoke}) and extension ({@code POST …/extend}, re-approval at
 * {@code POST …/extend/approval}) against the real broker, database and target: who may, what is refused (problem+json
 * and {@code AttemptRefused} on {@code eer.grants}), and the events that reach Kafka.
 */
@QuarkusTest
class GrantChangeResourceTest {

    static final String SOC = TestTokens.employee("sam", "soc");
    static final String SECOPS = TestTokens.employee("sid", "secops");
    static final String CAROL_IN_SECOPS = TestTokens.contractor("carol", "secops");
    private static TopicProbe grants;

    @BeforeAll
    static void setUp() throws Exception {
        TestDatabases.seedTarget();
        grants = new TopicProbe(GRANTS);
    }

    @AfterAll
    static void tearDown() {
        grants.close();
    }

    private static ValidatableResponse post(String token, String path, String body) {
        return given().auth().oauth2(token).contentType("application/json").body(body).post(path).then();
    }

    private static String revoke(String grantId) {
        return "/v1/grants/" + grantId + "/revoke";
    }

    private static String extend(String grantId) {
        return "/v1/grants/" + grantId + "/extend";
    }

    private static List<AttemptRefused> refusals(AccessGranted granted, String actor, String rule) {
        return events(grants, AttemptRefused.class, a -> a.requestId().equals(granted.requestId())
                && a.actor().id().equals(actor) && a.rule().equals(rule));
    }

    private static AttemptRefused awaitRefusal(AccessGranted granted, String actor, String rule) {
        return await().atMost(ASYNC).until(() -> refusals(granted, actor, rule), list -> !list.isEmpty()).get(0);
    }

    private static List<AccessRevoked> revocations(AccessGranted granted) {
        return events(grants, AccessRevoked.class, r -> r.grantId().equals(granted.grantId()));
    }

    @Test
    void revoke_byBeneficiary_endsTheGrantNow_withWhoAndWhy() throws SQLException {
        AccessGranted granted = grant(grants, "db_admin", Duration.ofMinutes(3));
        Map<String, Object> credentials = fetchCredentials(CAROL, granted.grantId());
        try (Connection session = GrantResourceTest.login(credentials)) {
            assertThat(session.isValid(2)).isTrue();
        }

        post(CAROL, revoke(granted.grantId()), "{\"reason\":\"done: replica back in sync\"}")
                .statusCode(200).body("status", equalTo("REVOKED"))
                .body("revocationReason", equalTo("REVOKED_EARLY")).body("confirmed", equalTo(true));

        AccessRevoked revoked = await().atMost(ASYNC).until(() -> revocations(granted), l -> !l.isEmpty()).get(0);
        assertThat(revoked.reason()).isEqualTo(RevocationReason.REVOKED_EARLY);
        assertThat(revoked.revokedBy()).isEqualTo("carol");
        assertThat(revoked.note()).isEqualTo("done: replica back in sync");
        assertThat(revoked.confirmed()).isTrue();
        assertThat(revoked.revokedAt()).isBefore(granted.expiresAt());
        assertThatThrownBy(() -> GrantResourceTest.login(credentials).close()).as("the login is gone")
                .isInstanceOf(SQLException.class);
        given().auth().oauth2(ADMIN).get("/v1/grants/" + granted.grantId()).then().statusCode(200)
                .body("status", equalTo("REVOKED")).body("revocationReason", equalTo("REVOKED_EARLY"));
    }

    @Test
    void revoke_bySomeoneElse_isForbidden_recordedAsAttemptRefused_andChangesNothing() {
        AccessGranted granted = grant(grants, "read_only", Duration.ofMinutes(3));

        post(MALLORY, revoke(granted.grantId()), "{\"reason\":\"just because\"}")
                .statusCode(403).contentType("application/problem+json")
                .body("violations[0].field", equalTo("grantId")).body("violations[0].rule", equalTo("not-allowed"));

        AttemptRefused refused = awaitRefusal(granted, "mallory", "not-allowed");
        assertThat(refused.action()).isEqualTo("REVOKE");
        assertThat(refused.actor().type()).isEqualTo(PrincipalType.EMPLOYEE);
        assertThat(refused.actor().groups()).contains("oncall-dba");
        given().auth().oauth2(CAROL).get("/v1/grants/" + granted.grantId()).then().statusCode(200)
                .body("status", equalTo("ACTIVE"));
        assertThat(revocations(granted)).isEmpty();
    }

    @Test
    void revoke_bySocOrAdmin_isAccepted_andTwice_isAlreadyRevoked() throws SQLException {
        AccessGranted bySoc = grant(grants, "read_only", Duration.ofMinutes(3));
        post(SOC, revoke(bySoc.grantId()), "{\"reason\":\"suspicious queries\"}").statusCode(200)
                .body("status", equalTo("REVOKED"));
        AccessRevoked revoked = await().atMost(ASYNC).until(() -> revocations(bySoc), l -> !l.isEmpty()).get(0);
        assertThat(revoked.revokedBy()).isEqualTo("sam");
        assertThat(revoked.note()).isEqualTo("suspicious queries");

        post(ADMIN, revoke(bySoc.grantId()), "{\"reason\":\"again\"}").statusCode(409)
                .contentType("application/problem+json").body("violations[0].rule", equalTo("already-revoked"));
        assertThat(awaitRefusal(bySoc, "erin", "already-revoked").action()).isEqualTo("REVOKE");

        // expiry-service fires for a revoked grant only if its AccessRevoked came too late: harmless either way
        EventEnvelope expiry = Fixtures.expired(bySoc.grantId(), bySoc.requestId());
        grants.publish(EXPIRIES, expiry);
        await().atMost(ASYNC).until(() -> RequestCancelledTest.handled(expiry.id()) == 1);
        assertThat(revocations(bySoc)).hasSize(1);

        AccessGranted byAdmin = grant(grants, "read_only", Duration.ofMinutes(3));
        post(ADMIN, revoke(byAdmin.grantId()), "{\"reason\":\"incident closed\"}").statusCode(200);
    }

    @Test
    void revoke_badInput_isAProblemNamingTheField_andUnknownGrant_isNotFound() {
        AccessGranted granted = grant(grants, "read_only", Duration.ofMinutes(3));
        post(CAROL, revoke(granted.grantId()), "{}").statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("reason")).body("violations[0].rule", equalTo("required"));
        post(CAROL, revoke(granted.grantId()), "{\"reason\":\"" + "x".repeat(1001) + "\"}").statusCode(400)
                .body("violations[0].rule", equalTo("max-length"));
        post(CAROL, revoke(UUID.randomUUID().toString()), "{\"reason\":\"done\"}").statusCode(404)
                .contentType("application/problem+json").body("violations[0].rule", equalTo("unknown-grant"));
        given().contentType("application/json").body("{\"reason\":\"done\"}").post(revoke(granted.grantId()))
                .then().statusCode(401);
        given().auth().oauth2(CAROL).get("/v1/grants/" + granted.grantId()).then().body("status", equalTo("ACTIVE"));
    }

    @Test
    void extend_withinPolicyMax_movesTheDeadline_andAnExpiryForTheOldOneEndsNothing() throws SQLException {
        AccessGranted granted = grant(grants, "db_admin", Duration.ofMinutes(3));
        Instant wanted = granted.grantedAt().plus(Duration.ofMinutes(10));

        post(CAROL, extend(granted.grantId()), "{\"duration\":\"PT10M\",\"reason\":\"failover still running\"}")
                .statusCode(200).body("extension", equalTo("EXTENDED"))
                .body("expiresAt", equalTo(wanted.toString()));

        AccessExtended extended = await().atMost(ASYNC).until(() -> events(grants, AccessExtended.class,
                x -> x.grantId().equals(granted.grantId())), l -> !l.isEmpty()).get(0);
        assertThat(extended.previousExpiresAt()).isEqualTo(granted.expiresAt());
        assertThat(extended.expiresAt()).isEqualTo(wanted);
        assertThat(extended.by()).isEqualTo("carol");
        assertThat(extended.reason()).isEqualTo("failover still running");
        assertThat(extended.approvedBy()).isNull();
        given().auth().oauth2(CAROL).get("/v1/grants/" + granted.grantId()).then().statusCode(200)
                .body("expiresAt", equalTo(wanted.toString())).body("status", equalTo("ACTIVE"));
        // and the target follows: the temporary login's own deadline moved too
        assertThat(validUntil(granted)).isEqualTo(wholeSecondsUp(wanted));

        // expiry-service fired for the old deadline just before it re-armed: the grant stays
        Instant now = Instant.now();
        EventEnvelope stale = EventEnvelope.of(UUID.randomUUID().toString(), "/eer/expiry-service", now,
                new AccessExpired(granted.grantId(), granted.requestId(), granted.expiresAt(), now, 0));
        grants.publish(EXPIRIES, stale);
        await().atMost(ASYNC).until(() -> RequestCancelledTest.handled(stale.id()) == 1);
        assertThat(revocations(granted)).isEmpty();
        given().auth().oauth2(CAROL).get("/v1/grants/" + granted.grantId()).then().body("status", equalTo("ACTIVE"));
    }

    /** The connector sets {@code VALID UNTIL} in whole seconds, rounded up. */
    private static Instant wholeSecondsUp(Instant deadline) {
        Instant seconds = deadline.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return seconds.equals(deadline) ? seconds : seconds.plusSeconds(1);
    }

    /** The temporary login's {@code VALID UNTIL} on the target ({@code pg_roles.rolvaliduntil}). */
    private static Instant validUntil(AccessGranted granted) throws SQLException {
        try (Connection admin = TestDatabases.admin(TestDatabases.TARGET);
                java.sql.PreparedStatement sql = admin.prepareStatement(
                        "select rolvaliduntil from pg_roles where rolname = ?")) {
            sql.setString(1, granted.account());
            try (java.sql.ResultSet rows = sql.executeQuery()) {
                assertThat(rows.next()).as("login %s exists", granted.account()).isTrue();
                return rows.getTimestamp(1).toInstant();
            }
        }
    }

    @Test
    void extend_whenBeyondPolicyMax_isUnprocessable_recorded_andChangesNothing() {
        AccessGranted granted = grant(grants, "db_admin", Duration.ofMinutes(3));
        post(CAROL, extend(granted.grantId()), "{\"duration\":\"PT61M\",\"reason\":\"more\"}")
                .statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("expiresAt")).body("violations[0].rule", equalTo("max-duration"));
        assertThat(awaitRefusal(granted, "carol", "max-duration").action()).isEqualTo("EXTEND");

        post(ADMIN, extend(granted.grantId()), "{\"duration\":\"PT10M\",\"reason\":\"more\"}").statusCode(403)
                .body("violations[0].rule", equalTo("not-allowed"));
        post(CAROL, extend(granted.grantId()), "{\"duration\":\"PT2M\",\"reason\":\"less\"}").statusCode(422)
                .body("violations[0].rule", equalTo("not-later"));
        post(CAROL, extend(granted.grantId()), "{\"duration\":\"PT10M\",\"expiresAt\":\"2030-01-01T00:00:00Z\","
                + "\"reason\":\"both\"}").statusCode(400).body("violations[0].rule", equalTo("exactly-one"));
        post(CAROL, extend(granted.grantId()), "{\"duration\":\"ten minutes\",\"reason\":\"x\"}").statusCode(400)
                .body("violations[0].field", equalTo("duration"));
        post(CAROL, extend(granted.grantId()), "{\"duration\":\"PT10M\"}").statusCode(400)
                .body("violations[0].field", equalTo("reason"));

        given().auth().oauth2(CAROL).get("/v1/grants/" + granted.grantId()).then()
                .body("expiresAt", equalTo(granted.expiresAt().toString()));
        assertThat(events(grants, AccessExtended.class, x -> x.grantId().equals(granted.grantId()))).isEmpty();
    }

    @Test
    void extend_whenThePolicyAsksForReapproval_waitsForASecondPerson() throws SQLException {
        AccessGranted granted = grant(grants, "read_only", Duration.ofMinutes(3));
        Instant wanted = granted.grantedAt().plus(Duration.ofMinutes(90));
        Instant before = validUntil(granted);

        post(CAROL, extend(granted.grantId()), "{\"expiresAt\":\"" + wanted + "\",\"reason\":\"long migration\"}")
                .statusCode(202).body("extension", equalTo("PENDING_APPROVAL"))
                .body("expiresAt", equalTo(granted.expiresAt().toString()))
                .body("requestedExpiresAt", equalTo(wanted.toString())).body("approverGroups", contains("secops"));
        String approval = extend(granted.grantId()) + "/approval";

        // separation of duties: the beneficiary may not approve their own extension, whatever their groups
        given().auth().oauth2(CAROL_IN_SECOPS).post(approval).then().statusCode(403)
                .contentType("application/problem+json").body("violations[0].rule", equalTo("separation-of-duties"));
        assertThat(awaitRefusal(granted, "carol", "separation-of-duties").action()).isEqualTo("APPROVE_EXTENSION");
        given().auth().oauth2(ADMIN).post(approval).then().statusCode(403)
                .body("violations[0].rule", equalTo("approver-group"));
        assertThat(events(grants, AccessExtended.class, x -> x.grantId().equals(granted.grantId()))).isEmpty();
        given().auth().oauth2(CAROL).get("/v1/grants/" + granted.grantId()).then()
                .body("expiresAt", equalTo(granted.expiresAt().toString()));
        assertThat(validUntil(granted)).as("nothing moves on the target before the approval").isEqualTo(before);

        given().auth().oauth2(SECOPS).post(approval).then().statusCode(200).body("extension", equalTo("EXTENDED"))
                .body("expiresAt", equalTo(wanted.toString()));
        assertThat(validUntil(granted)).isEqualTo(wholeSecondsUp(wanted));
        AccessExtended extended = await().atMost(ASYNC).until(() -> events(grants, AccessExtended.class,
                x -> x.grantId().equals(granted.grantId())), l -> !l.isEmpty()).get(0);
        assertThat(extended.approvedBy()).isEqualTo("sid");
        assertThat(extended.by()).isEqualTo("carol");
        assertThat(extended.expiresAt()).isEqualTo(wanted);
        given().auth().oauth2(SECOPS).post(approval).then().statusCode(409)
                .body("violations[0].rule", equalTo("no-pending-extension"));
    }
}
