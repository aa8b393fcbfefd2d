package io.eer.support.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.eer.support.testing.SettingsValidation;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Batch consumption's settings are checked at start: a bad batch size stops the service naming the key. */
class ConsumerSettingsTest {

    @Test
    void start_withTheDefaults() {
        assertThat(SettingsValidation.failure(ConsumerSettings.class, Map.of())).isEmpty();
    }

    @Test
    void start_refused_forABatchSizeOutOfRange_namingTheSetting() {
        for (String bad : new String[] {"0", "-1", "1001"}) {
            assertThat(SettingsValidation.failure(ConsumerSettings.class, Map.of("eer.consumer.max-batch", bad)))
                    .as(bad).get().asString().contains("eer.consumer.max-batch");
        }
    }
}
