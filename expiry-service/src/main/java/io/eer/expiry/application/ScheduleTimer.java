package io.eer.expiry.application;

import io.eer.expiry.domain.GrantId;
import io.eer.expiry.domain.RequestId;
import io.eer.expiry.domain.TimerCommand.Schedule;
import io.eer.support.observability.Traceparent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/**
 * Arms the timer of a new grant. A grant has one timer: a second {@code AccessGranted} for the same grant (a replay
 * with a new event id) keeps the first deadline, so the grant still expires exactly once. A grant without grant id,
 * request id or deadline is refused with {@code IllegalArgumentException} (a poison event). Call inside a transaction.
 */
@ApplicationScoped
public class ScheduleTimer {

    private static final Logger LOG = Logger.getLogger(ScheduleTimer.class);

    private final TimerCommands timers;
    private final Clock clock;

    ScheduleTimer(TimerCommands timers, Clock clock) {
        this.timers = timers;
        this.clock = clock;
    }

    public Uni<Void> execute(String grantId, String requestId, Instant expiresAt) {
        GrantId grant = new GrantId(grantId);
        // the trace the grant arrived in (the consumer's span), kept with the timer: the firing continues it
        Schedule command = new Schedule(grant, new RequestId(requestId), expiresAt,
                clock.instant().truncatedTo(ChronoUnit.MICROS), Traceparent.current().orElse(null));
        return timers.execute(grant, command).invoke(executed -> {
            if (executed.decision().events().isEmpty()) {
                LOG.infof("grant %s already has a timer; the first deadline stays", grant);
            }
        }).replaceWithVoid();
    }
}
