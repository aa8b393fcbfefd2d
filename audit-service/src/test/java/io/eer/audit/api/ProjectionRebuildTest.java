package io.eer.audit.api;

import static io.eer.audit.api.Ledger.ADMIN;
import static io.eer.audit.api.Ledger.APPROVALS;
import static io.eer.audit.api.Ledger.AUDITOR;
import static io.eer.audit.api.Ledger.GRANTS;
import static io.eer.audit.api.Ledger.REQUESTS;
import static io.eer.audit.api.Ledger.REVIEWS;
import static io.eer.audit.api.Ledger.SESSIONS;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.eer.contracts.EventEnvelope;
import io.eer.audit.insight.application.Projector;
import io.eer.contracts.events.Values.RequestKind;
import io.eer.support.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Projections follow the ledger; a rebuild from index 0 gives exactly the live rows, even while events flow. */
@QuarkusTest
class ProjectionRebuildTest {

    private static final List<String> TABLES = List.of("proj_request order by request_id",
            "proj_grant order by grant_id", "proj_review order by review_id", "proj_requester order by requester");
    private static TopicProbe probe;

    @Inject
    Projector projector;

    @BeforeAll
    static void probe() {
        probe = new TopicProbe();
    }

    @AfterAll
    static void close() {
        probe.close();
    }

    /** Publishes one event and waits for it in the ledger: causal order across topics, as in real life. */
    private static void record(String topic, EventEnvelope event) {
        probe.publish(topic, event);
        Ledger.awaitLine(event);
    }

    @Test
    void rebuild_fromIndexZero_equalsTheLiveProjections() throws Exception {
        String system = SocEvents.id("sys");
        String requestId = SocEvents.id("req");
        String grantId = SocEvents.id("grant");
        String reviewId = SocEvents.id("review");
        Instant now = Instant.now();
        record(REQUESTS, SocEvents.requested(requestId, "dora", system, RequestKind.JIT));
        record(APPROVALS, SocEvents.approved(requestId, "dora", system, "sam"));
        record(GRANTS, SocEvents.granted(requestId, grantId, "dora", system, now.minusSeconds(60),
                now.plusSeconds(3600)));
        record(SESSIONS, SocEvents.action(requestId, grantId, "SELECT", "t1", now.minusSeconds(30)));
        record(SESSIONS, SocEvents.action(requestId, grantId, "UPDATE", "t2", now.minusSeconds(20)));
        record(REVIEWS, SocEvents.reviewScheduled(requestId, grantId, reviewId, now.plus(Duration.ofDays(7))));
        String rejectedId = SocEvents.id("req");
        record(REQUESTS, SocEvents.rejected(rejectedId, "erin", system));
        SocEvents.awaitProjectionsCaughtUp();

        // the live projections
        given().auth().oauth2(AUDITOR).get("/v1/projections/requests/" + requestId).then().statusCode(200)
                .body("status", equalTo("GRANTED")).body("requester", equalTo("dora"))
                .body("approvers", contains("sam")).body("eventCount", equalTo(6));
        given().auth().oauth2(AUDITOR).get("/v1/projections/requests/" + rejectedId).then().statusCode(200)
                .body("status", equalTo("REJECTED"));
        given().auth().oauth2(AUDITOR).get("/v1/systems/" + system + "/elevated").then().statusCode(200)
                .body("source", equalTo("projection"))
                .body("holders.grantId", contains(grantId)).body("holders[0].beneficiary", equalTo("dora"))
                .body("holders[0].actionCount", equalTo(2));
        given().auth().oauth2(AUDITOR).get("/v1/projections/grants?system=" + system).then().statusCode(200)
                .body("grantId", contains(grantId));
        given().auth().oauth2(AUDITOR).get("/v1/projections/reviews/" + reviewId).then().statusCode(200)
                .body("status", equalTo("SCHEDULED")).body("overdue", equalTo(false));

        assertRebuildEqualsLive(() -> {
            // damage the read models, so that a rebuild that did nothing could not pass
            try (Connection db = Ledger.jdbc(); Statement sql = db.createStatement()) {
                sql.executeUpdate("update proj_grant set status = 'REVOKED', action_count = 99 where grant_id = '"
                        + grantId + "'");
                sql.executeUpdate("delete from proj_request where request_id = '" + requestId + "'");
                sql.executeUpdate("delete from proj_review");
            }
        });
        given().auth().oauth2(AUDITOR).get("/v1/systems/" + system + "/elevated").then().statusCode(200)
                .body("holders.grantId", contains(grantId)).body("holders[0].actionCount", equalTo(2));
    }

    @Test
    void rebuild_whileEventsKeepFlowing_losesNothing() throws Exception {
        String run = SocEvents.id("flow");
        int count = 40;
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < count; i++) {
                probe.publish(REQUESTS, SocEvents.requested(run + "-" + i, "fred", "flow-db", RequestKind.JIT));
            }
        });
        List<Long> rebuiltTo = new ArrayList<>();
        while (!publishing.isDone()) {
            rebuiltTo.add(given().auth().oauth2(ADMIN).post("/v1/projections/rebuild").then().statusCode(200)
                    .extract().jsonPath().getLong("position"));
        }
        publishing.get();
        assertThat(rebuiltTo).isNotEmpty().isSorted();
        await().atMost(Duration.ofSeconds(60)).until(() -> requestsOf(run) == count);
        SocEvents.awaitProjectionsCaughtUp();
        assertThat(requestsOf(run)).isEqualTo(count);
        assertRebuildEqualsLive(() -> {
        });
    }

    /**
     * A rebuild whose process dies after its first chunk (its first transaction done as the rebuild does it, then
     * one chunk through the real code, then nothing): the mark stays, the live projector replays the rest by itself,
     * and the rows are exactly those of the live projections at that position, i.e. of an uninterrupted rebuild;
     * no alert is raised again.
     */
    @Test
    void rebuild_cutShortAfterItsFirstChunk_isFinishedByTheLiveProjector_withTheRowsOfAWholeRebuild() {
        String system = SocEvents.id("cut");
        int chunk = ConfigProvider.getConfig().getValue("eer.projection.rebuild-chunk", Integer.class);
        for (int i = 0; i < 8; i++) { // 32 entries and 8 alerts: more than one chunk (tests: 25) whatever ran before
            String requestId = SocEvents.id("req");
            String grantId = SocEvents.id("grant");
            record(REQUESTS, SocEvents.requested(requestId, "ivy", system, RequestKind.EMERGENCY));
            record(APPROVALS, SocEvents.approved(requestId, "ivy", system, "sam"));
            record(GRANTS, SocEvents.granted(requestId, grantId, "ivy", system, Instant.now().minusSeconds(60),
                    Instant.now().plusSeconds(3600)));
            record(REQUESTS, SocEvents.rejected(SocEvents.id("req"), "ivy", system));
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            SocEvents.awaitProjectionsCaughtUp();
            long position = position();
            Map<String, List<String>> live = snapshot();
            long alerts = count("select count(*) from alert_fired");
            if (position() != position) {
                throw new AssertionError("projector moved during the snapshot; again");
            }
            long mark = startRebuildAsTheCallDoes();
            assertThat(mark).as("more than one chunk to replay").isGreaterThan(chunk);
            projector.replayChunk(false).await().atMost(Duration.ofSeconds(30));
            // the process "died" here: no more calls; the live projector (woken or polled) must finish it
            await().atMost(Duration.ofSeconds(60)).until(() -> count(
                    "select count(*) from projection_position where replay_until is null") == 1);
            assertThat(position()).as("nothing appended meanwhile").isEqualTo(position);
            assertThat(snapshot()).isEqualTo(live);
            assertThat(count("select count(*) from alert_fired")).as("no alert raised again").isEqualTo(alerts);
        });
    }

    /**
     * The rebuild reads an entry's bytes as received and nothing else; when those no longer parse (a damaged row),
     * it reads the entry from its stored record, as every other reader does, instead of skipping it.
     */
    @Test
    void rebuild_readsAnEntryWhoseReceivedBytesAreDamaged_fromItsStoredRecord() throws Exception {
        String requestId = SocEvents.id("req");
        String system = SocEvents.id("dmg");
        EventEnvelope requested = SocEvents.requested(requestId, "jill", system, RequestKind.JIT);
        probe.publish(REQUESTS, requested);
        long index = Ledger.awaitLine(requested).path("index").asLong();
        SocEvents.awaitProjectionsCaughtUp();
        try (Connection db = Ledger.jdbc()) {
            byte[] received = Ledger.received(db, index);
            Ledger.overwrite(db, index, "{\"damaged\":".getBytes(StandardCharsets.UTF_8));
            try {
                given().auth().oauth2(ADMIN).post("/v1/projections/rebuild").then().statusCode(200);
                given().auth().oauth2(AUDITOR).get("/v1/projections/requests/" + requestId).then().statusCode(200)
                        .body("status", equalTo("REQUESTED")).body("requester", equalTo("jill"))
                        .body("system", equalTo(system)).body("eventCount", equalTo(1));
            } finally {
                Ledger.overwrite(db, index, received);
            }
        }
    }

    /**
     * The rebuild's first transaction, as {@code Projector.rebuild} runs it: wait for the position row, empty the
     * projections, move the position to 0 with the mark at where it was. Answers the mark.
     */
    private static long startRebuildAsTheCallDoes() throws SQLException {
        try (Connection db = Ledger.jdbc(); Statement sql = db.createStatement()) {
            db.setAutoCommit(false);
            long mark;
            try (ResultSet row = sql.executeQuery("select next_index from projection_position for update")) {
                row.next();
                mark = row.getLong(1);
            }
            for (String table : TABLES) {
                sql.executeUpdate("delete from " + table.substring(0, table.indexOf(' ')));
            }
            sql.executeUpdate("update projection_position set next_index = 0, replay_until = " + mark);
            db.commit();
            return mark;
        }
    }

    private static long count(String query) throws SQLException {
        try (Connection db = Ledger.jdbc(); Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void rebuild_byAnAuditor_isForbidden_andChangesNothing() {
        given().auth().oauth2(AUDITOR).post("/v1/projections/rebuild").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(Ledger.CAROL).get("/v1/projections/status").then().statusCode(403);
        given().auth().oauth2(AUDITOR).get("/v1/projections/reviews?status=LATE").then().statusCode(400)
                .body("violations[0].field", equalTo("status"));
        given().auth().oauth2(AUDITOR).get("/v1/systems/x/elevated?at=yesterday").then().statusCode(400)
                .body("violations[0].field", equalTo("at"));
    }

    @Test
    void asOf_whoWasElevatedAndWhatAGrantDid_comeFromTheLedger() {
        String system = SocEvents.id("asof");
        String first = SocEvents.id("grant");
        String second = SocEvents.id("grant");
        String r1 = SocEvents.id("req");
        String r2 = SocEvents.id("req");
        Instant t10 = Instant.parse("2026-01-01T10:00:00Z");
        record(REQUESTS, SocEvents.requested(r1, "gina", system, RequestKind.JIT));
        record(GRANTS, SocEvents.granted(r1, first, "gina", system, t10, t10.plus(Duration.ofHours(1))));
        record(SESSIONS, SocEvents.action(r1, first, "SELECT", "accounts", t10.plus(Duration.ofMinutes(5))));
        record(REQUESTS, SocEvents.requested(r2, "hank", system, RequestKind.JIT));
        record(GRANTS, SocEvents.granted(r2, second, "hank", system, t10.plus(Duration.ofMinutes(30)),
                t10.plus(Duration.ofHours(2))));
        record(SESSIONS, SocEvents.action(r1, first, "DELETE", "accounts", t10.plus(Duration.ofMinutes(40))));
        record(GRANTS, SocEvents.revoked(r1, first, system, t10.plus(Duration.ofHours(1))));

        assertThat(holders(system, "2026-01-01T09:59:59Z")).isEmpty();
        assertThat(holders(system, "2026-01-01T10:15:00Z")).containsExactly(first);
        assertThat(holders(system, "2026-01-01T10:45:00Z")).containsExactly(first, second);
        assertThat(holders(system, "2026-01-01T11:00:00Z")).containsExactly(second); // revoked at 11:00 sharp
        assertThat(holders(system, "2026-01-02T00:00:00Z")).containsExactly(second); // never revoked
        given().auth().oauth2(AUDITOR).get("/v1/systems/" + system + "/elevated?at=2026-01-02T00:00:00Z")
                .then().statusCode(200).body("source", equalTo("ledger"))
                .body("holders[0].beneficiary", equalTo("hank")).body("holders[0].pastDeadline", equalTo(true));

        JsonPath activity = given().auth().oauth2(AUDITOR).get("/v1/grants/" + first + "/activity").then()
                .statusCode(200).extract().jsonPath();
        assertThat(activity.getString("beneficiary")).isEqualTo("gina");
        assertThat(activity.getString("system")).isEqualTo(system);
        assertThat(activity.getString("revokedAt")).isEqualTo("2026-01-01T11:00:00Z");
        assertThat(activity.getList("actions.action")).containsExactly("SELECT", "DELETE");
        assertThat(activity.getList("actions.at")).containsExactly("2026-01-01T10:05:00Z", "2026-01-01T10:40:00Z");
        assertThat(activity.getList("events.type")).containsExactly("io.eer.AccessGranted.v1",
                "io.eer.SessionActionLogged.v1", "io.eer.SessionActionLogged.v1", "io.eer.AccessRevoked.v1");
        given().auth().oauth2(AUDITOR).get("/v1/grants/" + second + "/activity").then().statusCode(200)
                .body("actions", empty()).body("events.type", not(hasItem("io.eer.SessionActionLogged.v1")));
        given().auth().oauth2(AUDITOR).get("/v1/grants/no-such-grant/activity").then().statusCode(404);
        given().auth().oauth2(Ledger.CAROL).get("/v1/grants/" + first + "/activity").then().statusCode(403);
    }

    private static List<String> holders(String system, String at) {
        return given().auth().oauth2(AUDITOR).get("/v1/systems/" + system + "/elevated?at=" + at).then()
                .statusCode(200).extract().jsonPath().getList("holders.grantId");
    }

    private static long requestsOf(String run) throws SQLException {
        try (Connection db = Ledger.jdbc(); Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("select count(*) from proj_request where request_id like '" + run
                        + "-%' and status = 'REQUESTED'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    interface Damage {
        void apply() throws Exception;
    }

    /**
     * Snapshot of the live rows at position p, damage, rebuild, snapshot again: equal, and the rebuild covered p.
     * Other tests' events (alerts) may still arrive: then the position moved and the round is repeated.
     */
    private static void assertRebuildEqualsLive(Damage damage) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            SocEvents.awaitProjectionsCaughtUp();
            long position = position();
            Map<String, List<String>> live = snapshot();
            if (position() != position) {
                throw new AssertionError("projector moved during the snapshot; again");
            }
            damage.apply();
            long rebuiltTo = given().auth().oauth2(ADMIN).post("/v1/projections/rebuild").then().statusCode(200)
                    .extract().jsonPath().getLong("position");
            Map<String, List<String>> rebuilt = snapshot();
            long after = position();
            assertThat(rebuiltTo).as("rebuilt up to the live position").isEqualTo(position);
            assertThat(after).as("nothing applied between rebuild and snapshot").isEqualTo(position);
            assertThat(live.get("proj_request order by request_id")).isNotEmpty();
            assertThat(rebuilt).isEqualTo(live);
        });
    }

    private static long position() {
        return given().auth().oauth2(AUDITOR).get("/v1/projections/status").then().statusCode(200).extract()
                .jsonPath().getLong("position");
    }

    private static Map<String, List<String>> snapshot() throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (Connection db = Ledger.jdbc(); Statement sql = db.createStatement()) {
            for (String table : TABLES) {
                List<String> rows = new ArrayList<>();
                try (ResultSet result = sql.executeQuery("select * from " + table)) {
                    int columns = result.getMetaData().getColumnCount();
                    while (result.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int c = 1; c <= columns; c++) {
                            row.append(result.getMetaData().getColumnName(c)).append('=')
                                    .append(result.getString(c)).append(';');
                        }
                        rows.add(row.toString());
                    }
                }
                tables.put(table, rows);
            }
        }
        return tables;
    }
}
