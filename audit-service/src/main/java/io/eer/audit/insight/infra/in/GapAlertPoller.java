package io.eer.audit.insight.infra.in;

import io.eer.audit.insight.application.GapAlerts;
import io.eer.support.poll.DuePollers;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Starts service-support's due-work poller for overdue sequence gaps (job {@value GapAlerts#JOB}) every
 * {@code eer.audit.gap-check-interval}; the scheduler starts halted and SchedulerGate opens it once messaging is
 * wired.
 */
@ApplicationScoped
public class GapAlertPoller {

    private final DuePollers pollers;
    private final GapAlerts gapAlerts;

    GapAlertPoller(DuePollers pollers, GapAlerts gapAlerts) {
        this.pollers = pollers;
        this.gapAlerts = gapAlerts;
    }

    void start(@Observes StartupEvent event) {
        pollers.start(gapAlerts.work());
    }
}
