package io.eer.expiry.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * {@code eer.expiry.*}. A malformed or out-of-range value stops the start, naming the setting (SmallRye Config and
 * Bean Validation).
 */
@ConfigMapping(prefix = "eer.expiry")
public interface ExpirySettings {

    /**
     * How often the poller looks for due timers ({@code 100ms}, {@code 1s}, ISO-8601 {@code PT0.1S}). While the service
     * runs, a timer fires at most about this long after its deadline; the outbox relay ({@code eer.outbox.poll-interval})
     * adds its own interval before Kafka has it.
     */
    @WithDefault("100ms")
    @DurationMin(millis = 1)
    Duration pollInterval();

    /**
     * Timers due within this horizon are also armed in memory (a Vert.x timer that wakes the poller at the deadline),
     * so a timer fires within milliseconds of its deadline instead of up to a poll interval later. The table stays
     * the source of truth; the poll is the backstop. Re-armed at start and every {@code eer.expiry.arm-every}.
     */
    @WithDefault("PT2M")
    @DurationMin(millis = 1)
    Duration armHorizon();

    /** How often the deadlines within the horizon are re-armed from the table (read by {@code TimerArming}). */
    @WithDefault("60s")
    @DurationMin(millis = 1)
    Duration armEvery();

    /** Timers fired per transaction; a larger backlog is drained in further batches within the same poll. */
    @WithDefault("100")
    @Min(1)
    @Max(10_000)
    int batchSize();
}
