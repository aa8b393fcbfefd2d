package io.eer.gateway.infra.in;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The benchmark figure of the README: the same prepared SELECT, one at a time, directly on the target and through the
 * gateway (which commits a record of each statement before relaying it). Prints the medians and the overhead (read the
 * figure from the output: the machine is shared, so no bound is asserted); asserts that every answer through the
 * gateway is the right one.
 */
@QuarkusTest
@QuarkusTestResource(GrantServiceStandIn.class)
class GatewayOverheadTest {

    private static final int WARMUP = 50;
    private static final int RUNS = 200;
    private static final int SESSIONS = 8;

    @Inject
    PgListener listener;

    @Test
    void overheadPerStatement_isPrinted_andEveryAnswerIsRight() throws Exception {
        GrantServiceStandIn.Issued issued = GrantServiceStandIn.issue(Instant.now().plus(Duration.ofMinutes(10)));
        String direct = "jdbc:postgresql://" + GrantServiceStandIn.host() + ":" + GrantServiceStandIn.port()
                + "/payments";
        double directMedian;
        try (Connection c = DriverManager.getConnection(direct, issued.login(), issued.password())) {
            directMedian = medianMicros(c);
        }
        Properties props = new Properties();
        props.setProperty("user", issued.grantId());
        props.setProperty("password", issued.secret());
        props.setProperty("sslmode", "disable");
        double gatewayMedian;
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + listener.port()
                + "/payments", props)) {
            gatewayMedian = medianMicros(c);
        }
        System.out.printf("GATEWAY-BENCHMARK median per statement: direct %.0f us, through the gateway %.0f us,"
                + " overhead %.0f us (%d runs)%n", directMedian, gatewayMedian, gatewayMedian - directMedian, RUNS);
    }

    /**
     * The volume figure of the README: {@value #SESSIONS} sessions run the same loop at once; their statements share
     * the journal's commits (group commit). Prints statements per second; asserts every answer.
     */
    @Test
    void concurrentSessions_shareTheCommits_andTheirRateIsPrinted() throws Exception {
        List<Connection> sessions = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
        try {
            for (int i = 0; i < SESSIONS; i++) {
                GrantServiceStandIn.Issued issued =
                        GrantServiceStandIn.issue(Instant.now().plus(Duration.ofMinutes(10)));
                Properties props = new Properties();
                props.setProperty("user", issued.grantId());
                props.setProperty("password", issued.secret());
                props.setProperty("sslmode", "disable");
                sessions.add(DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + listener.port()
                        + "/payments", props));
            }
            long t0 = System.nanoTime();
            List<Future<Double>> runs = new ArrayList<>();
            for (Connection c : sessions) {
                runs.add(pool.submit(() -> medianMicros(c)));
            }
            double medians = 0;
            for (Future<Double> run : runs) {
                medians += run.get(10, TimeUnit.MINUTES);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("GATEWAY-BENCHMARK %d sessions at once: %d statements in %.1f s = %.0f statements/s,"
                    + " median per statement %.0f us%n", SESSIONS, SESSIONS * (WARMUP + RUNS), seconds,
                    SESSIONS * (WARMUP + RUNS) / seconds, medians / SESSIONS);
        } finally {
            pool.shutdownNow();
            for (Connection c : sessions) {
                c.close();
            }
        }
    }

    private static double medianMicros(Connection c) throws SQLException {
        long[] took = new long[RUNS];
        try (PreparedStatement ps = c.prepareStatement("select ?::int + 1")) {
            for (int i = 0; i < WARMUP + RUNS; i++) {
                long t0 = System.nanoTime();
                ps.setInt(1, i);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(i + 1);
                }
                if (i >= WARMUP) {
                    took[i - WARMUP] = (System.nanoTime() - t0) / 1000;
                }
            }
        }
        Arrays.sort(took);
        return took[RUNS / 2];
    }
}
