package io.eer.approval.application;

import io.eer.approval.config.ApprovalSettings;
import io.eer.approval.infra.out.ApproverWebhook;
import io.eer.approval.infra.out.NotificationQueue;
import io.eer.support.poll.DueWork;
import io.eer.support.webhook.WebhookSender;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Posts the due notifications on service-support's due-work poller (job {@value #JOB}): the poller claims due rows
 * ({@code FOR UPDATE SKIP LOCKED}) and {@link NotificationQueue#lease leases} each in the claiming transaction; once
 * that committed, each is posted with NO transaction open ({@link WebhookSender}: signed, timed out, quick retries)
 * and its result recorded in a transaction of its own. A crash after a post and before its record leaves it to be
 * posted again when the lease ends: at-least-once.
 */
@ApplicationScoped
public class DeliverNotifications {

    public static final String JOB = "approval-webhook";
    /** Rows leased per claim; they are posted one after the other after the commit. */
    static final int BATCH = 20;

    private final NotificationQueue queue;
    private final ApproverWebhook webhook;
    private final ApprovalSettings settings;

    DeliverNotifications(NotificationQueue queue, ApproverWebhook webhook, ApprovalSettings settings) {
        this.queue = queue;
        this.webhook = webhook;
        this.settings = settings;
    }

    /** What the poller runs (in infra.in); empty when nothing may be posted (no URL, or no secret for it). */
    public Optional<DueWork> work() {
        return webhook.sender().map(sender -> {
            // the lease outlasts the longest a post can take, so no other instance claims it meanwhile
            Duration lease = sender.worstCase().plusSeconds(5);
            return new DueWork(JOB, NotificationQueue.TABLE, NotificationQueue.KEY, NotificationQueue.DUE,
                    NotificationQueue.ORDER, settings.webhook().pollInterval(), BATCH,
                    key -> queue.lease(key, lease), key -> post(sender, key));
        });
    }

    /** Posts one leased notification and records the result; after the claim committed, no transaction open. */
    Uni<Void> post(WebhookSender sender, String key) {
        Context context = Vertx.currentContext();
        return queue.leased(key).chain(leased -> leased == null ? Uni.createFrom().voidItem()
                : sender.post(leased.payload().getBytes(StandardCharsets.UTF_8))
                        // the HTTP client may complete elsewhere; the reactive session belongs to this context
                        .emitOn(task -> {
                            if (context == null) {
                                task.run();
                            } else {
                                context.runOnContext(ignored -> task.run());
                            }
                        })
                        .chain(result -> queue.record(leased.id(),
                                result instanceof WebhookSender.Result.Failed failed ? failed.error() : null)));
    }
}
