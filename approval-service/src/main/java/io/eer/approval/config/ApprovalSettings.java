package io.eer.approval.config;

import io.eer.support.config.Consistent;
import io.eer.support.config.ConsistentSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMin;

/** {@code eer.approval.*}, checked at start (Bean Validation and {@link #inconsistencies()}): a bad value stops it. */
@ConfigMapping(prefix = "eer.approval")
@Consistent
public interface ApprovalSettings extends ConsistentSettings {

    /** Where approvers reach this service: the decision link in notifications is {@code <public-url>/v1/approvals/<id>}. */
    @WithDefault("http://127.0.0.1:8082")
    URI publicUrl();

    /**
     * How often due decision deadlines and validities are looked for: the backstop. A deadline within
     * {@link #timerArmHorizon()} wakes the poller at that instant (in memory), so only a wake-up lost to a crash
     * waits for the poll.
     */
    @WithDefault("10s")
    @DurationMin(millis = 1)
    Duration timerPollInterval();

    /** Deadlines up to this far ahead are armed in memory ({@code ApprovalTimerAlarms}). */
    @WithDefault("PT2M")
    @DurationMin(millis = 1)
    Duration timerArmHorizon();

    /** How often the deadlines within the horizon are re-armed from the table (after a start: 1 s after). */
    @WithDefault("60s")
    @DurationMin(millis = 1)
    Duration timerArmEvery();

    /** Timers handled per poll round (each in its own short transaction). */
    @WithDefault("50")
    @Min(1)
    @Max(10_000)
    int timerBatchSize();

    Webhook webhook();

    /** The approver notification webhook (Slack-compatible JSON). Without {@code url} nothing is posted. */
    interface Webhook {

        /** Incoming-webhook URL; a secret (it authorises posting), so it is never logged. */
        Optional<URI> url();

        /**
         * HMAC-SHA256 key for the {@code X-EER-Signature} header of every POST ({@code EER_WEBHOOK_SECRET}); with a
         * URL and no secret nothing is posted.
         */
        Optional<String> secret();

        /** Tests only: post unsigned when no secret is set. */
        @WithDefault("false")
        boolean allowUnsigned();

        /** How long one POST may take. */
        @WithDefault("5s")
        @DurationMin(millis = 1)
        Duration timeout();

        /** POSTs per delivery attempt (the sender's quick retries on a network error, 5xx or 429). */
        @WithDefault("3")
        @Min(1)
        @Max(10)
        int attemptsPerPost();

        /** How often the delivery queue is looked at. */
        @WithDefault("1s")
        @DurationMin(millis = 1)
        Duration pollInterval();

        /** First retry delay; it doubles per attempt, up to {@link #maxBackoff()}. */
        @WithDefault("5s")
        @DurationMin(millis = 1)
        Duration backoff();

        @WithDefault("10m")
        Duration maxBackoff();

        /** Delivery attempts before a notification is given up (kept with its last error, never silently dropped). */
        @WithDefault("12")
        @Min(1)
        int maxAttempts();
    }

    /** The rules across settings; each value's own range is a constraint on it. */
    @Override
    default List<String> inconsistencies() {
        List<String> broken = new ArrayList<>();
        if (!List.of("http", "https").contains(String.valueOf(publicUrl().getScheme()))) {
            broken.add("eer.approval.public-url must be an http(s) URL");
        }
        Webhook webhook = webhook();
        webhook.url().ifPresent(url -> {
            if (!List.of("http", "https").contains(String.valueOf(url.getScheme())) || url.getHost() == null) {
                broken.add("eer.approval.webhook.url must be an http(s) URL"); // never quote it: it is a secret
            }
        });
        if (webhook.maxBackoff().compareTo(webhook.backoff()) < 0) {
            broken.add("eer.approval.webhook.max-backoff must be at least backoff");
        }
        return broken;
    }
}
