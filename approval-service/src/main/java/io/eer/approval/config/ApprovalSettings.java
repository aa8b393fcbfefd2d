package io.eer.approval.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code eer.approval.*}; {@link #problems()} is checked at start-up ({@link SettingsCheck}): a bad value stops it. */
@ConfigMapping(prefix = "eer.approval")
public interface ApprovalSettings {

    /** Where approvers reach this service: the decision link in notifications is {@code <public-url>/v1/approvals/<id>}. */
    @WithDefault("http://127.0.0.1:8082")
    URI publicUrl();

    /** How often due decision deadlines and validities are looked for; also the worst-case lateness of a timer. */
    @WithDefault("1s")
    Duration timerPollInterval();

    /** Timers handled per poll round (each in its own short transaction). */
    @WithDefault("50")
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
        Duration timeout();

        /** POSTs per delivery attempt (the sender's quick retries on a network error, 5xx or 429). */
        @WithDefault("3")
        int attemptsPerPost();

        /** How often the delivery queue is looked at. */
        @WithDefault("1s")
        Duration pollInterval();

        /** First retry delay; it doubles per attempt, up to {@link #maxBackoff()}. */
        @WithDefault("5s")
        Duration backoff();

        @WithDefault("10m")
        Duration maxBackoff();

        /** Delivery attempts before a notification is given up (kept with its last error, never silently dropped). */
        @WithDefault("12")
        int maxAttempts();
    }

    /** What is wrong with these settings (empty: nothing). */
    default List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (timerBatchSize() < 1 || timerBatchSize() > 10_000) {
            problems.add("eer.approval.timer-batch-size must be 1..10000, is " + timerBatchSize());
        }
        positive(problems, "eer.approval.timer-poll-interval", timerPollInterval());
        if (!List.of("http", "https").contains(String.valueOf(publicUrl().getScheme()))) {
            problems.add("eer.approval.public-url must be an http(s) URL");
        }
        Webhook webhook = webhook();
        webhook.url().ifPresent(url -> {
            if (!List.of("http", "https").contains(String.valueOf(url.getScheme())) || url.getHost() == null) {
                problems.add("eer.approval.webhook.url must be an http(s) URL"); // never quote it: it is a secret
            }
        });
        positive(problems, "eer.approval.webhook.timeout", webhook.timeout());
        positive(problems, "eer.approval.webhook.poll-interval", webhook.pollInterval());
        positive(problems, "eer.approval.webhook.backoff", webhook.backoff());
        if (webhook.maxBackoff().compareTo(webhook.backoff()) < 0) {
            problems.add("eer.approval.webhook.max-backoff must be at least backoff");
        }
        if (webhook.maxAttempts() < 1) {
            problems.add("eer.approval.webhook.max-attempts must be at least 1");
        }
        if (webhook.attemptsPerPost() < 1 || webhook.attemptsPerPost() > 10) {
            problems.add("eer.approval.webhook.attempts-per-post must be 1..10");
        }
        return problems;
    }

    private static void positive(List<String> problems, String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            problems.add(key + " must be positive");
        }
    }
}
