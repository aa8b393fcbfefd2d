package io.eer.support.api;

import io.eer.support.problem.ProblemException;
import java.time.Instant;

/** Checks shared by query parameters that carry times: a syntactically valid time can still be absurd. */
public final class Params {

    /** The earliest and latest time any EER query may name (the database's own range is far wider, Java's too). */
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private Params() {
    }

    /** {@code time} if it lies in 1970..9999, else a 400 naming {@code field} with rule {@code range}. */
    public static Instant plausible(String field, Instant time) {
        if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
            throw ProblemException.badRequest(field, "range", field + " must lie between 1970 and 9999");
        }
        return time;
    }
}
