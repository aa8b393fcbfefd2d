package io.eer.approval.application;

import io.eer.approval.infra.out.ApproverNotifications;
import io.eer.support.poll.DueWork;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Posts the queued notifications (job {@value #JOB}) with service-support's {@code NotificationQueue}: leased in the
 * claiming transaction, posted signed with no transaction open, each outcome recorded in its own transaction.
 */
@ApplicationScoped
public class DeliverNotifications {

    public static final String JOB = "approval-webhook";

    private final ApproverNotifications notifications;

    DeliverNotifications(ApproverNotifications notifications) {
        this.notifications = notifications;
    }

    /** What the poller runs (in infra.in); empty when nothing may be posted (no URL, or no secret for it). */
    public Optional<DueWork> work() {
        return notifications.delivery(JOB);
    }
}
