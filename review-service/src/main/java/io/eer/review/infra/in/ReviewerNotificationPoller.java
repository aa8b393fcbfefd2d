package io.eer.review.infra.in;

import io.eer.review.application.DeliverReviewerNotifications;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Delivers queued reviewer notifications every {@code eer.review.webhook.poll}. */
@ApplicationScoped
public class ReviewerNotificationPoller {

    public static final String JOB = "review-webhook";
    private static final Logger LOG = Logger.getLogger(ReviewerNotificationPoller.class);

    private final DeliverReviewerNotifications deliver;

    ReviewerNotificationPoller(DeliverReviewerNotifications deliver) {
        this.deliver = deliver;
    }

    @Scheduled(identity = JOB, every = "${eer.review.webhook.poll:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        return deliver.execute()
                // the class only: a client exception's message may quote the URL, which is a secret
                .onFailure().invoke(e -> LOG.warnf("reviewer webhook round failed, the next one retries: %s",
                        e.getClass().getSimpleName()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
