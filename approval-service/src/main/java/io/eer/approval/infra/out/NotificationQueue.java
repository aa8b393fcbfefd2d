package io.eer.approval.infra.out;

import io.eer.approval.config.ApprovalSettings;
import io.eer.approval.projection.NotificationRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/**
 * The notifications waiting to be posted, table {@code approval_notification}, claimed by service-support's
 * {@code DuePoller} by {@link #KEY} ({@code FOR UPDATE SKIP LOCKED}, {@link #DUE}). {@link #lease} runs in the
 * claiming transaction: it moves {@code next_attempt_at} past the longest a post can take, so the row is no longer due
 * when that transaction commits and two instances never post the same one at once. {@link #leased} reads what to post
 * and {@link #record} stores one result, each in a short transaction of its own: delivered on a 2xx, else retried
 * with exponential back-off until {@code max-attempts}, then kept as failed with its last error. Nothing here posts:
 * no HTTP call ever runs inside these transactions.
 */
@ApplicationScoped
public class NotificationQueue {

    public static final String TABLE = "approval_notification";
    /** The id as text (V12): the poller's keys are strings. */
    public static final String KEY = "claim_key";
    public static final String DUE = "delivered_at is null and failed_at is null and next_attempt_at <= ?1";
    public static final String ORDER = "id";

    private static final Logger LOG = Logger.getLogger(NotificationQueue.class);

    /** One leased notification: its id and the exact body to post. */
    public record Leased(Long id, String requestId, String payload) {
    }

    private final ApprovalSettings settings;
    private final Clock clock;

    NotificationQueue(ApprovalSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Counts an attempt and leases the claimed row for {@code lease}; in the caller's (the claiming) transaction. */
    public Uni<Void> lease(String key, Duration lease) {
        Instant leasedUntil = now().plus(lease);
        return NotificationRow.<NotificationRow>findById(Long.valueOf(key)).invoke(row -> {
            row.attempts++;
            row.nextAttemptAt = leasedUntil;
        }).replaceWithVoid();
    }

    /** The leased row, if it is still to be posted (null when delivered or given up meanwhile). Own transaction. */
    public Uni<Leased> leased(String key) {
        return Panache.withTransaction(() -> NotificationRow.<NotificationRow>findById(Long.valueOf(key))
                .map(row -> row == null || row.deliveredAt != null || row.failedAt != null ? null
                        : new Leased(row.id, row.requestId, row.payload)));
    }

    /** Records the outcome of one post: {@code error} {@code null} means delivered. Its own transaction. */
    public Uni<Void> record(Long id, String error) {
        Instant now = now();
        return Panache.withTransaction(() -> NotificationRow.<NotificationRow>findById(id).invoke(row -> {
            if (row == null) {
                return;
            }
            if (error == null) {
                row.deliveredAt = now;
                row.lastError = null;
            } else if (row.attempts >= settings.webhook().maxAttempts()) {
                row.failedAt = now;
                row.lastError = error;
                LOG.errorf("notification %d for request %s given up after %d attempts: %s", row.id,
                        row.requestId, row.attempts, error);
            } else {
                row.lastError = error;
                row.nextAttemptAt = now.plus(backoff(row.attempts));
                LOG.warnf("notification %d for request %s failed (attempt %d): %s; retrying", row.id,
                        row.requestId, row.attempts, error);
            }
        })).replaceWithVoid();
    }

    private Duration backoff(int attempts) {
        Duration max = settings.webhook().maxBackoff();
        Duration delay = settings.webhook().backoff();
        for (int i = 1; i < attempts && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
