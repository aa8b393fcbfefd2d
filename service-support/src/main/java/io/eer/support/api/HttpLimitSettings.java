package io.eer.support.api;

import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Request-size and per-caller write-rate limits of every service's REST edge. */
@ConfigMapping(prefix = "eer.http")
public interface HttpLimitSettings {

    /** A body larger than this is refused with 413 before it is read (also set as quarkus.http.limits.max-body-size). */
    @WithDefault("512K")
    MemorySize maxBodySize();

    RateLimit writeRateLimit();

    /** A token bucket per caller ({@code sub}) and instance, spent by POST, PUT, PATCH and DELETE. */
    interface RateLimit {

        @WithDefault("true")
        boolean enabled();

        /** Writes a caller may make at once (the bucket's size). */
        @WithDefault("30")
        @Min(1)
        int burst();

        /** One write is given back every this long (PT2S: 30 a minute sustained). */
        @WithDefault("PT2S")
        @DurationMin(millis = 1)
        Duration refillEvery();

        /**
         * Machine callers that write in bulk (session agents relay every statement of a session): a caller in one
         * of these groups gets the agent bucket below instead, still per caller and still bounded.
         */
        @WithDefault("session-agents")
        java.util.List<String> agentGroups();

        @WithDefault("600")
        @Min(1)

        int agentBurst();

        /** PT0.05S: 20 writes a second sustained. */
        @WithDefault("PT0.05S")
        @DurationMin(millis = 1)
        Duration agentRefillEvery();
    }
}
