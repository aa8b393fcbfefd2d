package io.eer.review.infra.in;

import io.eer.review.application.DeliverReviewerNotifications;
import io.eer.support.poll.DuePollers;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Starts service-support's due-work poller for the reviewer notification queue (job
 * {@value DeliverReviewerNotifications#JOB}) every {@code eer.review.webhook.poll}, when notifications may be posted
 * (a webhook URL and its secret). The scheduler starts halted; service-support's SchedulerGate opens it.
 */
@ApplicationScoped
public class ReviewerNotificationPoller {

    public static final String JOB = DeliverReviewerNotifications.JOB;

    private final DuePollers pollers;
    private final DeliverReviewerNotifications deliver;

    ReviewerNotificationPoller(DuePollers pollers, DeliverReviewerNotifications deliver) {
        this.pollers = pollers;
        this.deliver = deliver;
    }

    void start(@Observes StartupEvent event) {
        deliver.work().ifPresent(pollers::start);
    }
}
