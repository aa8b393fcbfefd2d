package io.eer.review.application;

import io.eer.review.infra.out.ReviewerNotifications;
import io.eer.support.notify.NotificationDelivery;
import io.eer.support.poll.DueWork;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Posts the queued reviewer notifications (job {@value #JOB}) with service-support's {@code NotificationQueue}: leased
 * in the claiming transaction, posted signed with no transaction open, each outcome recorded in its own transaction.
 * A crash between a post and its record leaves it to be posted again once the lease ends: at-least-once.
 * service-support's {@code NotificationPollers} starts it (every {@code eer.review.webhook.poll}).
 */
@ApplicationScoped
public class DeliverReviewerNotifications implements NotificationDelivery {

    public static final String JOB = "review-webhook";

    private final ReviewerNotifications notifications;

    DeliverReviewerNotifications(ReviewerNotifications notifications) {
        this.notifications = notifications;
    }

    /** What the poller runs; empty when nothing may be posted (no URL, or no secret for it). */
    @Override
    public Optional<DueWork> work() {
        return notifications.delivery(JOB);
    }
}
