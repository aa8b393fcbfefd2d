package io.eer.expiry.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * {@code eer.expiry.*}. A malformed value stops the start (SmallRye Config); an out-of-range one too: the due-work
 * poller refuses a non-positive interval and a batch size outside 1..10000 when it is created at start-up.
 */
@ConfigMapping(prefix = "eer.expiry")
public interface ExpirySettings {

    /**
     * How often the poller looks for due timers ({@code 100ms}, {@code 1s}, ISO-8601 {@code PT0.1S}). While the service
     * runs, a timer fires at most about this long after its deadline; the outbox relay ({@code eer.outbox.poll-interval})
     * adds its own interval before Kafka has it.
     */
    @WithDefault("100ms")
    Duration pollInterval();

    /** Timers fired per transaction; a larger backlog is drained in further batches within the same poll. */
    @WithDefault("100")
    int batchSize();
}
