package io.eer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The bench's arithmetic on made-up inputs whose answers are known; no timing. */
class FiguresTest {

    @Test
    void appendRate_countsEveryBatchButTheLast_overTheTimeBetweenTheirStarts() {
        // 500 entries at t=0 s, 500 at t=1 s, 200 at t=1.5 s: 1,000 entries were appended in the 1.5 s before the
        // last batch began; the last batch's own time is not known, so neither are its entries counted
        List<Figures.Batch> batches = List.of(new Figures.Batch(10_000_000, 500), new Figures.Batch(11_000_000, 500),
                new Figures.Batch(11_500_000, 200));

        assertThat(Figures.appendRate(batches)).isCloseTo(1000 / 1.5, within(1e-9));
        assertThat(Figures.appendRate(List.of(new Figures.Batch(5, 500)))).as("one batch: no time").isNaN();
        assertThat(Figures.appendRate(List.of())).isNaN();
    }

    @Test
    void ratio_isNaNUnlessBothSidesAreMeasured() {
        assertThat(Figures.ratio(300, 1200)).isEqualTo(0.25);
        assertThat(Figures.ratio(1200, 300)).isEqualTo(4.0);
        assertThat(Figures.ratio(300, 0)).isNaN();
        assertThat(Figures.ratio(Double.NaN, 300)).isNaN();
        assertThat(Figures.ratio(300, Double.POSITIVE_INFINITY)).isNaN();
        assertThat(Figures.perSecond(1_000_000, 40_000)).isEqualTo(25_000.0);
        assertThat(Figures.perSecond(5, 0)).isNaN();
    }

    @Test
    void extrapolation_scalesTheMeasuredGrowthToTheRowsStillMissing() {
        // 990,000 rows in 200 s; from 1,000,000 to 10,000,000 is 9,000,000 rows more: 200 s × 9e6 / 9.9e5
        assertThat(Figures.extrapolateMillis(990_000, 200_000, 1_000_000, 10_000_000)).isEqualTo(1_818_182L);
        assertThat(Figures.extrapolateMillis(990_000, 200_000, 10_000_000, 10_000_000)).isZero();
        assertThat(Figures.extrapolateMillis(0, 200_000, 1_000, 10_000_000)).isZero();
    }

    @Test
    void cells_arePercentilesOfMicrosecondsPrintedInMilliseconds() {
        Histogram h = new Histogram(3);
        for (int ms = 1; ms <= 100; ms++) {
            h.recordValue(ms * 1000L); // 1 ms ... 100 ms
        }

        String[] c = Figures.cells(h, 120);

        assertThat(c[0]).as("p50").isEqualTo("50.0");
        assertThat(c[1]).as("p99").isEqualTo("99.0");
        assertThat(c[2]).as("max, whole ms from 100 on").isEqualTo("100");
        assertThat(c[3]).as("mean").isEqualTo("50.5");
        assertThat(c[4]).as("recorded of sent").isEqualTo("100/120");
        assertThat(Figures.cells(new Histogram(3), 7)).containsExactly("-", "-", "-", "-", "0/7");
    }

    @Test
    void cells_p99OfASkewedDistribution_isTheTail() {
        Histogram h = new Histogram(3);
        for (int i = 0; i < 98; i++) {
            h.recordValue(2_000); // 2 ms
        }
        h.recordValue(1_500_000); // 1.5 s
        h.recordValue(1_500_000);

        String[] c = Figures.cells(h, 100);

        assertThat(c[0]).isEqualTo("2.0");
        assertThat(c[1]).isEqualTo("1,500");
        assertThat(c[3]).as("mean (98 × 2 + 2 × 1500) / 100 ms").isEqualTo("32.0");
    }

    @Test
    void milliseconds_oneDecimalBelow100_wholeAbove() {
        assertThat(Figures.ms(12_345)).isEqualTo("12.3");
        assertThat(Figures.ms(99_949)).isEqualTo("99.9");
        assertThat(Figures.ms(100_000)).isEqualTo("100");
        assertThat(Figures.ms(8_712_600)).isEqualTo("8,713");
    }

    @Test
    void cpuPerLifecycle_subtractsIdleOverTheSameWindow() {
        // 30 s window, 12,000 ms CPU; idle 100 ms/s → 3,000 ms of it is idle; 9,000 ms over 100 lifecycles
        assertThat(Figures.cpuPerLifecycle(12_000, 100, 30, 100)).isEqualTo(90.0);
        assertThat(Figures.cpuPerLifecycle(12_000, 0, 30, 100)).isEqualTo(120.0);
        assertThat(Figures.cpuPerLifecycle(12_000, 100, 30, 0)).isNaN();
    }

    @Test
    void idleShare_ofOneCoreAndOfTheMachine() {
        // 6,000 ms CPU in 30 s = 200 ms/s = 20 % of one core = 10 % of 2 cores
        double core = Figures.percentOfCore(6_000, 30_000);
        assertThat(core).isEqualTo(20.0);
        assertThat(Figures.percentOfMachine(core, 2)).isEqualTo(10.0);
        assertThat(Figures.percentOfCore(6_000, 0)).isNaN();
    }

    @Test
    void procCpu_spentIsTheDifferenceInClockTicks_asMilliseconds() {
        // Linux clock ticks are 1/100 s. grant started within the window: all its 7 ticks count; expiry was restarted
        // (its count went down): the new process's 30 ticks count
        var spent = ProcCpu.spentMillis(java.util.Map.of("kafka", 1_000L, "audit", 50L, "expiry", 900L),
                java.util.Map.of("kafka", 1_250L, "audit", 50L, "grant", 7L, "expiry", 30L));

        assertThat(spent).containsEntry("kafka", 2_500.0).containsEntry("audit", 0.0).containsEntry("grant", 70.0)
                .containsEntry("expiry", 300.0);
        assertThat(ProcCpu.total(spent)).isEqualTo(2_870.0);
    }

    @Test
    void timerLateness_isMicrosecondsAfterTheDeadline_neverNegative() {
        Instant deadline = Instant.parse("2026-12-05T10:00:00.000250Z");

        assertThat(TimersPhase.latenessMicros(deadline, Instant.parse("2026-12-05T10:00:00.012750Z")))
                .isEqualTo(12_500);
        // a Kafka record time has whole milliseconds: it may read earlier than a sub-millisecond deadline
        assertThat(TimersPhase.latenessMicros(deadline, Instant.parse("2026-12-05T10:00:00Z"))).isZero();
    }
}
