package io.eer.audit.insight.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code eer.soc.*}: alert thresholds, the alert webhook and the SSE stream. */
@ConfigMapping(prefix = "eer.soc")
public interface SocSettings {

    Alerts alerts();

    Webhook webhook();

    Stream stream();

    interface Alerts {
        /** A requester refused (RequestRejected or Denied) this many times in a row raises {@code repeated-refusals}. */
        @WithDefault("3")
        int refusalsInARow();

        /** AccessRevoked later than this after the grant's expiresAt (or no revocation by then) raises an alert. */
        @WithDefault("5m")
        Duration lateRevocationThreshold();

        /** A review still open this long after its dueAt (or completed later than that) raises {@code review-overdue}. */
        @WithDefault("0s")
        Duration reviewOverdueGrace();

        /** How often the time-based checks (overdue reviews, grants not revoked in time) run. */
        @WithDefault("30s")
        Duration checkInterval();
    }

    interface Webhook {
        /** Slack-compatible incoming-webhook URL; none: no POST (AlertRaised is still published). */
        Optional<String> url();

        /**
         * HMAC-SHA256 key for the {@code X-EER-Signature} header of every POST ({@code EER_WEBHOOK_SECRET}); with a
         * URL and no secret nothing is posted (README "Webhook signature").
         */
        Optional<String> secret();

        /** Tests only: post unsigned when no secret is set. */
        @WithDefault("false")
        boolean allowUnsigned();

        /** Attempts per alert before it is given up (marked failed, logged). */
        @WithDefault("10")
        int maxAttempts();

        /** First retry delay; doubles per attempt up to {@link #maxBackoff()}. */
        @WithDefault("2s")
        Duration backoff();

        @WithDefault("5m")
        Duration maxBackoff();

        /** Timeout of one POST. */
        @WithDefault("5s")
        Duration timeout();

        /** How often pending deliveries are looked for. */
        @WithDefault("1s")
        Duration pollInterval();
    }

    interface Stream {
        /** A comment line is sent after this long without an entry, so proxies keep the connection open. */
        @WithDefault("15s")
        Duration heartbeat();

        /** Longest wait for a new entry before the database is read again (entries appended by other instances). */
        @WithDefault("1s")
        Duration pollInterval();
    }
}
