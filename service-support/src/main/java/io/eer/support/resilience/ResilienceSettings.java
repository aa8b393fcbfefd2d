package io.eer.support.resilience;

import org.hibernate.validator.constraints.time.DurationMin;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How services ride out a dependency that is briefly unavailable ({@code eer.resilience.*}). */
@ConfigMapping(prefix = "eer.resilience")
public interface ResilienceSettings {

    /** A consumer's first back-off after a transient failure; doubles up to {@link #consumerMaxBackoff()}. */
    @WithDefault("200ms")
    @DurationMin(millis = 1)
    Duration consumerBackoff();

    /** The longest pause between two attempts of one record; attempts never stop (the partition waits). */
    @WithDefault("10s")
    @DurationMin(millis = 1)
    Duration consumerMaxBackoff();

    /**
     * How long a REST write keeps re-running its whole transaction while the database is unavailable before it
     * answers 503 ({@code EER_REQUEST_RETRY_BUDGET}).
     */
    @WithDefault("5s")
    @DurationMin(millis = 0)
    Duration requestRetryBudget();

    /** First back-off between two attempts of a REST write. */
    @WithDefault("100ms")
    @DurationMin(millis = 1)
    Duration requestBackoff();

    /** The {@code Retry-After} a 503 carries. */
    @WithDefault("5s")
    @DurationMin(seconds = 1)
    Duration retryAfter();
}
