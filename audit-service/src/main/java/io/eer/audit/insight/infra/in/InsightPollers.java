package io.eer.audit.insight.infra.in;

import io.eer.audit.insight.application.DeliverAlertWebhooks;
import io.eer.audit.insight.application.GapAlerts;
import io.eer.support.poll.DuePollers;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Starts insight's due-row work on service-support's due-work poller (the scheduler starts halted; SchedulerGate opens
 * it once messaging is wired): overdue sequence gaps (job {@value GapAlerts#JOB}, every
 * {@code eer.audit.gap-check-interval}) and queued alert webhook deliveries (job {@value DeliverAlertWebhooks#JOB},
 * every {@code eer.soc.webhook.poll-interval}), the latter only when a webhook may be posted to; otherwise the
 * deliveries stay queued and nothing polls them.
 */
@ApplicationScoped
public class InsightPollers {

    private final DuePollers pollers;
    private final GapAlerts gapAlerts;
    private final DeliverAlertWebhooks deliverAlertWebhooks;

    InsightPollers(DuePollers pollers, GapAlerts gapAlerts, DeliverAlertWebhooks deliverAlertWebhooks) {
        this.pollers = pollers;
        this.gapAlerts = gapAlerts;
        this.deliverAlertWebhooks = deliverAlertWebhooks;
    }

    void start(@Observes StartupEvent event) {
        pollers.start(gapAlerts.work());
        deliverAlertWebhooks.work().ifPresent(pollers::start);
    }
}
