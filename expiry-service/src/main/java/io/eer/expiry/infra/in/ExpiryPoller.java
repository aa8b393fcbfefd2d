package io.eer.expiry.infra.in;

import io.eer.expiry.application.FireDueTimers;
import io.eer.expiry.config.ExpirySettings;
import io.eer.support.poll.DuePoller;
import io.eer.support.poll.DuePollers;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;

/**
 * Starts the due-work poller for timers (job {@value FireDueTimers#JOB}) every {@code eer.expiry.poll-interval}. The
 * scheduler starts halted; service-support's SchedulerGate opens it once messaging is wired, and the first poll then
 * fires whatever fell due while the service was down. Out-of-range settings stop the start.
 */
@ApplicationScoped
public class ExpiryPoller {

    public static final String JOB = FireDueTimers.JOB;

    private final DuePollers pollers;
    private final FireDueTimers fireDueTimers;
    private final ExpirySettings settings;
    private volatile DuePoller poller;

    ExpiryPoller(DuePollers pollers, FireDueTimers fireDueTimers, ExpirySettings settings) {
        this.pollers = pollers;
        this.fireDueTimers = fireDueTimers;
        this.settings = settings;
    }

    void start(@Observes StartupEvent event) {
        poller = pollers.start(fireDueTimers.work(settings.pollInterval(), settings.batchSize()));
    }

    /** Polls now (after a commit that made a timer due), unless the scheduler or the job is paused. */
    public void wake() {
        DuePoller current = poller;
        if (current != null) {
            current.wake();
        }
    }

    /** Polls at {@code deadline} if within {@code horizon} ({@link DuePoller#wakeAt}); nothing before the start. */
    public void wakeAt(Instant deadline, Duration horizon) {
        DuePoller current = poller;
        if (current != null) {
            current.wakeAt(deadline, horizon);
        }
    }

    /** Wake-ups armed and not yet gone off. */
    public int armedCount() {
        DuePoller current = poller;
        return current == null ? 0 : current.armedCount();
    }
}
