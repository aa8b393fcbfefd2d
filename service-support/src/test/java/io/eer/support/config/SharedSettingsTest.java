package io.eer.support.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.eer.support.api.HttpLimitSettings;
import io.eer.support.idempotency.IdempotencySettings;
import io.eer.support.resilience.ResilienceSettings;
import io.eer.support.security.TokenSettings;
import io.eer.support.testing.SettingsValidation;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings every service shares are checked at start like each service's own. */
class SharedSettingsTest {

    @Test
    void start_withTheDefaults() {
        for (Class<?> mapping : new Class<?>[] {HttpLimitSettings.class, IdempotencySettings.class,
                ResilienceSettings.class, TokenSettings.class}) {
            assertThat(SettingsValidation.failure(mapping, Map.of())).as(mapping.getSimpleName()).isEmpty();
        }
    }

    @Test
    void start_refused_namingTheSetting() {
        assertThat(SettingsValidation.failure(HttpLimitSettings.class, Map.of("eer.http.write-rate-limit.burst", "0")))
                .get().asString().contains("eer.http.").contains("burst must be greater than or equal to 1");
        assertThat(SettingsValidation.failure(IdempotencySettings.class, Map.of("eer.idempotency.ttl", "PT0S")))
                .get().asString().contains("eer.idempotency.ttl");
        assertThat(SettingsValidation.failure(ResilienceSettings.class,
                Map.of("eer.resilience.consumer-backoff", "-1s")))
                .get().asString().contains("eer.resilience.consumer-backoff");
        assertThat(SettingsValidation.failure(TokenSettings.class, Map.of("eer.jwt.claims.amr", " ")))
                .get().asString().contains("eer.jwt.claims.amr");
    }
}
