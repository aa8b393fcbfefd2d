package io.eer.expiry.infra.in;

import io.eer.expiry.application.UpcomingDeadlines;
import io.eer.expiry.config.ExpirySettings;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Arms an in-memory wake-up ({@code DuePoller.wakeAt}) for each deadline due within {@link ExpirySettings#armHorizon()};
 * when it goes off it wakes the due-work poller, which fires the timer from the table with the usual single-firing
 * guarantee (claim with SKIP LOCKED, decide on the aggregate's events). Nothing is decided here, so a timer armed
 * twice, armed on two instances, or armed for a timer cancelled since only causes an extra poll. Lost at a crash by
 * design: on start, and every {@code eer.expiry.arm-every}, the deadlines within the horizon are re-armed from the
 * table; the poll stays the backstop.
 */
@ApplicationScoped
public class TimerArming {

    private static final Logger LOG = Logger.getLogger(TimerArming.class);

    private final ExpiryPoller poller;
    private final UpcomingDeadlines upcoming;
    private final Duration horizon;

    TimerArming(ExpiryPoller poller, UpcomingDeadlines upcoming, ExpirySettings settings) {
        this.poller = poller;
        this.upcoming = upcoming;
        this.horizon = settings.armHorizon();
    }

    /** Wakes the poller at {@code deadline} if it falls within the horizon; later ones are armed by the re-arm job. */
    public void arm(Instant deadline) {
        poller.wakeAt(deadline, horizon);
    }

    /** First run one second after the scheduler opens (SchedulerGate), i.e. right after a start. */
    @Scheduled(every = "${eer.expiry.arm-every}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> rearm() {
        return upcoming.within(horizon)
                .invoke(deadlines -> deadlines.forEach(this::arm))
                .onFailure().invoke(e -> LOG.debugf("re-arming deadlines failed (the poll fires them meanwhile): %s",
                        e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Wake-ups armed and not yet gone off. */
    public int armedCount() {
        return poller.armedCount();
    }
}
