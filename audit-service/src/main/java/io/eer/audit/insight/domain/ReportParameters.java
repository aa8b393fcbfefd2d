package io.eer.audit.insight.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * The thresholds a report applies; they are part of the report, so a reproduction uses the same ones.
 *
 * @param revocationGrace how long after {@code expiresAt} a revocation still counts as on time
 * @param defaultReviewDue how long after the access ends a review is due, when neither a {@code ReviewScheduled}
 *        nor the request's review plan says
 */
public record ReportParameters(Duration revocationGrace, Duration defaultReviewDue) {

    public static final ReportParameters DEFAULTS = new ReportParameters(Duration.ofMinutes(5), Duration.ofDays(3));

    public ReportParameters {
        Objects.requireNonNull(revocationGrace, "revocationGrace");
        Objects.requireNonNull(defaultReviewDue, "defaultReviewDue");
        if (revocationGrace.isNegative() || defaultReviewDue.isNegative()) {
            throw new IllegalArgumentException("report thresholds must not be negative");
        }
    }
}
