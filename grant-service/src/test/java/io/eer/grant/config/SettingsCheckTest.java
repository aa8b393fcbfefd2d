package io.eer.grant.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SettingsCheckTest {

    record Sweeper(Duration interval, Duration grace, Duration retryBackoff, Duration maxRetryBackoff, int batchSize)
            implements GrantSettings.Sweeper {
    }

    record Revocation(int attempts, Duration backoff, Duration maxBackoff, Duration terminateWait)
            implements GrantSettings.Revocation {
    }

    private static final Sweeper SWEEPER = new Sweeper(Duration.ofSeconds(5), Duration.ofSeconds(5),
            Duration.ofSeconds(5), Duration.ofMinutes(5), 50);
    private static final Revocation REVOCATION = new Revocation(5, Duration.ofSeconds(1), Duration.ofSeconds(20),
            Duration.ofSeconds(5));

    @Test
    void theDefaults_pass() {
        assertThatCode(() -> SettingsCheck.check(SWEEPER, REVOCATION)).doesNotThrowAnyException();
    }

    @Test
    void aBackoffThatCannotWork_stopsTheStart_namingTheSetting() {
        assertThatThrownBy(() -> SettingsCheck.check(new Sweeper(Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ZERO, Duration.ofMinutes(5), 50), REVOCATION))
                .hasMessageContaining("eer.grant.sweeper.retry-backoff");
        assertThatThrownBy(() -> SettingsCheck.check(new Sweeper(Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofMinutes(10), Duration.ofMinutes(5), 50), REVOCATION))
                .hasMessageContaining("eer.grant.sweeper.max-retry-backoff");
        assertThatThrownBy(() -> SettingsCheck.check(new Sweeper(Duration.ofSeconds(5), Duration.ofSeconds(-1),
                Duration.ofSeconds(5), Duration.ofMinutes(5), 50), REVOCATION))
                .hasMessageContaining("eer.grant.sweeper.grace");
        assertThatThrownBy(() -> SettingsCheck.check(SWEEPER, new Revocation(0, Duration.ofSeconds(1),
                Duration.ofSeconds(20), Duration.ofSeconds(5))))
                .hasMessageContaining("eer.grant.revocation.attempts");
        assertThatThrownBy(() -> SettingsCheck.check(new Sweeper(Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofMinutes(5), 0), REVOCATION))
                .hasMessageContaining("eer.grant.sweeper.batch-size");
    }
}
