package io.eer.approval.infra.in;

import io.eer.approval.application.FireApprovalTimers;
import io.eer.approval.config.ApprovalSettings;
import io.eer.support.poll.DuePollers;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Starts service-support's due-work poller for approval timers (decision deadlines per escalation level, request
 * validity; job {@value FireApprovalTimers#JOB}) every {@code eer.approval.timer-poll-interval}, batches of
 * {@code eer.approval.timer-batch-size}. The scheduler starts halted; service-support's SchedulerGate opens it once
 * messaging is wired, so the first poll fires whatever fell due while the service was down.
 */
@ApplicationScoped
public class ApprovalTimerPoller {

    public static final String JOB = FireApprovalTimers.JOB;

    private final DuePollers pollers;
    private final FireApprovalTimers fireApprovalTimers;
    private final ApprovalSettings settings;

    ApprovalTimerPoller(DuePollers pollers, FireApprovalTimers fireApprovalTimers, ApprovalSettings settings) {
        this.pollers = pollers;
        this.fireApprovalTimers = fireApprovalTimers;
        this.settings = settings;
    }

    void start(@Observes StartupEvent event) {
        pollers.start(fireApprovalTimers.work(settings.timerPollInterval(), settings.timerBatchSize()));
    }
}
