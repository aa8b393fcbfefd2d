package io.eer.request.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.OperatingSystemMXBean;
import io.eer.support.persistence.Sql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * What one hot statement costs this JVM through Hibernate's {@code createNativeQuery} and through {@code Sql}, the
 * session's own connection: the inbox's insert, each in a transaction of its own, the two ways in alternating rounds
 * so both meet the same machine, and a transaction with no statement for the share of the transaction itself. Prints
 * process CPU per transaction; asserts no timing, only that each way wrote every row. The figures in
 * docs/performance.md come from {@code -Deer.cost.statements=3000 -Deer.cost.rounds=4}.
 */
@QuarkusTest
class StatementCostTest {

    static final int STATEMENTS = Integer.getInteger("eer.cost.statements", 100);
    static final int ROUNDS = Integer.getInteger("eer.cost.rounds", 2);

    private static final String INSERT_HIBERNATE = "insert into processed_event (event_id, handled_at) values (?1, ?2)"
            + " on conflict (event_id) do nothing";
    private static final String INSERT_SQL = "insert into processed_event (event_id, handled_at) values ($1, $2)"
            + " on conflict (event_id) do nothing";

    @Test
    void inboxInsert_throughHibernateAndThroughSql() throws Throwable {
        Function<String, Uni<Integer>> hibernate = id -> Panache.getSession().chain(session -> session
                .createNativeQuery(INSERT_HIBERNATE).setParameter(1, id).setParameter(2, Instant.now())
                .executeUpdate());
        Function<String, Uni<Integer>> sql = id -> Sql.update(INSERT_SQL, id, Instant.now());
        List<Long> viaHibernate = new ArrayList<>();
        List<Long> viaSql = new ArrayList<>();
        List<Long> empty = new ArrayList<>();
        run("warm-up", hibernate, STATEMENTS);
        run("warm-up", sql, STATEMENTS);
        for (int round = 0; round < ROUNDS; round++) {
            viaHibernate.add(run("hibernate", hibernate, STATEMENTS));
            viaSql.add(run("sql", sql, STATEMENTS));
            empty.add(run("empty", id -> Uni.createFrom().item(0), 0));
        }
        System.out.printf("statement cost (%d transactions a round, %d rounds): createNativeQuery %s µs CPU each,"
                + " Sql %s µs, a transaction with no statement %s µs%n", STATEMENTS, ROUNDS, perStatement(viaHibernate),
                perStatement(viaSql), perStatement(empty));
    }

    /** Runs STATEMENTS transactions of one insert each; answers the process CPU they took, in ns. */
    private static long run(String way, Function<String, Uni<Integer>> insert, long rows) throws Throwable {
        String prefix = "cost-" + way + "-" + UUID.randomUUID() + "-";
        long before = cpu();
        for (int i = 0; i < STATEMENTS; i++) {
            String id = prefix + i;
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> insert.apply(id)));
        }
        long used = cpu() - before;
        long written = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Sql.value(Long.class,
                "select count(*) from processed_event where event_id like $1", prefix + "%")));
        assertThat(written).as("rows the %s way wrote", way).isEqualTo(rows);
        return used;
    }

    private static String perStatement(List<Long> rounds) {
        return rounds.stream().map(ns -> String.valueOf(ns / 1000 / STATEMENTS)).toList().toString();
    }

    private static long cpu() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
