package io.eer.approval.infra.in;

import io.eer.approval.application.FireApprovalTimers;
import io.eer.approval.config.ApprovalSettings;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Polls for due approval timers (decision deadlines per escalation level, request validity) every
 * {@code eer.approval.timer-poll-interval}. The scheduler starts once messaging is wired (service-support's
 * SchedulerGate), so the first poll fires whatever fell due while the service was down.
 */
@ApplicationScoped
public class ApprovalTimerPoller {

    public static final String JOB = "approval-timers";
    private static final Logger LOG = Logger.getLogger(ApprovalTimerPoller.class);

    private final FireApprovalTimers fireApprovalTimers;
    private final ApprovalSettings settings;

    ApprovalTimerPoller(FireApprovalTimers fireApprovalTimers, ApprovalSettings settings) {
        this.fireApprovalTimers = fireApprovalTimers;
        this.settings = settings;
    }

    @Scheduled(identity = JOB, every = "${eer.approval.timer-poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        return fireApprovalTimers.execute()
                .invoke(fired -> {
                    if (fired > 0) {
                        LOG.debugf("%d approval timer(s) fired", fired);
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("approval timer poll failed, the next poll retries: %s",
                        e.getClass().getSimpleName()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    void start(@Observes StartupEvent event) {
        LOG.infof("approval timers: polled every %s", settings.timerPollInterval());
    }
}
