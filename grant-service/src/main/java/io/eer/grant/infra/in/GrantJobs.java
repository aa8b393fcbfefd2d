package io.eer.grant.infra.in;

import io.eer.grant.application.ReconcileLogins;
import io.eer.grant.application.SweepRevocations;
import io.eer.support.poll.DuePollers;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * The grant service's own timers (they start once messaging is wired, service-support's SchedulerGate): the
 * revocation sweeper (job {@value SweepRevocations#JOB}; access ends even if {@code AccessExpired} never arrives;
 * failed revocations are retried), a due-work poller every {@code eer.grant.sweeper.interval}; and the login
 * reconciler (no login on a target outlives its grant's record) every {@code eer.grant.reconciler.interval}, which
 * looks at the targets, not at due rows, so it stays a plain scheduled job.
 */
@ApplicationScoped
public class GrantJobs {

    private static final Logger LOG = Logger.getLogger(GrantJobs.class);

    private final DuePollers pollers;
    private final SweepRevocations sweepRevocations;
    private final ReconcileLogins reconcileLogins;

    GrantJobs(DuePollers pollers, SweepRevocations sweepRevocations, ReconcileLogins reconcileLogins) {
        this.pollers = pollers;
        this.sweepRevocations = sweepRevocations;
        this.reconcileLogins = reconcileLogins;
    }

    void start(@Observes StartupEvent event) {
        pollers.start(sweepRevocations.work());
    }

    @Scheduled(identity = "grant-login-reconciler", every = "${eer.grant.reconciler.interval:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reconcile() {
        return reconcileLogins.execute()
                .onFailure().invoke(e -> LOG.warnf("login reconciliation failed, the next round retries: %s",
                        e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
