package io.eer.audit.insight.application.report;

import io.eer.audit.insight.domain.ReportParameters;

import java.time.Instant;
import java.util.Objects;

/**
 * What a report is asked for. An access is in the period when its window {@code [grantedAt, revokedAt)} (open-ended
 * while not revoked) overlaps {@code [from, to)}; a refused attempt when its time is in {@code [from, to)}.
 * {@code from} and {@code to} may be {@code null} (unbounded).
 */
public record ReportRequest(Framework framework, Instant from, Instant to, ReportParameters parameters) {

    public ReportRequest {
        Objects.requireNonNull(framework, "framework");
        Objects.requireNonNull(parameters, "parameters");
        if (from != null && to != null && !to.isAfter(from)) {
            throw new IllegalArgumentException("to must be after from");
        }
    }

    boolean inPeriod(Instant at) {
        return at != null && (from == null || !at.isBefore(from)) && (to == null || at.isBefore(to));
    }

    /** {@code [start, end)} overlaps the period; {@code end == null} is open-ended. */
    boolean overlaps(Instant start, Instant end) {
        boolean startsBeforeTo = to == null || start == null || start.isBefore(to);
        boolean endsAfterFrom = from == null || end == null || end.isAfter(from);
        return startsBeforeTo && endsAfterFrom;
    }
}
