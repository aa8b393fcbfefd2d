package io.eer.review.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.eer.support.testing.SettingsValidation;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReviewSettingsTest {

    @Test
    void start_withTheDefaults() {
        assertThat(SettingsValidation.failure(ReviewSettings.class, Map.of())).isEmpty();
    }

    @Test
    void start_refused_forADueTimeThatIsNotPositive() {
        assertThat(SettingsValidation.failure(ReviewSettings.class, Map.of("eer.review.default-due-within", "PT0S")))
                .get().asString().contains("eer.review.default-due-within");
        assertThat(SettingsValidation.failure(ReviewSettings.class, Map.of("eer.review.default-due-within", "-P1D")))
                .get().asString().contains("eer.review.default-due-within");
    }

    @Test
    void start_refused_forADueTimeThatIsNoDuration() {
        assertThat(SettingsValidation.failure(ReviewSettings.class, Map.of("eer.review.default-due-within", "a week")))
                .get().asString().contains("eer.review.default-due-within");
    }
}
