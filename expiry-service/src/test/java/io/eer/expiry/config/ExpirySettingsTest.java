package io.eer.expiry.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.eer.support.testing.SettingsValidation;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpirySettingsTest {

    @Test
    void start_withTheDefaults() {
        assertThat(SettingsValidation.failure(ExpirySettings.class, Map.of())).isEmpty();
    }

    @Test
    void start_refused_namingTheSetting() {
        assertThat(SettingsValidation.failure(ExpirySettings.class, Map.of("eer.expiry.poll-interval", "0s")))
                .get().asString().contains("eer.expiry.poll-interval");
        assertThat(SettingsValidation.failure(ExpirySettings.class, Map.of("eer.expiry.batch-size", "10001")))
                .get().asString().contains("eer.expiry.batch-size");
        assertThat(SettingsValidation.failure(ExpirySettings.class, Map.of("eer.expiry.arm-horizon", "-PT1M")))
                .get().asString().contains("eer.expiry.arm-horizon");
    }
}
