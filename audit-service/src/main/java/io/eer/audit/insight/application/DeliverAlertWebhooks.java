package io.eer.audit.insight.application;

import io.eer.audit.insight.config.SocSettings;
import io.eer.audit.insight.infra.out.AlertWebhook;
import io.eer.audit.insight.infra.out.AlertWebhookQueue;
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
 * Posts queued alerts to the SOC webhook, away from the ledger path and outside any database transaction: the
 * due-work poller claims due deliveries and {@link AlertWebhookQueue#lease leases} them in one short transaction;
 * after it commits each is posted ({@link WebhookSender}: signed over the exact bytes at each attempt, timed out),
 * and the outcome is recorded in a transaction of its own. A crash after a post and before its record posts it again
 * when the lease ends: at-least-once (the signature's timestamp and the alert id let a receiver spot a repeat).
 */
@ApplicationScoped
public class DeliverAlertWebhooks {

    public static final String JOB = "audit-alert-webhook";
    private static final int BATCH = 20;

    private final AlertWebhook webhook;
    private final AlertWebhookQueue queue;
    private final SocSettings settings;

    DeliverAlertWebhooks(AlertWebhook webhook, AlertWebhookQueue queue, SocSettings settings) {
        this.webhook = webhook;
        this.queue = queue;
        this.settings = settings;
    }

    /** The poller's work, when alerts may be posted (a URL, and a secret unless unsigned posts are allowed). */
    public Optional<DueWork> work() {
        return webhook.sender().map(sender -> {
            // the lease outlasts the longest a post can take, so no other instance claims the row meanwhile
            Duration lease = sender.worstCase().plusSeconds(5);
            return new DueWork(JOB, AlertWebhookQueue.TABLE, AlertWebhookQueue.KEY, AlertWebhookQueue.DUE,
                    AlertWebhookQueue.ORDER, settings.webhook().pollInterval(), BATCH,
                    id -> queue.lease(id, lease), id -> post(sender, id));
        });
    }

    /** After the claim committed: post one delivery, then record what came of it. */
    private Uni<Void> post(WebhookSender sender, String id) {
        Context context = Vertx.currentContext();
        return queue.body(id).chain(body -> body == null ? Uni.createFrom().voidItem()
                : sender.post(body.getBytes(StandardCharsets.UTF_8))
                        // the HTTP client may complete elsewhere; the reactive session belongs to this context
                        .emitOn(task -> context.runOnContext(ignored -> task.run()))
                        .chain(result -> queue.record(id, result instanceof WebhookSender.Result.Failed failed
                                ? failed.error() : null)));
    }
}
