package io.eer.approval.application;

import io.eer.approval.infra.out.ApproverWebhook;
import io.eer.approval.infra.out.NotificationQueue;
import io.eer.support.webhook.WebhookSender;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Posts the due approver notifications: claims them in one short transaction, posts each with NO transaction open
 * ({@link WebhookSender}: signed, timed out, quick retries), and records each result in its own transaction. A crash
 * after a post and before its record leaves it to be posted again when the lease ends: at-least-once.
 */
@ApplicationScoped
public class DeliverNotifications {

    private final NotificationQueue queue;
    private final ApproverWebhook webhook;

    DeliverNotifications(NotificationQueue queue, ApproverWebhook webhook) {
        this.queue = queue;
        this.webhook = webhook;
    }

    /** One round; the number of notifications delivered. */
    public Uni<Integer> execute() {
        if (webhook.sender().isEmpty()) {
            return Uni.createFrom().item(0);
        }
        WebhookSender sender = webhook.sender().get();
        Context context = Vertx.currentContext();
        // the lease outlasts the longest a post can take, so no other instance claims it meanwhile
        Duration lease = sender.worstCase().plusSeconds(5);
        return queue.claim(lease).chain(claimed -> {
            Uni<Integer> chain = Uni.createFrom().item(0);
            for (NotificationQueue.Claimed notification : claimed) {
                chain = chain.chain(delivered -> sender.post(notification.payload().getBytes(StandardCharsets.UTF_8))
                        // the HTTP client may complete elsewhere; the reactive session belongs to this context
                        .emitOn(task -> context.runOnContext(ignored -> task.run()))
                        .chain(result -> queue.record(notification.id(), result instanceof WebhookSender.Result.Failed
                                failed ? failed.error() : null)
                                .replaceWith(delivered + (result.delivered() ? 1 : 0))));
            }
            return chain;
        });
    }
}
