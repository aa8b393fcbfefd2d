package io.eer.audit.insight.infra.out;

import io.eer.audit.insight.config.SocSettings;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/**
 * The alert deliveries waiting to be posted ({@code webhook_delivery}, queued by {@code AlertDispatcher} with the
 * alert). Due-row work: {@link #TABLE}/{@link #DUE} for the due-work poller, which claims them; {@link #lease} (in
 * the claiming transaction) counts the attempt and moves the row out of {@code DUE} for as long as a post can take,
 * so no other instance posts it meanwhile; {@link #record} stores the outcome in a transaction of its own: delivered
 * on a 2xx, else due again after a doubling back-off ({@code backoff} .. {@code max-backoff}), until
 * {@code max-attempts}, then kept as failed with its last error. Nothing here posts: no HTTP call runs inside these
 * transactions.
 */
@ApplicationScoped
public class AlertWebhookQueue {

    public static final String TABLE = "webhook_delivery";
    public static final String KEY = "id";
    public static final String DUE = "delivered_at is null and failed_at is null and next_attempt_at <= ?1";
    public static final String ORDER = "id";

    private static final Logger LOG = Logger.getLogger(AlertWebhookQueue.class);

    private final SocSettings.Webhook settings;
    private final Clock clock;

    AlertWebhookQueue(SocSettings settings, Clock clock) {
        this.settings = settings.webhook();
        this.clock = clock;
    }

    /** In the claiming transaction: one more attempt, and not due again before {@code lease} has passed. */
    public Uni<Void> lease(String id, Duration lease) {
        return WebhookDeliveryRow.<WebhookDeliveryRow>findById(Long.valueOf(id)).invoke(row -> {
            row.attempts++;
            row.nextAttemptAt = now().plus(lease);
        }).replaceWithVoid();
    }

    /** The exact body to post; {@code null} if the row is gone. A read, no transaction. */
    public Uni<String> body(String id) {
        return Panache.withSession(() -> WebhookDeliveryRow.<WebhookDeliveryRow>findById(Long.valueOf(id)))
                .map(row -> row == null ? null : row.body);
    }

    /** Records the outcome of one post ({@code error} {@code null}: delivered), in its own transaction. */
    public Uni<Void> record(String id, String error) {
        return Panache.withTransaction(() -> WebhookDeliveryRow.<WebhookDeliveryRow>findById(Long.valueOf(id))
                .invoke(row -> {
                    if (row != null) {
                        outcome(row, error);
                    }
                })).replaceWithVoid();
    }

    private void outcome(WebhookDeliveryRow row, String error) {
        Instant now = now();
        if (error == null) {
            row.deliveredAt = now;
            row.lastError = null;
            return;
        }
        row.lastError = error.length() > 500 ? error.substring(0, 500) : error;
        if (row.attempts >= settings.maxAttempts()) {
            row.failedAt = now;
            LOG.errorf("alert %s not delivered to the webhook after %d attempts: %s", row.alertId, row.attempts, error);
            return;
        }
        Duration delay = settings.backoff().multipliedBy(1L << Math.min(row.attempts - 1, 20));
        row.nextAttemptAt = now.plus(delay.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : delay);
        LOG.warnf("alert %s: webhook attempt %d failed (%s), next at %s", row.alertId, row.attempts, error,
                row.nextAttemptAt);
    }

    /** PostgreSQL keeps microseconds. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
