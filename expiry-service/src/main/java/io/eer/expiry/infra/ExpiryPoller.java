package io.eer.expiry.infra;

import io.eer.expiry.application.FireDueTimers;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Polls for due timers every {@code eer.expiry.poll-interval}, starting right at start-up, so timers that fell due
 * while the service was down fire at once (their lateness says how late). Non-blocking: runs on a Vert.x context
 * with the reactive session. Quartz runs it (the simple scheduler checks its triggers only once a second).
 */
@ApplicationScoped
public class ExpiryPoller {

    public static final String JOB = "expiry-poll";
    private static final Logger LOG = Logger.getLogger(ExpiryPoller.class);

    private final FireDueTimers fireDueTimers;
    private final ExpirySettings settings;
    private final AtomicBoolean first = new AtomicBoolean(true);

    ExpiryPoller(FireDueTimers fireDueTimers, ExpirySettings settings) {
        this.fireDueTimers = fireDueTimers;
        this.settings = settings;
    }

    @Scheduled(identity = JOB, every = "${eer.expiry.poll-interval:100ms}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        return fireDueTimers.execute()
                .invoke(fired -> {
                    if (first.compareAndSet(true, false)) {
                        LOG.infof("first expiry poll since start: %d overdue timer(s) fired", fired);
                    } else if (fired > 0) {
                        LOG.debugf("fired %d timer(s)", fired);
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("expiry poll failed, the next poll retries: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * Checks the settings (out of range stops the start instead of a service that never fires). Service-support's
     * SchedulerGate then opens the scheduler; the first poll follows at once and fires whatever fell due while the
     * service was down.
     */
    void start(@Observes StartupEvent event) {
        if (settings.batchSize() < 1 || settings.batchSize() > 10_000) {
            throw new IllegalStateException("eer.expiry.batch-size must be 1..10000, is " + settings.batchSize());
        }
        if (settings.pollInterval().isNegative() || settings.pollInterval().isZero()) {
            throw new IllegalStateException("eer.expiry.poll-interval must be positive, is " + settings.pollInterval());
        }
        LOG.infof("expiry poller: every %s, batches of up to %d timers", settings.pollInterval(), settings.batchSize());
    }
}
