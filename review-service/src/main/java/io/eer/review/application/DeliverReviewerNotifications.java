package io.eer.review.application;

import io.eer.review.infra.out.ReviewerNotifications;
import io.eer.review.infra.out.ReviewerWebhook;
import io.eer.support.webhook.WebhookSender;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;

/**
 * Posts the queued reviewer notifications: claimed in one short transaction, each posted with NO transaction open
 * ({@link WebhookSender}: signed, timed out, quick retries), each result recorded in its own transaction. A crash
 * between a post and its record leaves it to be posted again once the lease ends: at-least-once.
 */
@ApplicationScoped
public class DeliverReviewerNotifications {

    private final ReviewerNotifications queue;
    private final ReviewerWebhook webhook;

    DeliverReviewerNotifications(ReviewerNotifications queue, ReviewerWebhook webhook) {
        this.queue = queue;
        this.webhook = webhook;
    }

    /** One round; the number delivered. */
    public Uni<Integer> execute() {
        if (webhook.sender().isEmpty()) {
            return Uni.createFrom().item(0);
        }
        WebhookSender sender = webhook.sender().get();
        Context context = Vertx.currentContext();
        return queue.claim(sender.worstCase().plusSeconds(5)).chain(claimed -> {
            Uni<Integer> chain = Uni.createFrom().item(0);
            for (ReviewerNotifications.Claimed notification : claimed) {
                chain = chain.chain(delivered -> sender.post(notification.payload().getBytes(StandardCharsets.UTF_8))
                        // the HTTP client may complete elsewhere; the reactive session belongs to this context
                        .emitOn(task -> context.runOnContext(ignored -> task.run()))
                        .chain(result -> queue.record(notification.id(),
                                result instanceof WebhookSender.Result.Failed failed ? failed.error() : null)
                                .replaceWith(delivered + (result.delivered() ? 1 : 0))));
            }
            return chain;
        });
    }
}
