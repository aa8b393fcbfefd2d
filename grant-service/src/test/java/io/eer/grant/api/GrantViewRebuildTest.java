package io.eer.grant.api;

import static io.eer.grant.api.Fixtures.APPROVALS;
import static io.eer.grant.api.Fixtures.ASYNC;
import static io.eer.grant.api.Fixtures.GRANTS;
import static io.eer.grant.api.Fixtures.approved;
import static io.eer.grant.api.Fixtures.events;
import static io.eer.grant.api.Fixtures.expired;
import static io.eer.grant.api.Fixtures.grant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eer.contracts.events.AccessGranted;
import io.eer.contracts.events.AccessRevoked;
import io.eer.contracts.events.GrantFailed;
import io.eer.grant.application.RebuildGrantViews;
import io.eer.support.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** grant_view is a projection: emptied and rebuilt from domain_event, it holds exactly what it held. */
@QuarkusTest
class GrantViewRebuildTest {

    private static TopicProbe grants;

    @Inject
    RebuildGrantViews rebuild;

    @BeforeAll
    static void setUp() throws Exception {
        TestDatabases.seedTarget();
        grants = new TopicProbe(GRANTS);
    }

    @AfterAll
    static void tearDown() {
        grants.close();
    }

    @Test
    void rebuild_afterTheViewWasEmptied_givesBackEveryRow() throws Exception {
        // an active grant, a revoked one and a failed one
        AccessGranted active = grant(grants, "read_only", Duration.ofMinutes(3));
        AccessGranted ended = grant(grants, "read_only", Duration.ofMinutes(3));
        grants.publish(Fixtures.EXPIRIES, expired(ended.grantId(), ended.requestId()));
        await().atMost(ASYNC).until(() -> events(grants, AccessRevoked.class,
                r -> r.grantId().equals(ended.grantId())), list -> !list.isEmpty());
        String failedRequest = UUID.randomUUID().toString();
        grants.publish(APPROVALS, approved(failedRequest, "no-such-system", "db_admin", Duration.ofMinutes(3)));
        await().atMost(ASYNC).until(() -> events(grants, GrantFailed.class,
                f -> f.requestId().equals(failedRequest)), list -> !list.isEmpty());

        // background work (the sweeper) may change a row between two snapshots: then the comparison is repeated
        await().atMost(ASYNC).untilAsserted(() -> {
            List<String> before = rows();
            TestDatabases.update(TestDatabases.SERVICE, "delete from grant_view");
            assertThat(rows()).isEmpty();

            int written = VertxContextSupportAwait.await(() -> rebuild.execute());

            List<String> after = rows();
            assertThat(after).containsExactlyElementsOf(before);
            assertThat(written).isEqualTo(before.size());
        });
        assertThat(rows()).anySatisfy(row -> assertThat(row).contains(active.grantId()).contains("ACTIVE"))
                .anySatisfy(row -> assertThat(row).contains(ended.grantId()).contains("REVOKED"))
                .anySatisfy(row -> assertThat(row).contains(failedRequest).contains("FAILED"));
    }

    /** Every row of grant_view, every column, in grant id order. */
    private static List<String> rows() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection db = TestDatabases.admin(TestDatabases.SERVICE); Statement sql = db.createStatement();
                ResultSet result = sql.executeQuery("select * from grant_view order by grant_id")) {
            ResultSetMetaData meta = result.getMetaData();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.append(meta.getColumnName(i)).append('=').append(result.getString(i)).append(';');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
