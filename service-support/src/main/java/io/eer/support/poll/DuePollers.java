package io.eer.support.poll;

import io.eer.support.resilience.ResilienceSettings;
import io.quarkus.scheduler.Scheduler;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    private final Map<String, DuePoller> started = new ConcurrentHashMap<>();

    DuePollers(Scheduler scheduler, Vertx vertx, Clock clock, ResilienceSettings resilience) {
        this.scheduler = scheduler;
        this.vertx = vertx;
        this.clock = clock;
        this.resilience = resilience;
    }

    public DuePoller start(DueWork work) {
        DuePoller poller = new DuePoller(work, scheduler, vertx, clock, resilience.pollDeadline());
        poller.schedule();
        started.put(work.name(), poller);
        LOG.infof("%s: polling %s every %s, batches of up to %d", work.name(), work.table(), work.interval(),
                work.batchSize());
        return poller;
    }

    /**
     * Wakes the poller of job {@code name} at {@code deadline} if it is within {@code horizon}
     * ({@link DuePoller#wakeAt}); nothing if it has not started (its first poll, right after the start, takes
     * whatever is due by then).
     */
    public void wakeAt(String name, Instant deadline, Duration horizon) {
        DuePoller poller = started.get(name);
        if (poller != null) {
            poller.wakeAt(deadline, horizon);
        }
    }
}
