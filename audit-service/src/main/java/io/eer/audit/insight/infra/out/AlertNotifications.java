package io.eer.audit.insight.infra.out;

import io.eer.audit.insight.config.SocSettings;
import io.eer.support.notify.NotificationQueue;
import io.eer.support.notify.NotificationWebhook;
import io.eer.support.poll.DueWork;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The alert webhook's deliveries on service-support's {@link NotificationQueue} (table {@value #TABLE}, one row per
 * alert, subject the alert id, kind {@value #KIND}), queued in the transaction that raised the alert; posted by the
 * queue's due work with a {@code WebhookSender} built from {@code eer.soc.webhook.*}: none when no URL is set, or when
 * a URL is set without {@code EER_WEBHOOK_SECRET} or is not http(s) (an ERROR at start; the ledger is not stopped over
 * a webhook setting: alerts still reach {@code eer.alerts}, the deliveries stay queued). One attempt per post: the
 * queue owns retries and their back-off, so {@code max-attempts} counts posts. The URL is a secret, never logged.
 */
@ApplicationScoped
public class AlertNotifications {

    public static final String TABLE = "alert_notification";
    public static final String KIND = "ALERT";

    private static final Logger LOG = Logger.getLogger(AlertNotifications.class);

    private final SocSettings.Webhook settings;
    private final Clock clock;
    private final NotificationQueue queue;

    AlertNotifications(SocSettings settings, Clock clock) {
        this.settings = settings.webhook();
        this.clock = clock;
        this.queue = new NotificationQueue(new NotificationQueue.Table(TABLE, "alert_id"),
                new NotificationQueue.Retry(this.settings.backoff(), this.settings.maxBackoff(),
                        this.settings.maxAttempts()), clock);
    }

    /** Whether alerts are queued for the webhook at all (a URL is set). */
    public boolean enabled() {
        return settings.url().filter(value -> !value.isBlank()).isPresent();
    }

    /** Queues one alert's message, due now, in the caller's transaction. */
    public Uni<Void> enqueue(String alertId, String payload) {
        return queue.enqueue(alertId, KIND, payload);
    }

    /** What the poller (job {@code name}) runs to post the queue; empty when nothing may be posted. Call once. */
    public Optional<DueWork> delivery(String name) {
        Optional<URI> url = Optional.empty();
        if (enabled()) {
            url = httpUrl(settings.url().get());
            if (url.isEmpty()) {
                // the URL itself is a secret: not quoted
                LOG.error("alert webhook: nothing will be posted: eer.soc.webhook.url is not an http(s) URL");
                return Optional.empty();
            }
        }
        return NotificationWebhook.sender("alert webhook", url, settings.secret(), settings.allowUnsigned(),
                        settings.timeout(), 1, Duration.ZERO, clock)
                .map(sender -> queue.delivery(name, settings.pollInterval(), sender));
    }

    private static Optional<URI> httpUrl(String value) {
        try {
            URI uri = URI.create(value);
            return "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())
                    ? Optional.of(uri) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
