package io.eer.grant.infra.in;

import io.eer.grant.application.ReconcileLogins;
import io.eer.grant.application.SweepRevocations;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The grant service's own timers (Quartz; they start once messaging is wired, service-support's SchedulerGate):
 * the revocation sweeper (access ends even if {@code AccessExpired} never arrives; failed revocations are retried)
 * and the login reconciler (no login on a target outlives its grant's record). Both run at start and then every
 * {@code eer.grant.sweeper.interval} / {@code eer.grant.reconciler.interval}.
 */
@ApplicationScoped
public class GrantJobs {

    private static final Logger LOG = Logger.getLogger(GrantJobs.class);

    private final SweepRevocations sweepRevocations;
    private final ReconcileLogins reconcileLogins;

    GrantJobs(SweepRevocations sweepRevocations, ReconcileLogins reconcileLogins) {
        this.sweepRevocations = sweepRevocations;
        this.reconcileLogins = reconcileLogins;
    }

    @Scheduled(identity = "grant-revocation-sweeper", every = "${eer.grant.sweeper.interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return sweepRevocations.execute()
                .onFailure().invoke(e -> LOG.warnf("revocation sweep failed, the next round retries: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
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
