package io.eer.support.poll;

import io.eer.support.resilience.ResilienceSettings;
import io.quarkus.scheduler.Scheduler;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Creates and schedules {@link DuePoller}s. Call {@link #start} from a {@code StartupEvent} observer (the scheduler
 * starts halted; {@code SchedulerGate} opens it after messaging is wired, so the first poll follows then).
 */
@ApplicationScoped
public class DuePollers {

    private static final Logger LOG = Logger.getLogger(DuePollers.class);

    private final Scheduler scheduler;
    private final Vertx vertx;
    private final Clock clock;
    private final ResilienceSettings resilience;

    DuePollers(Scheduler scheduler, Vertx vertx, Clock clock, ResilienceSettings resilience) {
        this.scheduler = scheduler;
        this.vertx = vertx;
        this.clock = clock;
        this.resilience = resilience;
    }

    public DuePoller start(DueWork work) {
        DuePoller poller = new DuePoller(work, scheduler, vertx, clock, resilience.pollDeadline());
        poller.schedule();
        LOG.infof("%s: polling %s every %s, batches of up to %d", work.name(), work.table(), work.interval(),
                work.batchSize());
        return poller;
    }
}
