package io.eer.grant.api;

import static io.eer.grant.api.Fixtures.ADMIN;
import static io.eer.grant.api.Fixtures.APPROVALS;
import static io.eer.grant.api.Fixtures.ASYNC;
import static io.eer.grant.api.Fixtures.AUDITOR;
import static io.eer.grant.api.Fixtures.CAROL;
import static io.eer.grant.api.Fixtures.DEAD_LETTERS;
import static io.eer.grant.api.Fixtures.EXPIRIES;
import static io.eer.grant.api.Fixtures.GRANTS;
import static io.eer.grant.api.Fixtures.MALLORY;
import static io.eer.grant.api.Fixtures.approved;
import static io.eer.grant.api.Fixtures.events;
import static io.eer.grant.api.Fixtures.expired;
import static io.eer.grant.api.Fixtures.fetchCredentials;
import static io.eer.grant.api.Fixtures.grant;
import static io.eer.grant.api.Fixtures.recordsAbout;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.AccessGranted;
import io.eer.contracts.events.AccessRevoked;
import io.eer.contracts.events.GrantFailed;
import io.eer.contracts.events.RevocationFailed;
import io.eer.contracts.events.Values.RevocationReason;
import io.eer.grant.application.Grants;
import io.eer.grant.domain.Accounts;
import io.eer.grant.domain.GrantCommand;
import io.eer.grant.domain.GrantEvent;
import io.eer.grant.domain.GrantId;
import io.eer.grant.domain.LoginName;
import io.eer.grant.domain.PolicyBounds;
import io.eer.grant.domain.RequestId;
import io.eer.grant.infra.out.RequestLocks;
import io.eer.support.decider.Decision;
import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.inject.Inject;
import io.eer.support.testing.TopicProbe;
import io.eer.support.time.SettableClock;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GrantResourceTest {

    private static TopicProbe grants;
    private static TopicProbe deadLetters;

    @BeforeAll
    static void setUp() throws Exception {
        TestDatabases.seedTarget();
        grants = new TopicProbe(GRANTS);
        deadLetters = new TopicProbe(DEAD_LETTERS);
    }

    @AfterAll
    static void tearDown() {
        grants.close();
        deadLetters.close();
    }

    @Test
    void approved_grantsAccessFromNow_andNoEventOrStoredRowHoldsThePassword() throws SQLException {
        Instant before = Instant.now();
        AccessGranted granted = grant(grants, "db_admin", Duration.ofMinutes(3));

        assertThat(granted.beneficiary()).isEqualTo("carol");
        assertThat(granted.system()).isEqualTo("payments-db");
        assertThat(granted.role()).isEqualTo("db_admin");
        assertThat(granted.connector()).isEqualTo("postgres");
        assertThat(granted.account()).as("one login name per request, whatever the number of attempts")
                .isEqualTo(Accounts.forRequest(granted.requestId()));
        assertThat(granted.grantedAt()).isAfterOrEqualTo(before.minusSeconds(1));
        assertThat(Duration.between(granted.grantedAt(), granted.expiresAt())).isEqualTo(Duration.ofMinutes(3));

        String password = (String) fetchCredentials(CAROL, granted.grantId()).get("password");
        assertThat(password).hasSizeGreaterThanOrEqualTo(32);
        assertThat(recordsAbout(grants, granted.grantId())).isNotEmpty()
                .allSatisfy(record -> assertThat(record.value()).doesNotContain(password).doesNotContain("password"));
        assertThat(TestDatabases.count(TestDatabases.SERVICE,
                "select count(*) from domain_event where payload like ?", "%" + password + "%")).isZero();
        assertThat(TestDatabases.count(TestDatabases.SERVICE,
                "select count(*) from outbox where payload like ?", "%" + password + "%")).isZero();
        assertThat(TestDatabases.count(TestDatabases.SERVICE, "select count(*) from grant_credential "
                + "where grant_id = ? and ciphertext is null and fetched_at is not null", granted.grantId()))
                .as("the sealed secret is wiped after its first fetch").isEqualTo(1);
        given().auth().oauth2(CAROL).get("/v1/grants/" + granted.grantId())
                .then().statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("account", equalTo(granted.account()))
                .body("expiresAt", notNullValue())
                .body(not(containsString(password)));
    }

    @Test
    void credentials_areHandedOnceToTheBeneficiaryOnly_andLogIntoTheTarget() throws SQLException {
        AccessGranted granted = grant(grants, "db_admin", Duration.ofMinutes(3));
        String path = "/v1/grants/" + granted.grantId() + "/credentials";

        given().auth().oauth2(MALLORY).get(path).then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(ADMIN).get(path).then().statusCode(403);
        given().auth().oauth2(CAROL).get("/v1/grants/" + UUID.randomUUID() + "/credentials").then().statusCode(404);
        Map<String, Object> credentials = fetchCredentials(CAROL, granted.grantId());
        given().auth().oauth2(CAROL).get(path)
                .then().statusCode(410).contentType("application/problem+json")
                .body("violations[0].rule", equalTo("credentials-fetched-once"))
                .body(not(containsString((String) credentials.get("password"))));

        assertThat(credentials).containsEntry("username", granted.account())
                .containsEntry("host", TestDatabases.host())
                .containsEntry("port", TestDatabases.port())
                .containsEntry("database", "payments")
                .containsEntry("expiresAt", granted.expiresAt().toString());
        try (Connection session = login(credentials); Statement sql = session.createStatement()) {
            try (ResultSet rows = sql.executeQuery("select current_user, count(*) from payments.invoices group by 1")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo(granted.account());
                assertThat(rows.getLong(2)).isGreaterThanOrEqualTo(5);
            }
            assertThat(sql.executeUpdate("update payments.invoices set status = status where id = 1"))
                    .as("db_admin writes").isEqualTo(1);
        }
        try (Connection target = TestDatabases.admin(TestDatabases.TARGET); Statement sql = target.createStatement();
                ResultSet rows = sql.executeQuery("select rolvaliduntil, rolpassword from pg_authid where rolname = '"
                        + granted.account() + "'")) {
            assertThat(rows.next()).isTrue();
            Timestamp validUntil = rows.getTimestamp(1);
            assertThat(validUntil.toInstant()).as("the target itself refuses the login after the deadline")
                    .isBetween(granted.expiresAt(), granted.expiresAt().plusSeconds(1));
            // PostgresConnector.SCRAM_ITERATIONS: a random 187-bit secret needs no slow derivation
            assertThat(rows.getString(2)).as("a SCRAM verifier of 64 rounds, never the plaintext")
                    .startsWith("SCRAM-SHA-256$64:").doesNotContain((String) credentials.get("password"));
        }
    }

    @Test
    void readOnlyGrant_readsButCannotWrite() throws SQLException {
        AccessGranted granted = grant(grants, "read_only", Duration.ofMinutes(3));
        Map<String, Object> credentials = fetchCredentials(CAROL, granted.grantId());

        try (Connection session = login(credentials); Statement sql = session.createStatement()) {
            try (ResultSet rows = sql.executeQuery("select count(*) from payments.invoices")) {
                assertThat(rows.next()).isTrue();
            }
            assertThatThrownBy(() -> sql.executeUpdate("update payments.invoices set status = status where id = 1"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        }
    }

    @Test
    void expired_revokesOnTheTarget_terminatesLiveSessions_andConfirms() throws SQLException {
        AccessGranted granted = grant(grants, "db_admin", Duration.ofMinutes(3));
        Map<String, Object> credentials = fetchCredentials(CAROL, granted.grantId());
        Connection held = login(credentials);
        try (Statement sql = held.createStatement()) {
            sql.execute("select 1");
        }

        EventEnvelope expiry = expired(granted.grantId(), granted.requestId());
        grants.publish(EXPIRIES, expiry);
        AccessRevoked revoked = await().atMost(ASYNC).until(() -> events(grants, AccessRevoked.class,
                r -> r.grantId().equals(granted.grantId())), list -> !list.isEmpty()).get(0);

        assertThat(revoked.reason()).isEqualTo(RevocationReason.EXPIRED);
        assertThat(revoked.requestId()).isEqualTo(granted.requestId());
        assertThat(revoked.system()).isEqualTo("payments-db");
        assertThat(revoked.sessionsTerminated()).isGreaterThanOrEqualTo(1);
        assertThat(revoked.confirmed()).isTrue();
        assertThatThrownBy(() -> {
            try (Statement sql = held.createStatement()) {
                sql.execute("select 1");
            }
        }).as("the session opened during the grant was terminated").isInstanceOf(SQLException.class);
        held.close();
        assertThatThrownBy(() -> login(credentials).close())
                .as("a new login with the issued credentials fails").isInstanceOf(SQLException.class);
        assertThat(TestDatabases.count(TestDatabases.TARGET, "select count(*) from pg_roles where rolname = ?",
                granted.account())).isZero();
        given().auth().oauth2(AUDITOR).get("/v1/grants/" + granted.grantId())
                .then().statusCode(200)
                .body("status", equalTo("REVOKED"))
                .body("revocationReason", equalTo("EXPIRED"))
                .body("revokedAt", notNullValue())
                .body("sessionsTerminated", equalTo(revoked.sessionsTerminated()))
                .body("confirmed", equalTo(true));

        // the same expiry again (redelivery), and another one with a new id: the grant is not revoked twice
        EventEnvelope again = expired(granted.grantId(), granted.requestId());
        grants.publish(EXPIRIES, expiry);
        grants.publish(EXPIRIES, again);
        await().atMost(ASYNC).until(() -> TestDatabases.count(TestDatabases.SERVICE,
                "select count(*) from processed_event where event_id = ?", again.id()) == 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> events(grants,
                AccessRevoked.class, r -> r.grantId().equals(granted.grantId())).size() == 1);
        assertThat(recordsAbout(deadLetters, granted.grantId())).isEmpty();
    }

    @Test
    void expired_beforeTheCredentialsWereFetched_destroysThem() {
        AccessGranted granted = grant(grants, "read_only", Duration.ofMinutes(3));

        grants.publish(EXPIRIES, expired(granted.grantId(), granted.requestId()));
        await().atMost(ASYNC).until(() -> events(grants, AccessRevoked.class,
                r -> r.grantId().equals(granted.grantId())), list -> !list.isEmpty());

        given().auth().oauth2(CAROL).get("/v1/grants/" + granted.grantId() + "/credentials")
                .then().statusCode(410).body("violations[0].rule", equalTo("grant-ended"));
    }

    @Test
    void approved_deliveredTwice_orApprovedAgainUnderAnotherId_grantsOnce() throws SQLException {
        String requestId = UUID.randomUUID().toString();
        EventEnvelope approval = approved(requestId, "payments-db", "read_only", Duration.ofMinutes(3));
        EventEnvelope sameRequestOtherEvent = approved(requestId, "payments-db", "db_admin", Duration.ofMinutes(3));

        grants.publish(APPROVALS, approval);
        grants.publish(APPROVALS, approval);
        grants.publish(APPROVALS, sameRequestOtherEvent);

        await().atMost(ASYNC).until(() -> TestDatabases.count(TestDatabases.SERVICE,
                "select count(*) from processed_event where event_id = ?", sameRequestOtherEvent.id()) == 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> events(grants,
                AccessGranted.class, g -> g.requestId().equals(requestId)).size() == 1);
        assertThat(events(grants, AccessGranted.class, g -> g.requestId().equals(requestId)).get(0).role())
                .isEqualTo("read_only");
        assertThat(recordsAbout(deadLetters, requestId)).as("the second approval is ignored, not failed").isEmpty();
        given().auth().oauth2(CAROL).get("/v1/grants?requestId=" + requestId)
                .then().statusCode(200).body("$", hasSize(1));
    }

    @Test
    void approved_forSystemWithoutTarget_failsNamingTheConnectorError() {
        String requestId = UUID.randomUUID().toString();
        grants.publish(APPROVALS, approved(requestId, "hr-portal", "viewer", Duration.ofMinutes(3)));

        GrantFailed failed = await().atMost(ASYNC).until(() -> events(grants, GrantFailed.class,
                f -> f.requestId().equals(requestId)), list -> !list.isEmpty()).get(0);

        assertThat(failed.system()).isEqualTo("hr-portal");
        assertThat(failed.connector()).isEqualTo("none");
        assertThat(failed.error()).contains("no connector is configured for system 'hr-portal'");
        String grantId = given().auth().oauth2(CAROL).get("/v1/grants?requestId=" + requestId)
                .then().statusCode(200).body("$", hasSize(1))
                .body("[0].status", equalTo("FAILED"))
                .body("[0].failure", containsString("hr-portal"))
                .extract().path("[0].grantId");
        given().auth().oauth2(CAROL).get("/v1/grants/" + grantId + "/credentials")
                .then().statusCode(409).body("violations[0].rule", equalTo("grant-failed"));
    }

    @Test
    void approved_forRoleThatIsNotAPlainGrantableName_failsWithoutTouchingTheTarget() throws SQLException {
        String injected = UUID.randomUUID().toString();
        String notGrantable = UUID.randomUUID().toString();
        grants.publish(APPROVALS, approved(injected, "payments-db", "db_admin\" SUPERUSER; --", Duration.ofMinutes(3)));
        grants.publish(APPROVALS, approved(notGrantable, "payments-db", "pg_read_all_data", Duration.ofMinutes(3)));

        GrantFailed refused = await().atMost(ASYNC).until(() -> events(grants, GrantFailed.class,
                f -> f.requestId().equals(injected)), list -> !list.isEmpty()).get(0);
        assertThat(refused.connector()).isEqualTo("postgres");
        assertThat(refused.error()).contains("not a valid role name");
        GrantFailed outsideList = await().atMost(ASYNC).until(() -> events(grants, GrantFailed.class,
                f -> f.requestId().equals(notGrantable)), list -> !list.isEmpty()).get(0);
        assertThat(outsideList.error()).contains("may not be granted");
        for (String requestId : new String[] {injected, notGrantable}) {
            String grantId = given().auth().oauth2(CAROL).get("/v1/grants?requestId=" + requestId)
                    .then().statusCode(200).body("[0].status", equalTo("FAILED")).extract().path("[0].grantId");
            assertThat(TestDatabases.count(TestDatabases.TARGET, "select count(*) from pg_roles where rolname = ?",
                    Accounts.forRequest(requestId))).as("no login was created").isZero();
            assertThat(grantId).isNotBlank();
        }
    }

    @Test
    void expired_whenTheTargetIsDown_recordsRevocationFailed_staysDueAndRetried_neverDeadLettered() throws SQLException {
        String grantId = UUID.randomUUID().toString();
        String requestId = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        // an active grant on a system whose target is down (nothing listens on its port); its deadline is now. It is
        // recorded through the grant aggregate, as provisioning would have (no target could create it)
        recordGrant(grantId, requestId, now, new GrantCommand.RecordProvisioned(provisionOnUnreachable(grantId,
                requestId, now), LoginName.forRequest(new RequestId(requestId)), "127.0.0.1", 1, "payments"));

        EventEnvelope expiry = expired(grantId, requestId);
        grants.publish(EXPIRIES, expiry);

        // every failed attempt is recorded, and the sweeper keeps trying (attempt 1, then 2, 3 ... with back-off)
        // the back-off (1 s, then 2 s in tests) passes on the service's clock, not by waiting: each poll moves it
        java.util.List<RevocationFailed> failures = await().atMost(ASYNC).until(() -> {
            clock.advance(Duration.ofMillis(500));
            return events(grants, RevocationFailed.class, f -> f.grantId().equals(grantId));
        }, list -> list.size() >= 3);
        assertThat(failures).extracting(RevocationFailed::attempt).startsWith(1, 2, 3);
        assertThat(failures).allSatisfy(failure -> {
            assertThat(failure.requestId()).isEqualTo(requestId);
            assertThat(failure.system()).isEqualTo("unreachable-db");
            assertThat(failure.error()).isNotBlank().doesNotContain("password").doesNotContain(" eer ");
            assertThat(failure.nextAttemptAt()).isAfter(now);
        });
        assertThat(Duration.between(failures.get(1).nextAttemptAt(), failures.get(2).nextAttemptAt()))
                .as("back-off: attempts (and events) are rate-bounded").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        // the consumer's own attempt (its in-call retries, under the request's lock) can end after the sweeper's
        // third: its message is then handled, not left to redeliver or dead-letter
        await().atMost(ASYNC).untilAsserted(() -> assertThat(TestDatabases.count(TestDatabases.SERVICE,
                "select count(*) from processed_event where event_id = ?", expiry.id()))
                .as("the expiry message was handled: the sweeper owns the retries").isEqualTo(1));
        assertThat(recordsAbout(deadLetters, expiry.id())).as("a failing revocation is not dead-lettered").isEmpty();
        assertThat(events(grants, AccessRevoked.class, r -> r.grantId().equals(grantId))).isEmpty();
        given().auth().oauth2(ADMIN).get("/v1/grants/" + grantId)
                .then().statusCode(200).body("status", equalTo("ACTIVE")).body("confirmed", equalTo(null));
        // stop the retries of this test's grant (the target stays down): recorded as an unconfirmed revocation
        recordGrant(grantId, requestId, now, new GrantCommand.RecordRevoked(null, 0, false,
                "test cleanup: the target was never reachable", Instant.now()));
    }

    @Inject
    Grants grantAggregates;
    @Inject
    SettableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }
    @Inject
    RequestLocks requestLocks;

    private void recordGrant(String grantId, String requestId, Instant now, GrantCommand command) {
        Decision<GrantEvent> decision = VertxContextSupportAwait.await(() -> Panache.withTransaction(() -> requestLocks
                .lock(requestId).chain(() -> grantAggregates.execute(new RequestId(requestId), command))));
        assertThat(decision.refused()).as("recorded: %s", decision).isFalse();
    }

    private static GrantCommand.Provision provisionOnUnreachable(String grantId, String requestId, Instant now) {
        PolicyBounds bounds = new PolicyBounds("test", Map.of("unreachable-db", Map.of("db_admin", Duration.ofHours(1))),
                Map.of("unreachable-db", java.util.List.of("db_admin")));
        return new GrantCommand.Provision(new GrantId(grantId), new RequestId(requestId), "carol", "unreachable-db",
                "db_admin", Duration.ofMillis(1), null, java.util.Optional.of("postgres"), bounds, now);
    }

    @Test
    void status_isVisibleToTheBeneficiaryAndOverseers_only() {
        AccessGranted granted = grant(grants, "read_only", Duration.ofMinutes(3));

        given().auth().oauth2(MALLORY).get("/v1/grants/" + granted.grantId())
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(AUDITOR).get("/v1/grants/" + granted.grantId()).then().statusCode(200);
        given().auth().oauth2(MALLORY).get("/v1/grants?requestId=" + granted.requestId())
                .then().statusCode(200).body("$", hasSize(0));
        given().auth().oauth2(ADMIN).get("/v1/grants?requestId=" + granted.requestId())
                .then().statusCode(200).body("$", hasSize(1)).body("[0].grantId", equalTo(granted.grantId()));
        given().auth().oauth2(CAROL).get("/v1/grants/" + UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(ADMIN).get("/v1/grants?status=SOMETIMES")
                .then().statusCode(400).body("violations[0].field", equalTo("status"));
    }

    @Test
    void grantEndpoints_withoutToken_areUnauthorized() {
        given().get("/v1/grants/" + UUID.randomUUID()).then().statusCode(401).contentType("application/problem+json");
        given().get("/v1/grants/" + UUID.randomUUID() + "/credentials").then().statusCode(401);
        given().get("/v1/grants").then().statusCode(401);
    }

    static Connection login(Map<String, Object> credentials) throws SQLException {
        String url = "jdbc:postgresql://" + credentials.get("host") + ":" + credentials.get("port") + "/"
                + credentials.get("database");
        return DriverManager.getConnection(url, (String) credentials.get("username"), (String) credentials.get("password"));
    }
}
