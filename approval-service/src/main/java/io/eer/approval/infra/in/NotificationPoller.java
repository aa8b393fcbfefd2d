package io.eer.approval.infra.in;

import io.eer.approval.application.DeliverNotifications;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Delivers queued approver notifications every {@code eer.approval.webhook.poll-interval}. */
@ApplicationScoped
public class NotificationPoller {

    public static final String JOB = "approval-webhook";
    private static final Logger LOG = Logger.getLogger(NotificationPoller.class);

    private final DeliverNotifications deliverNotifications;

    NotificationPoller(DeliverNotifications deliverNotifications) {
        this.deliverNotifications = deliverNotifications;
    }

    @Scheduled(identity = JOB, every = "${eer.approval.webhook.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        return deliverNotifications.execute()
                // the class only: a client exception's message may quote the URL, which is a secret
                .onFailure().invoke(e -> LOG.warnf("webhook delivery round failed, the next one retries: %s",
                        e.getClass().getSimpleName()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
