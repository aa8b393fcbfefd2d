package io.eer.review.infra.out;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eer.contracts.EventCodec;
import io.eer.review.config.ReviewSettings;
import io.eer.review.domain.ReviewEvent.ReviewOverdue;
import io.eer.review.domain.ReviewEvent.ReviewScheduled;
import io.eer.support.notify.NotificationQueue;
import io.eer.support.notify.NotificationWebhook;
import io.eer.support.poll.DueWork;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The reviewers' notifications on service-support's {@link NotificationQueue} (table {@value #TABLE}): {@link #due}
 * and {@link #overdue} queue one in the transaction that decided it; {@link #delivery} is what the poller runs to post
 * them (leased in the claiming transaction, posted signed with no transaction open, each outcome recorded in its own:
 * delivered on a 2xx, else retried with doubling back-off up to ten minutes until {@code max-attempts}, then kept as
 * failed with its last error).
 */
@ApplicationScoped
public class ReviewerNotifications {

    public static final String DUE = "review-due";
    public static final String OVERDUE = "review-overdue";
    public static final String TABLE = "review_notification";
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
    /** Quick retries within one delivery; the queue backs off longer between deliveries. */
    private static final int ATTEMPTS_PER_POST = 3;
    private static final Duration QUICK_BACKOFF = Duration.ofMillis(200);

    private final ReviewSettings.Webhook settings;
    private final Clock clock;
    private final NotificationQueue queue;

    ReviewerNotifications(ReviewSettings settings, Clock clock) {
        this.settings = settings.webhook();
        this.clock = clock;
        this.queue = new NotificationQueue(new NotificationQueue.Table(TABLE, "review_id"),
                new NotificationQueue.Retry(this.settings.backoff(), MAX_BACKOFF, this.settings.maxAttempts()), clock);
    }

    /**
     * What the poller (job {@code name}) runs to post the queue; empty when nothing may be posted (no URL, or no
     * secret for it: an ERROR at start, notifications stay queued, reviews are unaffected). Call once, at start.
     */
    public Optional<DueWork> delivery(String name) {
        return NotificationWebhook.sender("reviewer webhook", settings.url(), settings.secret(),
                        settings.allowUnsigned(), settings.timeout(), ATTEMPTS_PER_POST, QUICK_BACKOFF, clock)
                .map(sender -> queue.delivery(name, settings.poll(), sender));
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
        return queue.enqueue(reviewId, kind, body.toString());
    }
}
