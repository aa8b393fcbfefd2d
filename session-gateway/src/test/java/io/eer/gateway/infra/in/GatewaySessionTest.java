package io.eer.gateway.infra.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.AccessExtended;
import io.eer.contracts.events.AccessRevoked;
import io.eer.contracts.events.SessionActionLogged;
import io.eer.contracts.events.Values.RevocationReason;
import io.eer.gateway.application.LiveSessions;
import io.eer.gateway.domain.PgMessages;
import io.eer.gateway.projection.OpenSession;
import io.eer.support.testing.TestTokens;
import io.eer.support.testing.TopicProbe;
import io.eer.support.time.SettableClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway end to end against the real test PostgreSQL and Kafka: pgJDBC (and psql when installed) through the
 * gateway to a real temporary login; the events on {@code test-gateway.eer.gateway}; the cut-off at the deadline
 * and on revocation; refused secrets. grant-service's redeem endpoint is {@link GrantServiceStandIn}.
 */
@QuarkusTest
@QuarkusTestResource(GrantServiceStandIn.class)
class GatewaySessionTest {

    private static final String TOPIC = "test-gateway.eer.gateway";
    private static TopicProbe probe;

    @Inject
    PgListener listener;

    @Inject
    SettableClock clock;

    @Inject
    LiveSessions live;

    @BeforeAll
    static void subscribe() {
        probe = new TopicProbe(TOPIC);
    }

    @AfterAll
    static void close() {
        probe.close();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static Instant inMinutes(int minutes) {
        return Instant.now().plus(Duration.ofMinutes(minutes));
    }

    private Connection connect(GrantServiceStandIn.Issued issued, String sslmode) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", issued.grantId());
        props.setProperty("password", issued.secret());
        props.setProperty("sslmode", sslmode);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + listener.port() + "/payments", props);
    }

    private static List<SessionActionLogged> actionsOf(String grantId, int atLeast) {
        List<SessionActionLogged> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            found.clear();
            for (EventEnvelope e : probe.events()) {
                if (e.data() instanceof SessionActionLogged a && a.grantId().equals(grantId)) {
                    assertThat(e.source()).isEqualTo("/eer/session-gateway");
                    found.add(a);
                }
            }
            assertThat(found).hasSizeGreaterThanOrEqualTo(atLeast);
        });
        return found;
    }

    @Test
    void jdbcStatements_throughTheGateway_areRecordedInOrderWithTheirKinds() throws Exception {
        GrantServiceStandIn.Issued issued = GrantServiceStandIn.issue(inMinutes(5));
        String table = "gwtest.t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = connect(issued, "disable"); Statement s = c.createStatement()) {
            s.execute("create table " + table + " (id int, note text)");
            s.execute("insert into " + table + " values (1, 'secret-looking literal')");
            // 7 runs cross pgJDBC's switch to a named server-side statement (the 5th); each is recorded with its text
            try (PreparedStatement ps = c.prepareStatement("select note from " + table + " where id = ?")) {
                for (int i = 0; i < 7; i++) {
                    ps.setInt(1, 1);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1)).isEqualTo("secret-looking literal");
                    }
                }
            }
            s.execute("update " + table + " set note = 'x' where id = 1");
            try (ResultSet rs = s.executeQuery("select current_user")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(issued.login()); // the temporary login, never its password
            }
        }
        List<SessionActionLogged> actions = actionsUntilEnd(issued.grantId());
        assertThat(actions.get(0).action()).isEqualTo("connect");
        assertThat(actions.get(actions.size() - 1).action()).isEqualTo("disconnect");
        // what the driver sent of its own accord is recorded too; ours come in the order they were run
        List<SessionActionLogged> ours = actions.stream().filter(a -> a.statement() != null
                && (a.statement().contains(table) || a.statement().equals("select current_user"))).toList();
        assertThat(ours).extracting(SessionActionLogged::kind).containsExactly("DDL", "DML", "SELECT",
                "SELECT", "SELECT", "SELECT", "SELECT", "SELECT", "SELECT", "DML", "SELECT");
        assertThat(actions.subList(1, actions.size() - 1)).extracting(SessionActionLogged::action)
                .allMatch(a -> a.equals("query") || a.equals("execute"));
        assertThat(ours.get(0).statement()).isEqualTo("create table " + table + " (id int, note text)");
        assertThat(ours.subList(2, 9)).extracting(SessionActionLogged::statement)
                .containsOnly("select note from " + table + " where id = $1");
        assertThat(ours.get(1).object()).isEqualTo(table);
        assertThat(ours.get(9).object()).isEqualTo(table);
        assertThat(actions).extracting(SessionActionLogged::sessionId).containsOnly(actions.get(0).sessionId());
        assertThat(actions).extracting(SessionActionLogged::requestId).containsOnly(issued.requestId());
        assertThat(actions).allSatisfy(a -> assertThat(a.statement() == null ? "" : a.statement())
                .doesNotContain(issued.password()).doesNotContain(issued.secret()));
    }

    /** The session's actions once its last one (disconnect or cut-off) has arrived. */
    private static List<SessionActionLogged> actionsUntilEnd(String grantId) {
        List<SessionActionLogged> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            found.clear();
            found.addAll(actionsOf(grantId, 1));
            assertThat(found.get(found.size() - 1).action()).isIn("disconnect", "cut-off");
        });
        return found;
    }

    @Test
    void tls_sslmodeRequire_works_andASimpleQueryIsRecorded() throws Exception {
        // pgJDBC with sslmode=require fails unless the gateway answered the SSLRequest with 'S' and spoke TLS
        GrantServiceStandIn.Issued second = GrantServiceStandIn.issue(inMinutes(5));
        Properties props = new Properties();
        // the simple protocol: pgJDBC's preferQueryMode=simple sends Query messages
        props.setProperty("user", second.grantId());
        props.setProperty("password", second.secret());
        props.setProperty("sslmode", "require");
        props.setProperty("preferQueryMode", "simple");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + listener.port()
                + "/payments", props); Statement s = c.createStatement()) {
            s.execute("select 42 as answer from pg_catalog.pg_class limit 1");
        }
        SessionActionLogged select = actionsUntilEnd(second.grantId()).stream()
                .filter(a -> a.statement() != null && a.statement().startsWith("select 42")).findFirst().orElseThrow();
        assertThat(select.action()).isEqualTo("query");
        assertThat(select.kind()).isEqualTo("SELECT");
        assertThat(select.object()).isEqualTo("pg_catalog.pg_class");
    }

    @Test
    void aReplayedSecret_isRefusedWith28P01() throws Exception {
        GrantServiceStandIn.Issued issued = GrantServiceStandIn.issue(inMinutes(5));
        try (Connection c = connect(issued, "disable")) {
            assertThat(c.isValid(2)).isTrue();
        }
        assertThatThrownBy(() -> connect(issued, "disable")).isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("28P01");
    }

    @Test
    void aWrongSecret_isRefusedWith28P01_andLeavesTheRightOneUsable() throws Exception {
        GrantServiceStandIn.Issued issued = GrantServiceStandIn.issue(inMinutes(5));
        GrantServiceStandIn.Issued wrong = new GrantServiceStandIn.Issued("not-" + issued.secret(),
                issued.grantId(), issued.requestId(), issued.login(), issued.password(), issued.expiresAt());
        assertThatThrownBy(() -> connect(wrong, "disable")).isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("28P01");
        try (Connection c = connect(issued, "disable")) {
            assertThat(c.isValid(2)).isTrue();
        }
    }

    @Test
    void aConnectionOpenAtTheDeadline_isClosedWith57P01_andTheCutIsRecorded() throws Exception {
        GrantServiceStandIn.Issued issued = GrantServiceStandIn.issue(inMinutes(60));
        try (Connection c = connect(issued, "disable"); Statement s = c.createStatement()) {
            s.execute("select 1");
            clock.advance(Duration.ofMinutes(61)); // the gateway's clock passes the grant's deadline
            await().atMost(Duration.ofSeconds(3)).until(() -> c.isClosed() || !c.isValid(1));
            assertThatThrownBy(() -> s.execute("select 2")).isInstanceOf(SQLException.class);
        }
        List<SessionActionLogged> actions = actionsUntilEnd(issued.grantId());
        assertThat(actions.get(actions.size() - 1).action()).isEqualTo("cut-off");
        assertThat(actions).extracting(SessionActionLogged::statement).doesNotContain("select 2");
    }

    @Test
    void aRevokedGrant_hasItsSessionsCut_withinASecond() throws Exception {
        GrantServiceStandIn.Issued issued = GrantServiceStandIn.issue(inMinutes(60));
        Socket raw = new Socket("127.0.0.1", listener.port());
        Map<Character, String> fatal;
        try (raw) {
            rawLogin(raw, issued);
            probe.publish("test-gateway.eer.grants", EventEnvelope.of(UUID.randomUUID().toString(),
                    "/eer/grant-service", Instant.now(), new AccessRevoked(issued.grantId(), issued.requestId(),
                            "payments-db", RevocationReason.REVOKED_EARLY, Instant.now(), 0, true)));
            long published = System.nanoTime();
            raw.setSoTimeout(10_000);
            PgMessages.Message m = PgMessages.read(raw.getInputStream(), 1 << 20);
            assertThat(m.type()).isEqualTo('E');
            fatal = PgMessages.errorFields(m.body());
            assertThat(Duration.ofNanos(System.nanoTime() - published)).isLessThan(Duration.ofSeconds(5));
            assertThat(raw.getInputStream().read()).isEqualTo(-1); // and closed
        }
        assertThat(fatal.get('C')).isEqualTo("57P01");
        assertThat(fatal.get('S')).isEqualTo("FATAL");
        assertThat(actionsUntilEnd(issued.grantId())).last().extracting(SessionActionLogged::action)
                .isEqualTo("cut-off");
    }

    @Test
    void anExtendedGrant_keepsItsSessionPastTheOldDeadline_andCutsItAtTheNewOne() throws Exception {
        GrantServiceStandIn.Issued issued = GrantServiceStandIn.issue(inMinutes(60));
        Instant extendedTo = issued.expiresAt().plus(Duration.ofMinutes(60));
        try (Connection c = connect(issued, "disable"); Statement s = c.createStatement()) {
            s.execute("select 1");
            probe.publish("test-gateway.eer.grants", EventEnvelope.of(UUID.randomUUID().toString(),
                    "/eer/grant-service", Instant.now(), new AccessExtended(issued.grantId(), issued.requestId(),
                            "payments-db", issued.expiresAt(), extendedTo, "carol", "failover still running",
                            Instant.now(), null)));
            await().atMost(Duration.ofSeconds(20)).until(() -> deadlineOf(issued.grantId()),
                    d -> extendedTo.equals(d));

            clock.advance(Duration.ofMinutes(61)); // past the old deadline, before the new one
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3))
                    .until(() -> deadlineOf(issued.grantId()) != null); // several deadline checks: still open
            try (ResultSet rs = s.executeQuery("select 2 as after_the_old_deadline")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }

            clock.advance(Duration.ofMinutes(60)); // past the new deadline
            await().atMost(Duration.ofSeconds(3)).until(() -> c.isClosed() || !c.isValid(1));
            assertThat(deadlineOf(issued.grantId())).isNull();
        }
        List<SessionActionLogged> actions = actionsUntilEnd(issued.grantId());
        assertThat(actions).extracting(SessionActionLogged::statement).contains("select 2 as after_the_old_deadline");
        assertThat(actions.get(actions.size() - 1).action()).isEqualTo("cut-off");
    }

    /** The deadline of the grant's open session on this instance, or null when none is open. */
    private Instant deadlineOf(String grantId) {
        return live.open().stream().filter(o -> o.grantId().equals(grantId)).map(OpenSession::deadline).findFirst()
                .orElse(null);
    }

    @Test
    void eachRecord_isStoredAsItsCanonicalEnvelope_withTheSequenceItIsPublishedWith() throws Exception {
        GrantServiceStandIn.Issued issued = GrantServiceStandIn.issue(inMinutes(5));
        try (Connection c = connect(issued, "disable"); Statement s = c.createStatement()) {
            for (int i = 0; i < 3; i++) {
                s.execute("select " + i + " as \"sequence\", '\"sequence\":\"999999999999999999\"' as text");
            }
        }
        String sessionId = actionsUntilEnd(issued.grantId()).get(0).sessionId();
        List<Long> published = probe.events().stream()
                .filter(e -> e.data() instanceof SessionActionLogged a && a.sessionId().equals(sessionId))
                .map(EventEnvelope::sequence).toList();
        List<Long> stored = new ArrayList<>();
        try (Connection db = GrantServiceStandIn.superuser("eer_gateway"); PreparedStatement ps = db.prepareStatement(
                "select d.version, d.sequence, d.payload, o.sequence, o.payload from domain_event d"
                        + " join outbox o on o.event_id = d.event_id where d.aggregate_id = ? order by d.version")) {
            ps.setString(1, "gateway-session/" + sessionId);
            try (ResultSet rows = ps.executeQuery()) {
                while (rows.next()) {
                    assertThat(rows.getLong(1)).isEqualTo(stored.size() + 1L); // versions 1, 2, 3, ...
                    long sequence = rows.getLong(2);
                    String payload = rows.getString(3);
                    assertThat(rows.getLong(4)).isEqualTo(sequence);
                    assertThat(rows.getString(5)).isEqualTo(payload);
                    EventEnvelope envelope = EventCodec.decode(payload);
                    assertThat(envelope.sequence()).isEqualTo(sequence);
                    // the bytes are exactly the envelope's canonical encoding (what the ledger hashes)
                    assertThat(EventCodec.encodeToString(envelope)).isEqualTo(payload);
                    stored.add(sequence);
                }
            }
        }
        // connect, 3 queries, disconnect, and whatever the driver sent of its own accord
        assertThat(stored).hasSizeGreaterThanOrEqualTo(5).isSorted().doesNotHaveDuplicates();
        assertThat(published).containsExactlyElementsOf(stored);
    }

    @Test
    void aDatabaseThatDoesNotCommit_closesTheSessionWith58000_andTheStatementNeverRuns() throws Exception {
        GrantServiceStandIn.Issued issued = GrantServiceStandIn.issue(inMinutes(30));
        String table = "gwtest.t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = GrantServiceStandIn.superuser(); Statement st = admin.createStatement()) {
            st.execute("create table " + table + " (id int)");
            st.execute("grant insert, select on " + table + " to " + issued.login());
        }
        try (Connection c = connect(issued, "disable"); Statement s = c.createStatement()) {
            s.execute("select 1"); // the journal works
            try (Connection blocker = GrantServiceStandIn.superuser("eer_gateway")) {
                blocker.setAutoCommit(false);
                // every append takes the producer's sequence row: it now waits for this transaction
                blocker.createStatement().execute("select last_value from producer_sequence for update");
                long t0 = System.nanoTime();
                assertThatThrownBy(() -> s.execute("insert into " + table + " values (1)"))
                        .isInstanceOf(SQLException.class)
                        .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("58000");
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
                blocker.rollback();
            }
        }
        try (Connection admin = GrantServiceStandIn.superuser(); Statement st = admin.createStatement();
                ResultSet rows = st.executeQuery("select count(*) from " + table)) {
            rows.next();
            assertThat(rows.getLong(1)).as("the unrecorded insert never ran").isZero();
        }
        // the journal takes a fresh connection and records again
        GrantServiceStandIn.Issued next = GrantServiceStandIn.issue(inMinutes(5));
        try (Connection c = connect(next, "disable"); Statement s = c.createStatement()) {
            s.execute("select 'recorded again'");
        }
        assertThat(actionsUntilEnd(next.grantId())).extracting(SessionActionLogged::statement)
                .contains("select 'recorded again'");
    }

    @Test
    void openSessions_areListedForOverseers_only() throws Exception {
        GrantServiceStandIn.Issued issued = GrantServiceStandIn.issue(inMinutes(5));
        try (Connection c = connect(issued, "disable")) {
            io.restassured.RestAssured.given().auth().oauth2(TestTokens.employee("audrey", "auditors"))
                    .get("/v1/gateway/sessions").then().statusCode(200)
                    .body("grantId", org.hamcrest.Matchers.hasItem(issued.grantId()));
            io.restassured.RestAssured.given().auth().oauth2(TestTokens.contractor("carol", "oncall-dba"))
                    .get("/v1/gateway/sessions").then().statusCode(403)
                    .contentType("application/problem+json");
        }
        io.restassured.RestAssured.given().get("/v1/gateway/sessions").then().statusCode(401);
    }

    @Test
    void theTemporaryLoginsPassword_neverReachesTheClient() throws Exception {
        GrantServiceStandIn.Issued issued = GrantServiceStandIn.issue(inMinutes(5));
        try (Socket raw = new Socket("127.0.0.1", listener.port())) {
            byte[] seen = rawLogin(raw, issued);
            OutputStream out = raw.getOutputStream();
            ByteArrayOutputStream q = new ByteArrayOutputStream();
            PgMessages.writeString(q, "select current_user, session_user, 'x'");
            PgMessages.write(out, 'Q', q.toByteArray());
            out.flush();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.write(seen);
            PgMessages.Message m;
            do {
                m = PgMessages.read(raw.getInputStream(), 1 << 20);
                all.write(PgMessages.frame(m.type(), m.body()));
            } while (m.type() != 'Z');
            String text = all.toString(StandardCharsets.ISO_8859_1);
            assertThat(text).contains(issued.login()).doesNotContain(issued.password());
            assertThat(text).doesNotContain("SCRAM"); // the client was asked for a cleartext secret, nothing else
        }
    }

    @Test
    void psql_throughTheGateway_withTls() throws Exception {
        String psql = java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/psql")) ? "/usr/bin/psql"
                : null;
        org.junit.jupiter.api.Assumptions.assumeTrue(psql != null, "psql is not installed here");
        GrantServiceStandIn.Issued issued = GrantServiceStandIn.issue(inMinutes(5));
        ProcessBuilder pb = new ProcessBuilder(psql, "-X", "-A", "-t", "-c", "select 'via-gateway', current_user",
                "host=127.0.0.1 port=" + listener.port() + " dbname=payments user=" + issued.grantId()
                        + " sslmode=require");
        pb.environment().put("PGPASSWORD", issued.secret());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            output = String.join("\n", r.lines().toList());
        }
        assertThat(p.waitFor()).as(output).isZero();
        assertThat(output).contains("via-gateway|" + issued.login());
        assertThat(actionsUntilEnd(issued.grantId())).filteredOn(a -> "query".equals(a.action()))
                .extracting(SessionActionLogged::statement).containsExactly("select 'via-gateway', current_user");
    }

    /** Startup and secret on a raw socket (no TLS, loopback); answers every byte the gateway sent up to ReadyForQuery. */
    private static byte[] rawLogin(Socket raw, GrantServiceStandIn.Issued issued) throws Exception {
        OutputStream out = raw.getOutputStream();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("user", issued.grantId());
        params.put("database", "payments");
        out.write(PgMessages.startupMessage(params));
        out.flush();
        DataInputStream in = new DataInputStream(raw.getInputStream());
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        PgMessages.Message auth = PgMessages.read(in, 1 << 16);
        seen.write(PgMessages.frame(auth.type(), auth.body()));
        assertThat(auth.type()).isEqualTo('R');
        assertThat(java.nio.ByteBuffer.wrap(auth.body()).getInt()).isEqualTo(3);
        ByteArrayOutputStream pw = new ByteArrayOutputStream();
        PgMessages.writeString(pw, issued.secret());
        PgMessages.write(out, 'p', pw.toByteArray());
        out.flush();
        PgMessages.Message m;
        do {
            m = PgMessages.read(in, 1 << 20);
            seen.write(PgMessages.frame(m.type(), m.body()));
            assertThat(m.type()).isNotEqualTo('E');
        } while (m.type() != 'Z');
        return seen.toByteArray();
    }
}
