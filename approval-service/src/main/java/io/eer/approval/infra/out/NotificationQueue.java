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
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The approver notifications waiting to be posted. {@link #claim} takes the due ones in one short transaction
 * ({@code FOR UPDATE SKIP LOCKED}, then leased by moving {@code next_attempt_at} past the longest a post can take, so
 * two instances never post the same one at once); {@link #record} stores one result in another transaction:
 * delivered on a 2xx, else retried with exponential back-off until {@code max-attempts}, then kept as failed with its
 * last error. Nothing here posts: no HTTP call ever runs inside these transactions.
 */
@ApplicationScoped
public class NotificationQueue {

    private static final Logger LOG = Logger.getLogger(NotificationQueue.class);
    private static final int BATCH = 20;
    private static final String DUE = "select * from approval_notification"
            + " where delivered_at is null and failed_at is null and next_attempt_at <= ?1"
            + " order by id limit ?2 for update skip locked";

    /** One claimed notification: its id and the exact body to post. */
    public record Claimed(Long id, String requestId, String payload) {
    }

    private final ApprovalSettings settings;
    private final Clock clock;

    NotificationQueue(ApprovalSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Claims up to a batch of due notifications for {@code lease}; commits before answering. */
    public Uni<List<Claimed>> claim(Duration lease) {
        Instant now = now();
        Instant leasedUntil = now.plus(lease);
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(DUE, NotificationRow.class)
                        .setParameter(1, now)
                        .setParameter(2, BATCH)
                        .getResultList())
                .map(rows -> rows.stream().map(row -> {
                    row.attempts++;
                    row.nextAttemptAt = leasedUntil;
                    return new Claimed(row.id, row.requestId, row.payload);
                }).toList()));
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
                LOG.errorf("approver notification %d for request %s given up after %d attempts: %s", row.id,
                        row.requestId, row.attempts, error);
            } else {
                row.lastError = error;
                row.nextAttemptAt = now.plus(backoff(row.attempts));
                LOG.warnf("approver notification %d for request %s failed (attempt %d): %s; retrying", row.id,
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
