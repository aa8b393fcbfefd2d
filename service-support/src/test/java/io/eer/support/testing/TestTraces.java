package io.eer.support.testing;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** W3C trace contexts for tests that follow a trace through events. */
public final class TestTraces {

    private TestTraces() {
    }

    /** A new, valid, sampled traceparent ({@code 00-<trace id>-<span id>-01}) with random ids. */
    public static String newTraceparent() {
        byte[] trace = new byte[16];
        byte[] span = new byte[8];
        ThreadLocalRandom.current().nextBytes(trace);
        ThreadLocalRandom.current().nextBytes(span);
        trace[0] |= 1; // all-zero ids are invalid
        span[0] |= 1;
        return "00-" + HexFormat.of().formatHex(trace) + "-" + HexFormat.of().formatHex(span) + "-01";
    }
}
