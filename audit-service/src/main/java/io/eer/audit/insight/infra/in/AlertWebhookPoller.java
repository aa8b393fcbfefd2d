package io.eer.audit.insight.infra.in;

import io.eer.audit.insight.application.DeliverAlertWebhooks;
import io.eer.support.poll.DuePollers;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Starts service-support's due-work poller for queued alert webhook deliveries (job
 * {@value DeliverAlertWebhooks#JOB}) every {@code eer.soc.webhook.poll-interval}, when a webhook is configured and
 * may be posted to; otherwise the deliveries stay queued and nothing polls them.
 */
@ApplicationScoped
public class AlertWebhookPoller {

    private final DuePollers pollers;
    private final DeliverAlertWebhooks deliver;

    AlertWebhookPoller(DuePollers pollers, DeliverAlertWebhooks deliver) {
        this.pollers = pollers;
        this.deliver = deliver;
    }

    void start(@Observes StartupEvent event) {
        deliver.work().ifPresent(pollers::start);
    }
}
