package io.eer.gateway.infra.in;

import static org.assertj.core.api.Assertions.assertThat;

import io.eer.gateway.domain.SessionAction;
import io.eer.gateway.domain.StatementKind;
import io.eer.gateway.infra.out.GatewayEvents;
import io.eer.gateway.infra.out.SessionJournal;
import io.eer.support.outbox.EventStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What recording one statement costs, the former writer against the current one, interleaved in one JVM on one
 * database (so both see the same load): the former appended through service-support's {@code EventStore} in a
 * Hibernate Reactive transaction entered from a blocking thread ({@code VertxContextSupport.subscribeAndAwait},
 * {@code Panache.withTransaction}: sequence UPDATE, two INSERTs, pg_notify, COMMIT); the current one is
 * {@link SessionJournal}'s single statement. Prints both medians (read them from the output: the machine is shared);
 * asserts that every record of both was stored.
 */
@QuarkusTest
@QuarkusTestResource(GrantServiceStandIn.class)
class JournalCostTest {

    private static final int RUNS = 100;

    @Inject
    SessionJournal journal;

    @Inject
    EventStore events;

    @Inject
    GatewayEvents mapping;

    @Test
    void oneRecord_formerPanacheTransaction_againstTheSingleStatement() throws Throwable {
        String run = "gateway-session/journal-cost-" + UUID.randomUUID();
        long[] former = new long[RUNS];
        long[] current = new long[RUNS];
        for (int i = 0; i < RUNS + 10; i++) { // the first 10 of each warm up
            SessionAction action = new SessionAction("g", "r", "s", "query", List.of("t"), StatementKind.SELECT,
                    "select " + i, false, Instant.now());
            String formerId = run + "-former-" + i;
            long t0 = System.nanoTime();
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> events.append(formerId, 0,
                    List.of(mapping.toStored(action)))));
            long t1 = System.nanoTime();
            journal.append(List.of(journal.entry(run + "-current-" + i, 1, mapping.toStored(action))))
                    .await().indefinitely();
            long t2 = System.nanoTime();
            if (i >= 10) {
                former[i - 10] = (t1 - t0) / 1000;
                current[i - 10] = (t2 - t1) / 1000;
            }
        }
        Arrays.sort(former);
        Arrays.sort(current);
        System.out.printf("GATEWAY-BENCHMARK recording one statement, median (p90) of %d interleaved: former Panache"
                + " transaction %d us (%d), single statement %d us (%d)%n", RUNS, former[RUNS / 2],
                former[RUNS * 9 / 10], current[RUNS / 2], current[RUNS * 9 / 10]);
        try (Connection db = GrantServiceStandIn.superuser("eer_gateway"); Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("select count(*) from domain_event d join outbox o"
                        + " on o.event_id = d.event_id where d.aggregate_id like '" + run + "-%'")) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(2L * (RUNS + 10));
        }
    }
}
