package io.eer.audit.insight.infra.in;

import io.eer.audit.insight.application.Projector;
import io.eer.audit.ledger.domain.LedgerAppended;
import io.eer.support.poll.WakeableJob;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Runs the {@link Projector}: woken the moment a ledger append commits ({@link LedgerAppended}), with
 * {@code eer.projection.poll-interval} as the backstop (and for appends by another instance). Not due-row work (the
 * projector follows the ledger by index from its position row), so not a {@code DuePoller}: a
 * {@link WakeableJob}, one runner per instance, batch after batch while they come full.
 */
@ApplicationScoped
public class ProjectionTrigger {

    static final String JOB = "audit-projector";

    private final Scheduler scheduler;
    private final WakeableJob job;

    ProjectionTrigger(Projector projector, Scheduler scheduler, Vertx vertx) {
        this.scheduler = scheduler;
        this.job = new WakeableJob(JOB, vertx, projector::follow);
    }

    @Scheduled(identity = JOB, every = "${eer.projection.poll-interval:0.2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        return job.run();
    }

    void onAppended(@Observes LedgerAppended appended) {
        if (scheduler.isRunning() && !scheduler.isPaused(JOB)) { // halted until messaging is wired (SchedulerGate)
            job.wake();
        }
    }
}
