package io.eer.audit.insight.infra.in;

import io.eer.audit.insight.application.GapAlerts;
import io.eer.support.poll.DuePollers;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Starts insight's due-row work on service-support's due-work poller (the scheduler starts halted; SchedulerGate opens
 * it once messaging is wired): overdue sequence gaps (job {@value GapAlerts#JOB}, every
 * {@code eer.audit.gap-check-interval}). The alert webhook's deliveries ({@code DeliverAlertWebhooks}) are a
 * {@code NotificationDelivery}, started by service-support's {@code NotificationPollers}.
 */
@ApplicationScoped
public class InsightPollers {

    private final DuePollers pollers;
    private final GapAlerts gapAlerts;

    InsightPollers(DuePollers pollers, GapAlerts gapAlerts) {
        this.pollers = pollers;
        this.gapAlerts = gapAlerts;
    }

    void start(@Observes StartupEvent event) {
        pollers.start(gapAlerts.work());
    }
}
