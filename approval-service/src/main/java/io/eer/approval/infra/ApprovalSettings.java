package io.eer.approval.infra;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** {@code eer.approval.*}, checked at start-up. */
@ConfigMapping(prefix = "eer.approval")
public interface ApprovalSettings {

    /** Where approvers reach this service: the decision link in notifications is {@code <public-url>/v1/approvals/<id>}. */
    @WithDefault("http://127.0.0.1:8082")
    URI publicUrl();

    /** How often due decision deadlines and validities are looked for; also the worst-case lateness of a timer. */
    @WithDefault("1s")
    Duration timerPollInterval();

    /** Timers handled per transaction; a larger backlog drains in further batches of the same poll. */
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

        /** How often the delivery queue is looked at. */
        @WithDefault("1s")
        Duration pollInterval();

        /** First retry delay; it doubles per attempt, up to {@link #maxBackoff()}. */
        @WithDefault("5s")
        Duration backoff();

        @WithDefault("10m")
        Duration maxBackoff();

        /** Attempts before a notification is given up (kept with its last error, never silently dropped). */
        @WithDefault("12")
        int maxAttempts();
    }
}
