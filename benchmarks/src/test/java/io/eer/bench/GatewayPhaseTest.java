package io.eer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The gateway phase's arithmetic and what it prints (the phase itself needs ./eer up with the gateway). */
class GatewayPhaseTest {

    private static Histogram micros(long... values) {
        Histogram h = new Histogram(3);
        for (long v : values) {
            h.recordValue(v);
        }
        return h;
    }

    @Test
    void overhead_isTheGatewaysMedianLessTheDirectMedian_andThroughputIsStatementsOverWallTime() {
        // below 2048 µs a 3-digit histogram holds every value exactly
        GatewayPhase.Result r = new GatewayPhase.Result(micros(100, 120, 140, 160, 900),
                micros(1_000, 1_100, 1_400, 1_600, 2_000), 4, 2_200, 2_000_000_000L);

        assertThat(r.overheadMicros()).isEqualTo(1_400 - 140);
        assertThat(r.statementsPerSecond()).isEqualTo(1_100.0);
        assertThat(r.lines()).containsExactly(
                "P8 gateway, one statement at a time (5 each): direct p50 0.14 / p99 0.90 ms, through the gateway"
                        + " p50 1.40 / p99 2.00 ms; overhead per statement (p50) 1.26 ms",
                "P8 gateway, 4 sessions at once: 2,200 statements in 2.0 s = 1,100 statements/s");
    }

    @Test
    void withoutConcurrentSessions_onlyTheOverheadIsPrinted() {
        GatewayPhase.Result r = new GatewayPhase.Result(micros(200), micros(1_200), 0, 0, 0);
        assertThat(r.statementsPerSecond()).isZero();
        assertThat(r.lines()).hasSize(1).first().asString().endsWith("overhead per statement (p50) 1.00 ms");
    }

    @Test
    void theOption_isStatementsColonSessions() {
        Bench.Settings s = Bench.parse(new String[] {"--private-key", "k", "--issuer", "i", "--verifier-jar", "v",
            "--public-key", "p", "--key-id", "id", "--out", "o", "--gateway", "300:8"});
        assertThat(s.gateway()).isEqualTo("300:8");
        assertThat(s.grantUrl()).isEqualTo("http://127.0.0.1:8083");
    }
}
