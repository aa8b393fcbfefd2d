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
import java.util.Arrays;
import java.util.Properties;
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
