package io.eer.audit.insight.application;

import io.eer.audit.insight.infra.out.AlertNotifications;
import io.eer.support.notify.NotificationDelivery;
import io.eer.support.poll.DueWork;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Posts queued alerts to the SOC webhook (job {@value #JOB}) with service-support's {@code NotificationQueue}, away
 * from the ledger path: leased in the claiming transaction, posted signed with no transaction open, each outcome
 * recorded in a transaction of its own; at-least-once (the alert id is in the body). service-support's
 * {@code NotificationPollers} starts it (every {@code eer.soc.webhook.poll-interval}).
 */
@ApplicationScoped
public class DeliverAlertWebhooks implements NotificationDelivery {

    public static final String JOB = "audit-alert-webhook";

    private final AlertNotifications notifications;

    DeliverAlertWebhooks(AlertNotifications notifications) {
        this.notifications = notifications;
    }

    /** The poller's work, when alerts may be posted (a URL, and a secret unless unsigned posts are allowed). */
    @Override
    public Optional<DueWork> work() {
        return notifications.delivery(JOB);
    }
}
