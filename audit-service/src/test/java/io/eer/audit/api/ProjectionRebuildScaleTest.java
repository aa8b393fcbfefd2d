package io.eer.audit.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue #12 P5: a rebuild of the projections over {@value #DEFAULT_COUNT} ledger entries (or
 * {@code -Deer.test.rebuild-events=N}; request lifecycles bulk-inserted with SQL into a ledger of its own) keeps the
 * heap flat (at most {@value #BYTES_PER_ENTRY} bytes an entry, far below what holding the entries takes, so a rebuild
 * that keeps what it read fails at any count), builds exactly the expected rows and raises no alert again. The rate
 * is printed, never asserted.
 */
@QuarkusTest
@TestProfile(ProjectionRebuildScaleTest.Profile.class)
class ProjectionRebuildScaleTest {

    static final int DEFAULT_COUNT = 80_000;
    /** A multiple of the 8 entries of a lifecycle. */
    static final int COUNT = Integer.getInteger("eer.test.rebuild-events", DEFAULT_COUNT) / 8 * 8;
    static final int LIFECYCLES = COUNT / 8;
    /**
     * An entry's received bytes alone are ~300; held as Java objects (its row, its parsed JSON) it is well over a KB.
     * 400 bytes an entry (32 MB for 80,000) leaves room for the chunk in flight (2000 parsed entries, ~10 MB) and for
     * what the service does meanwhile (a forced GC mid-run once found 18.7 MB alive, over a 16 MB bound), and is still
     * a fraction of what a rebuild that keeps the rows it read would hold.
     */
    static final long BYTES_PER_ENTRY = 400;

    public static class Profile extends FreshLedgerDatabase.Profile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("eer.projection.rebuild-chunk", "2000", "eer.audit.chunk-size", "2000");
        }
    }

    private static boolean filled;

    @TestHTTPResource("/v1/projections/rebuild")
    URI rebuildUri;

    /**
     * The ledger: LIFECYCLES request lifecycles of 8 entries (requested — every tenth break-glass —, approved,
     * granted, two session actions, review scheduled, revoked, and another request of the same requester rejected),
     * with the projections' position at the end as if followed live (the rebuild replays it all).
     */
    private static synchronized void fillLedger() throws SQLException {
        if (filled) {
            return;
        }
        long start = System.nanoTime();
        try (Connection db = Ledger.jdbc(); Statement sql = db.createStatement()) {
            db.setAutoCommit(false); // the live projector must not see the rows before the position moves
            sql.execute("""
                    insert into ledger_entry (ledger_index, event_id, topic, kafka_partition, kafka_offset, recorded_at,
                                              received, record_json, leaf, chain)
                    select i, 'rb-' || i, e.topic, 0, i, timestamptz '2026-01-01 00:00:00+00' + i * interval '1 ms',
                           convert_to(json_build_object('specversion', '1.0', 'id', 'rb-' || i, 'source', e.source,
                               'type', 'io.eer.' || e.type || '.v1', 'subject', e.subject,
                               'time', '2026-01-01T00:00:00Z', 'data', e.data)::text, 'UTF8'),
                           '{}', sha256(int8send(i)), sha256(int8send(-i - 1))
                    from generate_series(0, %d) as i,
                    lateral (select i / 8 as k, i %% 8 as s) n,
                    lateral (select 'rb-req-' || n.k as req, 'rb-grant-' || n.k as grant_id,
                                    'u-' || (n.k %% 50) as who, 'sys-' || (n.k %% 20) as sys) v,
                    lateral (select
                        case n.s when 0 then 'eer.requests' when 1 then 'eer.approvals' when 5 then 'eer.reviews'
                                 when 6 then 'eer.grants' when 7 then 'eer.requests'
                                 else case when n.s = 2 then 'eer.grants' else 'eer.sessions' end end as topic,
                        case n.s when 0 then '/eer/request-service' when 7 then '/eer/request-service'
                                 when 1 then '/eer/approval-service' when 5 then '/eer/review-service'
                                 else '/eer/grant-service' end as source,
                        case n.s when 0 then 'EmergencyRequested' when 1 then 'Approved' when 2 then 'AccessGranted'
                                 when 3 then 'SessionActionLogged' when 4 then 'SessionActionLogged'
                                 when 5 then 'ReviewScheduled' when 6 then 'AccessRevoked'
                                 else 'RequestRejected' end as type,
                        case n.s when 7 then 'rb-rej-' || n.k else v.req end as subject,
                        case n.s
                          when 0 then json_build_object('requestId', v.req,
                              'kind', case when n.k %% 10 = 0 then 'EMERGENCY' else 'JIT' end,
                              'requester', json_build_object('id', v.who), 'beneficiary', v.who, 'system', v.sys,
                              'role', 'reader', 'incident', case when n.k %% 10 = 0 then 'INC-' || n.k end)
                          when 1 then json_build_object('requestId', v.req, 'approvers', json_build_array('boss'),
                              'requester', v.who)
                          when 2 then json_build_object('requestId', v.req, 'grantId', v.grant_id,
                              'beneficiary', v.who, 'system', v.sys, 'role', 'reader',
                              'grantedAt', '2026-01-01T00:00:00Z', 'expiresAt', '2026-01-01T01:00:00Z')
                          when 3 then json_build_object('requestId', v.req, 'grantId', v.grant_id,
                              'at', '2026-01-01T00:03:00Z', 'action', 'SELECT')
                          when 4 then json_build_object('requestId', v.req, 'grantId', v.grant_id,
                              'at', '2026-01-01T00:04:00Z', 'action', 'UPDATE')
                          when 5 then json_build_object('requestId', v.req, 'grantId', v.grant_id,
                              'reviewId', 'rb-review-' || n.k, 'reviewerGroups', json_build_array('auditors'),
                              'dueAt', '2099-01-08T00:00:00Z')
                          when 6 then json_build_object('requestId', v.req, 'grantId', v.grant_id,
                              'revokedAt', '2026-01-01T00:30:00Z', 'reason', 'done')
                          else json_build_object('requestId', 'rb-rej-' || n.k,
                              'requester', json_build_object('id', v.who), 'system', v.sys, 'role', 'admin')
                        end as data) e""".formatted(COUNT - 1));
            sql.execute("update ledger_head set size = " + COUNT + ", chain_head = sha256(int8send(-" + COUNT + "))");
            sql.execute("update projection_position set next_index = " + COUNT);
            db.commit();
        }
        filled = true;
        System.out.printf("projection-rebuild: inserted %,d ledger entries in %.1f s%n", COUNT,
                (System.nanoTime() - start) / 1e9);
    }

    @Test
    void aRebuildOfALongLedger_keepsTheHeapFlat_andBuildsEveryRow() throws Exception {
        fillLedger();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long baseline = usedAfterGc(memory);
        long peak = baseline;
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> rebuild = CompletableFuture.supplyAsync(this::rebuild);
        // one forced GC a second: a rebuild that piles up what it read grows by MBs a second
        while (!rebuild.isDone()) {
            try {
                rebuild.get(1, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException stillRunning) {
                peak = Math.max(peak, usedAfterGc(memory));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        HttpResponse<String> answer = rebuild.get();
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(new JsonPath(answer.body()).getLong("entries")).isEqualTo(COUNT);
        assertThat(new JsonPath(answer.body()).getLong("position")).isEqualTo(COUNT);
        System.out.printf("projection-rebuild: %,d entries in %.1f s: %,.0f entries/s (a million: %.0f s); "
                + "heap after GC %d MB at start, %d MB at most while rebuilding%n", COUNT, seconds,
                COUNT / seconds, 1_000_000 / (COUNT / seconds), baseline >> 20, peak >> 20);
        assertThat(peak - baseline).as("heap growth while rebuilding").isLessThan(BYTES_PER_ENTRY * COUNT);

        assertThat(position()).isEqualTo(List.of((long) COUNT, -1L));
        try (Connection db = Ledger.jdbc(); Statement sql = db.createStatement()) {
            assertThat(longs(sql, "select count(*), sum(event_count) from proj_request"))
                    .containsExactly(2L * LIFECYCLES, (long) COUNT);
            assertThat(longs(sql, "select count(*) from proj_request where status = 'ENDED' and approvers = 'boss' "
                    + "and first_index + 6 = last_index and event_count = 7"))
                    .containsExactly((long) LIFECYCLES);
            assertThat(longs(sql, "select count(*) from proj_request where status = 'REJECTED' and event_count = 1"))
                    .containsExactly((long) LIFECYCLES);
            assertThat(longs(sql, "select count(*), sum(action_count) from proj_grant where status = 'REVOKED' "
                    + "and last_action_at = timestamptz '2026-01-01 00:04:00+00'"))
                    .containsExactly((long) LIFECYCLES, 2L * LIFECYCLES);
            assertThat(longs(sql, "select count(*) from proj_review where status = 'SCHEDULED'"))
                    .containsExactly((long) LIFECYCLES);
            // each requester: approved (streak 0), then refused once, in every lifecycle
            assertThat(longs(sql, "select count(*), sum(refusals_in_a_row) from proj_requester"))
                    .containsExactly(50L, 50L);
            // the rules ran live on these entries (here: never); a rebuild must not raise break-glass-granted now.
            // The reviews fall due in 2099: the live time check (every second in tests) that follows the rebuild
            // would rightly raise review-overdue for reviews already due.
            assertThat(longs(sql, "select count(*) from alert_fired")).containsExactly(0L);
        }
    }

    /** POST /v1/projections/rebuild, waiting as long as it takes (the test client's default timeout is 30 s). */
    private HttpResponse<String> rebuild() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(rebuildUri)
                            .timeout(Duration.ofMinutes(20)).header("Authorization", "Bearer " + Ledger.ADMIN)
                            .POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** next_index and replay_until (-1 when null). */
    private static List<Long> position() throws SQLException {
        try (Connection db = Ledger.jdbc(); Statement sql = db.createStatement()) {
            return longs(sql, "select next_index, coalesce(replay_until, -1) from projection_position");
        }
    }

    private static List<Long> longs(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            List<Long> values = new ArrayList<>();
            for (int c = 1; c <= rows.getMetaData().getColumnCount(); c++) {
                values.add(rows.getLong(c));
            }
            return values;
        }
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
