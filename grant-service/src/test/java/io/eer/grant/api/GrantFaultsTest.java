package io.eer.grant.api;

import static io.eer.grant.api.Fixtures.APPROVALS;
import static io.eer.grant.api.Fixtures.ASYNC;
import static io.eer.grant.api.Fixtures.CAROL;
import static io.eer.grant.api.Fixtures.GRANTS;
import static io.eer.grant.api.Fixtures.approved;
import static io.eer.grant.api.Fixtures.events;
import static io.eer.grant.api.Fixtures.fetchCredentials;
import static io.eer.grant.api.Fixtures.grant;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.eer.contracts.events.AccessGranted;
import io.eer.contracts.events.AccessRevoked;
import io.eer.contracts.events.GrantFailed;
import io.eer.contracts.events.OrphanLoginRemoved;
import io.eer.contracts.events.Values.RevocationReason;
import io.eer.grant.domain.Accounts;
import io.eer.grant.infra.out.connector.Connectors;
import io.eer.support.testing.ClusterCatalogLock;
import io.eer.support.testing.TopicProbe;
import io.eer.support.time.SettableClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Crashes, lost messages, forged approvals and the target's least privilege, against the real target. */
@QuarkusTest
class GrantFaultsTest {

    private static TopicProbe grants;

    @Inject
    Connectors connectors;

    @BeforeAll
    static void setUp() throws Exception {
        TestDatabases.seedTarget();
        grants = new TopicProbe(GRANTS);
    }

    @Inject
    SettableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @AfterAll
    static void tearDown() {
        grants.close();
    }

    /** The connector's own login, as the service uses it (what a crash after CREATE ROLE leaves was made by it). */
    static Connection connector() throws SQLException {
        return DriverManager.getConnection(TestDatabases.url(TestDatabases.TARGET), "eer_grant_connector",
                "eer-grant-connector-local");
    }

    static long roles(String account) throws SQLException {
        return TestDatabases.count(TestDatabases.TARGET, "select count(*) from pg_roles where rolname = ?", account);
    }

    @Test
    void loginLeftByACrash_isRemovedByTheReconciler_andRecorded() throws SQLException {
        String requestId = UUID.randomUUID().toString();
        String account = Accounts.forRequest(requestId);
        String anonymous = Accounts.forRequest(UUID.randomUUID().toString());
        try (Connection target = connector(); Statement sql = target.createStatement()) {
            // what a kill -9 between CREATE ROLE on the target and recording the grant leaves behind
            sql.execute("CREATE ROLE " + account + " LOGIN PASSWORD 'x-never-handed-out' IN ROLE db_admin");
            sql.execute("COMMENT ON ROLE " + account + " IS 'EER temporary login: grant g-lost, request " + requestId
                    + ", for carol, until 2099-01-01T00:00:00Z'");
            sql.execute("CREATE ROLE " + anonymous + " LOGIN PASSWORD 'x-never-handed-out'");
        }

        OrphanLoginRemoved removed = await().atMost(ASYNC).until(() -> events(grants, OrphanLoginRemoved.class,
                e -> e.account().equals(account)), list -> !list.isEmpty()).get(0);
        OrphanLoginRemoved unnamed = await().atMost(ASYNC).until(() -> events(grants, OrphanLoginRemoved.class,
                e -> e.account().equals(anonymous)), list -> !list.isEmpty()).get(0);

        assertThat(roles(account)).isZero();
        assertThat(roles(anonymous)).isZero();
        assertThat(removed.requestId()).isEqualTo(requestId);
        assertThat(removed.system()).isEqualTo("payments-db");
        assertThat(removed.reason()).contains("no grant");
        assertThat(removed.removedAt()).isNotNull();
        assertThat(unnamed.requestId()).isEqualTo(OrphanLoginRemoved.UNKNOWN_REQUEST);
    }

    @Test
    void reconciler_leavesTheLoginsOfActiveGrantsAlone() throws SQLException {
        AccessGranted granted = grant(grants, "read_only", Duration.ofMinutes(3));

        // several reconciler rounds (every 2 s in tests) pass without touching it
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8)).until(() -> roles(granted.account()) == 1);
        assertThat(events(grants, OrphanLoginRemoved.class, e -> e.account().equals(granted.account()))).isEmpty();
    }

    @Test
    void approvedAfterACrashLeftItsLogin_replacesThatLogin_neverASecondOne() throws SQLException {
        String requestId = UUID.randomUUID().toString();
        String account = Accounts.forRequest(requestId);
        try (Connection target = connector(); Statement sql = target.createStatement()) {
            sql.execute("CREATE ROLE " + account + " LOGIN PASSWORD 'x-never-handed-out' IN ROLE db_admin");
            sql.execute("COMMENT ON ROLE " + account + " IS 'EER temporary login: grant g-lost, request " + requestId
                    + ", for carol, until 2099-01-01T00:00:00Z'");
        }

        // the redelivered Approved (its first processing died after CREATE ROLE)
        grants.publish(APPROVALS, approved(requestId, "payments-db", "read_only", Duration.ofMinutes(3)));
        AccessGranted granted = await().atMost(ASYNC).until(() -> events(grants, AccessGranted.class,
                g -> g.requestId().equals(requestId)), list -> !list.isEmpty()).get(0);

        assertThat(granted.account()).isEqualTo(account);
        assertThat(TestDatabases.count(TestDatabases.TARGET, "select count(*) from pg_roles "
                + "where shobj_description(oid, 'pg_authid') like ?", "%request " + requestId + ",%"))
                .as("exactly one login for the request").isEqualTo(1);
        Map<String, Object> credentials = fetchCredentials(CAROL, granted.grantId());
        try (Connection session = GrantResourceTest.login(credentials); Statement sql = session.createStatement()) {
            assertThat(sql.executeQuery("select count(*) from payments.invoices").next()).isTrue();
            assertThatThrownBy(() -> sql.executeUpdate("update payments.invoices set status = status where id = 1"))
                    .as("exactly the approved role (read_only), nothing the earlier attempt had")
                    .hasMessageContaining("permission denied");
        }
        assertThat(TestDatabases.count(TestDatabases.TARGET, "select count(*) from pg_auth_members m "
                + "join pg_roles u on u.oid = m.member join pg_roles g on g.oid = m.roleid "
                + "where u.rolname = ? and g.rolname = 'db_admin'", account)).isZero();
    }

    @Test
    void grantWhoseExpiryNeverArrives_isRevokedByTheSweeperAfterDeadlineAndGrace() throws SQLException {
        AccessGranted granted = grant(grants, "read_only", Duration.ofMinutes(3));

        // no AccessExpired is ever published for it. Until deadline + grace the sweeper (every 0.5 s) leaves it alone
        clock.advance(Duration.ofMinutes(3).minusSeconds(30));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> events(grants,
                AccessRevoked.class, r -> r.grantId().equals(granted.grantId())).isEmpty());
        // then time passes the deadline and the grace (1 s in tests): the sweeper revokes
        clock.advance(Duration.ofSeconds(32));
        AccessRevoked revoked = await().atMost(ASYNC).until(() -> events(grants, AccessRevoked.class,
                r -> r.grantId().equals(granted.grantId())), list -> !list.isEmpty()).get(0);

        assertThat(revoked.reason()).isEqualTo(RevocationReason.EXPIRED);
        assertThat(revoked.confirmed()).isTrue();
        assertThat(revoked.revokedAt()).as("not before deadline + grace (1 s in tests)")
                .isAfterOrEqualTo(granted.expiresAt().plusSeconds(1));
        assertThat(roles(granted.account())).isZero();
        given().auth().oauth2(CAROL).get("/v1/grants/" + granted.grantId())
                .then().statusCode(200).body("status", equalTo("REVOKED"));
    }

    @Test
    void grantDueWhileItsRequestIsBeingHandled_sweeperLeavesItsRowFree_andRevokesOnceTheRequestIsFree()
            throws SQLException {
        AccessGranted granted = grant(grants, "read_only", Duration.ofMinutes(3));
        try (Connection holder = TestDatabases.admin(TestDatabases.SERVICE);
                PreparedStatement lock = holder.prepareStatement("select pg_advisory_lock(hashtext(?))")) {
            // what an expiry message or a cancellation being handled holds: the request's advisory lock. Its holder
            // locks the grant's row only when it records, so a sweeper holding the row while waiting would deadlock
            lock.setString(1, "request:" + granted.requestId());
            lock.executeQuery();
            clock.advance(Duration.ofMinutes(3).plusSeconds(2));

            // several polls (every 0.5 s) find it due: none revokes it, none keeps its row locked
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6)).until(() ->
                    rowFree(granted.grantId()) && events(grants, AccessRevoked.class,
                            r -> r.grantId().equals(granted.grantId())).isEmpty());
            assertThat(roles(granted.account())).isEqualTo(1);

            try (PreparedStatement unlock = holder.prepareStatement("select pg_advisory_unlock(hashtext(?))")) {
                unlock.setString(1, "request:" + granted.requestId());
                unlock.executeQuery();
            }
        }

        AccessRevoked revoked = await().atMost(ASYNC).until(() -> events(grants, AccessRevoked.class,
                r -> r.grantId().equals(granted.grantId())), list -> !list.isEmpty()).get(0);
        assertThat(revoked.reason()).isEqualTo(RevocationReason.EXPIRED);
        assertThat(roles(granted.account())).isZero();
    }

    /**
     * True when nobody keeps the grant's row locked: the lock is had within a second, then released. Each poll holds it
     * for the few milliseconds of its claim, so a check must wait that long; a sweeper waiting for the advisory lock
     * would hold it for as long as the holder does.
     */
    private static boolean rowFree(String grantId) throws SQLException {
        try (Connection connection = TestDatabases.admin(TestDatabases.SERVICE)) {
            connection.setAutoCommit(false);
            try (Statement timeout = connection.createStatement()) {
                timeout.execute("set local lock_timeout = '1s'");
            }
            try (PreparedStatement sql = connection.prepareStatement(
                    "select 1 from grant_view where grant_id = ? for update")) {
                sql.setString(1, grantId);
                sql.executeQuery().close();
                return true;
            } catch (SQLException e) {
                if ("55P03".equals(e.getSQLState())) { // lock_not_available
                    return false;
                }
                throw e;
            } finally {
                connection.rollback();
            }
        }
    }

    @Test
    void forgedApprovalBeyondThePolicy_provisionsNothing() throws SQLException {
        String tenYears = UUID.randomUUID().toString();
        String unknownRole = UUID.randomUUID().toString();
        grants.publish(APPROVALS, approved(tenYears, "payments-db", "db_admin", Duration.ofDays(3650)));
        grants.publish(APPROVALS, approved(unknownRole, "payments-db", "auditor_role", Duration.ofMinutes(3)));

        GrantFailed refused = await().atMost(ASYNC).until(() -> events(grants, GrantFailed.class,
                f -> f.requestId().equals(tenYears)), list -> !list.isEmpty()).get(0);
        GrantFailed unknown = await().atMost(ASYNC).until(() -> events(grants, GrantFailed.class,
                f -> f.requestId().equals(unknownRole)), list -> !list.isEmpty()).get(0);

        assertThat(refused.error()).contains("rule max-duration").contains("PT87600H").contains("PT1H");
        assertThat(unknown.error()).contains("rule unknown-role");
        assertThat(roles(Accounts.forRequest(tenYears))).isZero();
        assertThat(roles(Accounts.forRequest(unknownRole))).isZero();
        assertThat(events(grants, AccessGranted.class, g -> List.of(tenYears, unknownRole).contains(g.requestId())))
                .isEmpty();
    }

    @Test
    void loginIssuedForPayments_cannotConnectToAnyOtherDatabase() throws SQLException {
        AccessGranted granted = grant(grants, "read_only", Duration.ofMinutes(3));
        Map<String, Object> credentials = fetchCredentials(CAROL, granted.grantId());

        try (Connection session = GrantResourceTest.login(credentials)) {
            assertThat(session.isValid(2)).isTrue();
        }
        for (String database : List.of("eer_grant", "postgres", "template1")) {
            assertThatThrownBy(() -> DriverManager.getConnection(TestDatabases.url(database),
                    (String) credentials.get("username"), (String) credentials.get("password")).close())
                    .as(database).isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied for database");
        }
    }

    @Test
    void roleReachingAPredefinedRole_isRefusedAtProvisionTime() throws SQLException {
        String requestId = UUID.randomUUID().toString();

        grants.publish(APPROVALS, approved(requestId, "payments-db", "escalating_role", Duration.ofMinutes(3)));

        GrantFailed refused = await().atMost(ASYNC).until(() -> events(grants, GrantFailed.class,
                f -> f.requestId().equals(requestId)), list -> !list.isEmpty()).get(0);
        assertThat(refused.error()).contains("pg_read_server_files").contains("never granted");
        assertThat(roles(Accounts.forRequest(requestId))).isZero();
    }

    @Test
    void startupCheck_findsEveryOtherDatabaseANewLoginCouldReach() throws SQLException {
        try (Connection admin = TestDatabases.admin("postgres"); Statement sql = admin.createStatement()) {
            ClusterCatalogLock.acquire(admin);
            sql.execute("DROP DATABASE IF EXISTS grant_open_probe");
            sql.execute("CREATE DATABASE grant_open_probe"); // PostgreSQL's default: PUBLIC may connect
        }
        try {
            List<String> open = connectors.forSystem("payments-db").orElseThrow().otherDatabasesOpenToNewLogins()
                    .await().atMost(ASYNC);

            assertThat(open).contains("grant_open_probe").doesNotContain("payments", "eer_grant", "postgres");
        } finally {
            try (Connection admin = TestDatabases.admin("postgres"); Statement sql = admin.createStatement()) {
                ClusterCatalogLock.acquire(admin);
                sql.execute("DROP DATABASE IF EXISTS grant_open_probe");
            }
        }
    }

    @Test
    void connector_isNotASuperuser() throws SQLException {
        assertThat(TestDatabases.count(TestDatabases.TARGET, "select count(*) from pg_roles where rolname = "
                + "'eer_grant_connector' and not rolsuper and rolcreaterole")).isEqualTo(1);
    }
}
