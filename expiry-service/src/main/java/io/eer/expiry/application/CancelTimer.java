package io.eer.expiry.application;

import io.eer.expiry.domain.GrantId;
import io.eer.expiry.domain.TimerCommand.Cancel;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/**
 * Disarms a grant's timer when its access was revoked before the deadline, so it never fires. Racing the poller is
 * settled by the aggregate version: whichever commits first wins, the other is rerun and finds the timer fired (and
 * leaves it) or cancelled (and fires nothing). Call inside a transaction.
 */
@ApplicationScoped
public class CancelTimer {

    private static final Logger LOG = Logger.getLogger(CancelTimer.class);

    private final TimerCommands timers;
    private final Clock clock;

    CancelTimer(TimerCommands timers, Clock clock) {
        this.timers = timers;
        this.clock = clock;
    }

    public Uni<Void> execute(String grantId, String requestId, String reason) {
        if (grantId == null || grantId.isBlank()) {
            throw new IllegalArgumentException("AccessRevoked for request " + requestId + " has no grantId");
        }
        GrantId grant = new GrantId(grantId);
        return timers.execute(grant, new Cancel(clock.instant().truncatedTo(ChronoUnit.MICROS), reason))
                .invoke(executed -> {
                    if (executed.decision().refused()) {
                        // same topic and key as its AccessGranted, so that one came first: a grant never armed here
                        LOG.warnf("AccessRevoked for grant %s, which has no timer; nothing to cancel", grant);
                    }
                }).replaceWithVoid();
    }
}
