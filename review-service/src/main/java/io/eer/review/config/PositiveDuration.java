package io.eer.review.config;

import java.time.Duration;
import org.eclipse.microprofile.config.spi.Converter;

/** A duration ({@code P7D}, {@code PT1H}) that must be positive; anything else stops the start. */
public class PositiveDuration implements Converter<Duration> {

    @Override
    public Duration convert(String value) {
        Duration duration;
        try {
            duration = Duration.parse(value.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an ISO-8601 duration such as P7D or PT1H: " + value, e);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("must be positive: " + value);
        }
        return duration;
    }
}
