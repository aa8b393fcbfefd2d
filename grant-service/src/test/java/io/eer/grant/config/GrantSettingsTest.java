package io.eer.grant.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.eer.support.testing.SettingsValidation;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The start-up check of {@code eer.grant.*}: a setting that cannot work stops the start, naming it. */
class GrantSettingsTest {

    private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="; // 32 bytes, test only

    private static Optional<String> startWith(String... keyValues) {
        Map<String, String> properties = new HashMap<>(Map.of("eer.grant.credential-key", KEY));
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put(keyValues[i], keyValues[i + 1]);
        }
        return SettingsValidation.failure(GrantSettings.class, properties);
    }

    @Test
    void start_withTheDefaults() {
        assertThat(startWith()).isEmpty();
    }

    @Test
    void start_refused_whenABackoffCannotWork() {
        assertThat(startWith("eer.grant.sweeper.retry-backoff", "0s")).get().asString()
                .contains("eer.grant.sweeper.retry-backoff");
        assertThat(startWith("eer.grant.sweeper.retry-backoff", "10m")).get().asString()
                .contains("eer.grant.sweeper.max-retry-backoff must be at least retry-backoff");
        assertThat(startWith("eer.grant.sweeper.grace", "-1s")).get().asString()
                .contains("eer.grant.sweeper.grace");
        assertThat(startWith("eer.grant.revocation.attempts", "0")).get().asString()
                .contains("eer.grant.revocation.attempts");
        assertThat(startWith("eer.grant.sweeper.batch-size", "0")).get().asString()
                .contains("eer.grant.sweeper.batch-size");
        assertThat(startWith("eer.grant.revocation.backoff", "30s")).get().asString()
                .contains("eer.grant.revocation.max-backoff must be at least backoff");
    }

    @Test
    void start_refused_withoutACredentialKey_namingTheEnvironmentVariable() {
        assertThat(startWith("eer.grant.credential-key", "")).get().asString()
                .contains("EER_GRANT_CREDENTIAL_KEY")
                .doesNotContain(KEY);
        assertThat(startWith("eer.grant.credential-key", "bm90LTMyLWJ5dGVz")).get().asString()
                .contains("must be 32 bytes");
    }
}
