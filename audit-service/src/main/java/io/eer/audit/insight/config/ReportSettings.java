package io.eer.audit.insight.config;

import io.eer.audit.insight.domain.ReportParameters;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code eer.audit.report.*}: the thresholds every report applies (and states, so a reproduction uses them). */
@ConfigMapping(prefix = "eer.audit.report")
public interface ReportSettings {

    /** How long after {@code expiresAt} a revocation still counts as on time. */
    @WithDefault("5m")
    Duration revocationGrace();

    /** When a review is due after the access ends, if neither ReviewScheduled nor the request's plan says. */
    @WithDefault("72h")
    Duration defaultReviewDue();

    default ReportParameters parameters() {
        return new ReportParameters(revocationGrace(), defaultReviewDue());
    }
}
