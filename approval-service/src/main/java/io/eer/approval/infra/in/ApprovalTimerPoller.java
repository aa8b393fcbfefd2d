package io.eer.approval.infra.in;

import io.eer.approval.application.ApprovalTimerAlarms;
import io.eer.approval.application.FireApprovalTimers;
import io.eer.approval.config.ApprovalSettings;
import io.eer.support.poll.DuePollers;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Starts service-support's due-work poller for approval timers (decision deadlines per escalation level, request
 * validity; job {@value FireApprovalTimers#JOB}) every {@code eer.approval.timer-poll-interval}, batches of
 * {@code eer.approval.timer-batch-size}, the backstop of the in-memory wake-ups ({@link ApprovalTimerAlarms}), which
 * it re-arms from the table every {@code eer.approval.timer-arm-every}. The scheduler starts halted; service-support's
 * SchedulerGate opens it once messaging is wired, so the first poll fires whatever fell due while the service was
 * down, and the first re-arm follows a second later.
 */
@ApplicationScoped
public class ApprovalTimerPoller {

    public static final String JOB = FireApprovalTimers.JOB;
    private static final Logger LOG = Logger.getLogger(ApprovalTimerPoller.class);

    private final DuePollers pollers;
    private final FireApprovalTimers fireApprovalTimers;
    private final ApprovalTimerAlarms alarms;
    private final ApprovalSettings settings;

    ApprovalTimerPoller(DuePollers pollers, FireApprovalTimers fireApprovalTimers, ApprovalTimerAlarms alarms,
            ApprovalSettings settings) {
        this.pollers = pollers;
        this.fireApprovalTimers = fireApprovalTimers;
        this.alarms = alarms;
        this.settings = settings;
    }

    void start(@Observes StartupEvent event) {
        pollers.start(fireApprovalTimers.work(settings.timerPollInterval(), settings.timerBatchSize()));
    }

    @Scheduled(every = "${eer.approval.timer-arm-every}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> rearm() {
        return alarms.rearm()
                .onFailure().invoke(e -> LOG.debugf("re-arming approval deadlines failed (the poll fires them"
                        + " meanwhile): %s", e.toString()))
                .onFailure().recoverWithNull();
    }
}
