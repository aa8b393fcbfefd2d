package io.eer.approval.application;

import io.eer.approval.infra.out.ApproverNotifications;
import io.eer.support.notify.NotificationDelivery;
import io.eer.support.poll.DueWork;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Posts the queued notifications (job {@value #JOB}) with service-support's {@code NotificationQueue}: leased in the
 * claiming transaction, posted signed with no transaction open, each outcome recorded in its own transaction.
 * service-support's {@code NotificationPollers} starts it (every {@code eer.approval.webhook.poll-interval}).
 */
@ApplicationScoped
public class DeliverNotifications implements NotificationDelivery {

    public static final String JOB = "approval-webhook";

    private final ApproverNotifications notifications;

    DeliverNotifications(ApproverNotifications notifications) {
        this.notifications = notifications;
    }

    /** What the poller runs; empty when nothing may be posted (no URL, or no secret for it). */
    @Override
    public Optional<DueWork> work() {
        return notifications.delivery(JOB);
    }
}
