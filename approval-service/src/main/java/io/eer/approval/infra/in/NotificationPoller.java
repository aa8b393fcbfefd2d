package io.eer.approval.infra.in;

import io.eer.approval.application.DeliverNotifications;
import io.eer.support.poll.DuePollers;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Starts service-support's due-work poller for the notification queue (job {@value DeliverNotifications#JOB}) every
 * {@code eer.approval.webhook.poll-interval}, when notifications may be posted (a webhook URL and its secret). The
 * scheduler starts halted; service-support's SchedulerGate opens it once messaging is wired.
 */
@ApplicationScoped
public class NotificationPoller {

    public static final String JOB = DeliverNotifications.JOB;

    private final DuePollers pollers;
    private final DeliverNotifications deliverNotifications;

    NotificationPoller(DuePollers pollers, DeliverNotifications deliverNotifications) {
        this.pollers = pollers;
        this.deliverNotifications = deliverNotifications;
    }

    void start(@Observes StartupEvent event) {
        deliverNotifications.work().ifPresent(pollers::start);
    }
}
