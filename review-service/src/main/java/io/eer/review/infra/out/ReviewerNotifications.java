package io.eer.review.infra.out;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eer.contracts.EventCodec;
import io.eer.review.config.ReviewSettings;
import io.eer.review.domain.ReviewEvent.ReviewOverdue;
import io.eer.review.domain.ReviewEvent.ReviewScheduled;
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
 * The reviewers' notifications: {@link #due} and {@link #overdue} queue one in the transaction that decided it;
 * {@link #claim} takes the due ones in a short transaction of its own ({@code FOR UPDATE SKIP LOCKED}, then leased by
 * moving {@code next_attempt_at} past the longest a post can take); {@link #record} stores one result in another:
 * delivered on a 2xx, else retried with doubling back-off until {@code max-attempts}, then kept as failed with its
 * last error. Nothing here posts: no HTTP call runs inside these transactions.
 */
@ApplicationScoped
public class ReviewerNotifications {

    public static final String DUE = "review-due";
    public static final String OVERDUE = "review-overdue";
    private static final Logger LOG = Logger.getLogger(ReviewerNotifications.class);
    private static final int BATCH = 20;
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
    private static final String CLAIM = "select * from review_notification"
            + " where delivered_at is null and failed_at is null and next_attempt_at <= ?1"
            + " order by id limit ?2 for update skip locked";

    /** One claimed notification: its id and the exact body to post. */
    public record Claimed(Long id, String reviewId, String payload) {
    }

    private final ReviewSettings.Webhook settings;
    private final Clock clock;

    ReviewerNotifications(ReviewSettings settings, Clock clock) {
        this.settings = settings.webhook();
        this.clock = clock;
    }

    /** The reviewers are told a review is open and when it is due. Inside the scheduling transaction. */
    public Uni<Void> due(ReviewScheduled scheduled) {
        ObjectNode body = body(DUE, scheduled.reviewId().value(), scheduled.requestId().value(),
                scheduled.grantId().value(), scheduled.reviewerGroups(), scheduled.dueAt());
        body.put("text", "Access review " + scheduled.reviewId() + " (grant " + scheduled.grantId() + ") is open for "
                + String.join(", ", scheduled.reviewerGroups()) + " and due " + scheduled.dueAt());
        return queue(scheduled.reviewId().value(), DUE, body);
    }

    /** A reminder (escalated or not). Inside the transaction that decided the {@code ReviewOverdue}. */
    public Uni<Void> overdue(ReviewOverdue overdue) {
        ObjectNode body = body(OVERDUE, overdue.reviewId().value(), overdue.requestId().value(),
                overdue.grantId().value(), overdue.reviewerGroups(), overdue.dueAt());
        body.put("reminder", overdue.reminder());
        if (overdue.escalatedTo() != null) {
            overdue.escalatedTo().forEach(body.putArray("escalatedTo")::add);
        }
        body.put("text", "Access review " + overdue.reviewId() + " was due " + overdue.dueAt() + " and is still open"
                + " (reminder " + overdue.reminder() + (overdue.escalatedTo() == null ? ""
                        : ", escalated to " + String.join(", ", overdue.escalatedTo())) + ")");
        return queue(overdue.reviewId().value(), OVERDUE, body);
    }

    private static ObjectNode body(String kind, String reviewId, String requestId, String grantId,
            List<String> groups, Instant dueAt) {
        ObjectNode body = EventCodec.mapper().createObjectNode();
        body.put("kind", kind);
        body.put("reviewId", reviewId);
        body.put("requestId", requestId);
        body.put("grantId", grantId);
        groups.forEach(body.putArray("reviewerGroups")::add);
        body.put("dueAt", dueAt.toString());
        return body;
    }

    private Uni<Void> queue(String reviewId, String kind, ObjectNode body) {
        NotificationRow row = new NotificationRow();
        row.reviewId = reviewId;
        row.kind = kind;
        row.payload = body.toString();
        row.createdAt = now();
        row.nextAttemptAt = row.createdAt;
        return row.persist().replaceWithVoid();
    }

    /** Claims up to a batch of due notifications for {@code lease}; commits before answering. */
    public Uni<List<Claimed>> claim(Duration lease) {
        Instant now = now();
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(CLAIM, NotificationRow.class)
                        .setParameter(1, now)
                        .setParameter(2, BATCH)
                        .getResultList())
                .map(rows -> rows.stream().map(row -> {
                    row.attempts++;
                    row.nextAttemptAt = now.plus(lease);
                    return new Claimed(row.id, row.reviewId, row.payload);
                }).toList()));
    }

    /** Records the outcome of one post ({@code error} null: delivered), in its own transaction. */
    public Uni<Void> record(Long id, String error) {
        Instant now = now();
        return Panache.withTransaction(() -> NotificationRow.<NotificationRow>findById(id).invoke(row -> {
            if (row == null) {
                return;
            }
            row.lastError = error;
            if (error == null) {
                row.deliveredAt = now;
            } else if (row.attempts >= settings.maxAttempts()) {
                row.failedAt = now;
                LOG.errorf("reviewer notification %d (review %s) given up after %d attempts: %s", row.id,
                        row.reviewId, row.attempts, error);
            } else {
                Duration delay = settings.backoff().multipliedBy(1L << Math.min(row.attempts - 1, 16));
                row.nextAttemptAt = now.plus(delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay);
                LOG.warnf("reviewer notification %d (review %s) failed (attempt %d): %s; retrying", row.id,
                        row.reviewId, row.attempts, error);
            }
        })).replaceWithVoid();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
