package io.eer.expiry.application;

import io.eer.expiry.domain.GrantId;
import io.eer.expiry.domain.TimerCommand.Fire;
import io.eer.expiry.projection.TimerView;
import io.eer.support.decider.Decision;
import io.eer.support.poll.DueWork;
import io.eer.expiry.domain.TimerEvent;
import io.eer.support.observability.Tracing;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Fires the timers whose deadline has come: the due-work poller claims due rows of the {@link TimerView} projection
 * ({@code FOR UPDATE SKIP LOCKED}) and, in the same transaction, {@link #fire} decides {@code Fire} on the timer's
 * events, stores {@code AccessExpired} (event log + outbox) and marks the row fired. A timer fires at most once: its
 * row leaves "due" with the event's commit, and the event log's unique {@code (aggregate_id, version)} makes a second
 * firing by a racing instance fail and, rerun, decide nothing. Timers that fell due while the service was down are
 * simply due on the first poll.
 */
@ApplicationScoped
public class FireDueTimers {

    public static final String JOB = "expiry-poll";

    private static final Logger LOG = Logger.getLogger(FireDueTimers.class);

    private final TimerCommands timers;
    private final Clock clock;
    private final Tracing tracing;

    FireDueTimers(TimerCommands timers, Clock clock, Tracing tracing) {
        this.timers = timers;
        this.clock = clock;
        this.tracing = tracing;
    }

    /** What the poller runs (in infra.in): due rows of the timer projection, fired one by one. */
    public DueWork work(Duration interval, int batchSize) {
        return new DueWork(JOB, TimerView.TABLE, TimerView.KEY, TimerView.DUE, TimerView.ORDER, interval, batchSize,
                this::fire);
    }

    /**
     * Fires one timer now, inside the poller's transaction, in a span that continues the trace of the grant that
     * armed it: {@code AccessExpired} carries that trace, and so does the revocation it causes.
     */
    public Uni<Void> fire(String grantId) {
        return TimerView.<TimerView>findById(grantId).chain(row -> tracing.continueTrace("expire grant",
                Optional.ofNullable(row == null ? null : row.traceparent), row == null ? null : row.requestId,
                () -> fireNow(grantId)));
    }

    private Uni<Void> fireNow(String grantId) {
        // PostgreSQL keeps microseconds: firedAt in the event is then exactly what the row stores
        Fire command = new Fire(clock.instant().truncatedTo(ChronoUnit.MICROS));
        return timers.execute(new GrantId(grantId), command).invoke(executed -> {
            if (executed.decision() instanceof Decision.Refused<?> refused) {
                // the projection says due, the events say otherwise: leave the row due and say so
                throw new IllegalStateException("timer " + grantId + " not fired: " + refused.rule().rule() + ", "
                        + refused.detail());
            }
            executed.decision().events().forEach(fired -> {
                if (fired instanceof TimerEvent.TimerFired f) {
                    LOG.infof("grant %s expired, %d ms after its deadline", f.grantId(), f.latenessMillis());
                }
            });
        }).replaceWithVoid();
    }
}
