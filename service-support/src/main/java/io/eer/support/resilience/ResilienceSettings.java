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

    /**
     * The longest a REST write keeps its caller waiting ({@code EER_REQUEST_DEADLINE}): past it the caller is answered
     * 503 with Retry-After while the transaction runs on to its own commit or rollback (never cancelled: a cancelled
     * reactive transaction can leave its connection in the pool with the transaction still open, holding its locks).
     * Longer than {@link #requestRetryBudget()}, so a write that is merely retried is not cut short.
     */
    @WithDefault("30s")
    @DurationMin(seconds = 1)
    Duration requestDeadline();

    /**
     * The longest a due-work poller waits for one claim transaction ({@code EER_POLL_DEADLINE}; {@code DuePoller}):
     * past it the poll stops waiting (the transaction is not cancelled, as above) and the next poll starts on a fresh
     * session. A database cut can leave a reactive operation that never answers; without this bound the poller would
     * wait on it for ever and, in expiry-service, no timer would fire again.
     */
    @WithDefault("60s")
    @DurationMin(seconds = 1)
    Duration pollDeadline();

    /** First back-off between two attempts of a REST write. */
    @WithDefault("100ms")
    @DurationMin(millis = 1)
    Duration requestBackoff();

    /** The {@code Retry-After} a 503 carries. */
    @WithDefault("5s")
    @DurationMin(seconds = 1)
    Duration retryAfter();
}
