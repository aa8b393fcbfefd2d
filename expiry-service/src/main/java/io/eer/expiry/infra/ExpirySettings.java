package io.eer.expiry.infra;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code eer.expiry.*}, checked at start-up: a malformed interval or batch size stops the service from starting. */
@ConfigMapping(prefix = "eer.expiry")
public interface ExpirySettings {

    /**
     * How often the poller looks for due timers ({@code 100ms}, {@code 1s}, ISO-8601 {@code PT0.1S}); read by
     * {@code @Scheduled} in {@link ExpiryPoller}. While the service runs, a timer fires at most about this long after
     * its deadline; the outbox relay ({@code eer.outbox.poll-interval}) adds its own interval before Kafka has it.
     */
    @WithDefault("100ms")
    Duration pollInterval();

    /** Timers fired per transaction; a larger backlog is drained in further batches within the same poll. */
    @WithDefault("100")
    int batchSize();
}
