package io.eer.bench;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The bench's arithmetic, apart from any I/O so that {@code FiguresTest} can check it: rates, ratios, the table's
 * percentile cells and the CPU accounting of P7. Latencies are recorded in microseconds, printed in milliseconds.
 */
final class Figures {

    private Figures() {
    }

    /** One append transaction of the ledger: its {@code recorded_at} (taken once, at its start) and its entries. */
    record Batch(long startMicros, long entries) {
    }

    /**
     * Appends per second over consecutive batches, each stamped with the instant its transaction began: the entries of
     * every batch but the last, over the time from the first batch's start to the last one's. Counting the last batch
     * too (all entries ÷ first-to-last start) would credit it with no time at all. NaN below two batches.
     */
    static double appendRate(List<Batch> batches) {
        if (batches.size() < 2) {
            return Double.NaN;
        }
        long entries = 0;
        for (int i = 0; i < batches.size() - 1; i++) {
            entries += batches.get(i).entries();
        }
        long micros = batches.get(batches.size() - 1).startMicros() - batches.get(0).startMicros();
        return micros <= 0 ? Double.NaN : entries * 1e6 / micros;
    }

    /** {@code a ÷ b}; NaN when either is not a positive measure (printed as such, never as a number). */
    static double ratio(double a, double b) {
        return a > 0 && b > 0 && Double.isFinite(a) && Double.isFinite(b) ? a / b : Double.NaN;
    }

    /** {@code n} items in {@code millis}, per second; NaN without time. */
    static double perSecond(long n, long millis) {
        return millis <= 0 ? Double.NaN : n * 1000.0 / millis;
    }

    /**
     * Time to grow a ledger from {@code size} to {@code target} entries, extrapolated linearly from a measured growth
     * of {@code grownRows} rows in {@code grownMillis} (INSERT … SELECT scales with the rows written).
     */
    static long extrapolateMillis(long grownRows, long grownMillis, long size, long target) {
        if (grownRows <= 0 || target <= size) {
            return 0;
        }
        return Math.round((double) grownMillis * (target - size) / grownRows);
    }

    /** p50, p99, max, mean (ms) and {@code count/sent} of a histogram of microseconds; dashes when it is empty. */
    static String[] cells(Histogram micros, int sent) {
        if (micros.getTotalCount() == 0) {
            return new String[] {"-", "-", "-", "-", "0/" + sent};
        }
        return new String[] {ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(99)),
                ms(micros.getMaxValue()), ms(Math.round(micros.getMean())), micros.getTotalCount() + "/" + sent};
    }

    /** Microseconds as milliseconds: one decimal below 100 ms, whole (with thousands separators) above. */
    static String ms(long micros) {
        return micros >= 100_000 ? String.format("%,d", Math.round(micros / 1000.0))
                : String.format("%.1f", micros / 1000.0);
    }

    /**
     * P7: CPU per lifecycle, in ms: what the stack spent over the window less what it spends idle over the same
     * time, divided by the lifecycles. NaN without lifecycles.
     */
    static double cpuPerLifecycle(double spentMillis, double idleMillisPerSecond, double wallSeconds, long lifecycles) {
        return lifecycles <= 0 ? Double.NaN : (spentMillis - idleMillisPerSecond * wallSeconds) / lifecycles;
    }

    /** CPU ms spent per wall-clock second as a percentage of one core (1000 ms/s = 100 %). */
    static double percentOfCore(double cpuMillis, double wallMillis) {
        return wallMillis <= 0 ? Double.NaN : cpuMillis / wallMillis * 100;
    }

    /** A percentage of one core as a percentage of the machine's {@code cores}. */
    static double percentOfMachine(double percentOfCore, int cores) {
        return percentOfCore / cores;
    }
}
