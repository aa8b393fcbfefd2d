package io.eer.grant.config;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The grant service's settings, checked once at start: a missing or malformed credential key, or a back-off that
 * cannot work, stops the service naming the setting, instead of failing at the first grant or revocation.
 */
@Startup
@ApplicationScoped
public class SettingsCheck {

    SettingsCheck(GrantSettings settings) {
        CredentialKeys.from(settings);
        check(settings.sweeper(), settings.revocation());
    }

    /** @throws IllegalStateException naming the first setting that is out of range */
    static void check(GrantSettings.Sweeper sweeper, GrantSettings.Revocation revocation) {
        positive("eer.grant.sweeper.interval", sweeper.interval());
        if (sweeper.grace().isNegative()) {
            throw new IllegalStateException("eer.grant.sweeper.grace must not be negative, is " + sweeper.grace());
        }
        positive("eer.grant.sweeper.retry-backoff", sweeper.retryBackoff());
        atLeast("eer.grant.sweeper.max-retry-backoff", sweeper.maxRetryBackoff(), sweeper.retryBackoff());
        if (sweeper.batchSize() < 1) {
            throw new IllegalStateException("eer.grant.sweeper.batch-size must be at least 1, is "
                    + sweeper.batchSize());
        }
        if (revocation.attempts() < 1) {
            throw new IllegalStateException("eer.grant.revocation.attempts (EER_GRANT_REVOKE_ATTEMPTS) must be at "
                    + "least 1, is " + revocation.attempts());
        }
        positive("eer.grant.revocation.backoff", revocation.backoff());
        atLeast("eer.grant.revocation.max-backoff", revocation.maxBackoff(), revocation.backoff());
        positive("eer.grant.revocation.terminate-wait", revocation.terminateWait());
    }

    private static void positive(String name, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalStateException(name + " must be positive, is " + value);
        }
    }

    private static void atLeast(String name, Duration value, Duration minimum) {
        if (value.compareTo(minimum) < 0) {
            throw new IllegalStateException(name + " must be at least " + minimum + ", is " + value);
        }
    }
}
