package io.eer.support.idempotency;

import org.hibernate.validator.constraints.time.DurationMin;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long an Idempotency-Key is remembered ({@code eer.idempotency.ttl}, env {@code EER_IDEMPOTENCY_TTL}). */
@ConfigMapping(prefix = "eer.idempotency")
public interface IdempotencySettings {

    @WithDefault("PT24H")
    @DurationMin(seconds = 1)

    Duration ttl();
}
