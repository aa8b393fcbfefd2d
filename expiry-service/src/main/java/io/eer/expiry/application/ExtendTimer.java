package io.eer.expiry.application;

import io.eer.expiry.domain.GrantId;
import io.eer.expiry.domain.TimerCommand.Extend;
import io.eer.expiry.domain.TimerEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Re-arms a grant's timer at the later deadline of an {@code AccessExtended}: the durable row moves in the same
 * transaction (the poller finds it due at the new deadline, not the old). A timer already fired or cancelled stays as
 * it is (it fires at most once); an extension of a grant without a timer is refused ({@code no-timer}) and logged.
 * Racing the poller is settled by the aggregate version, like a cancellation. Call inside a transaction.
 */
@ApplicationScoped
public class ExtendTimer {

    private static final Logger LOG = Logger.getLogger(ExtendTimer.class);

    private final TimerCommands timers;
    private final Clock clock;

    ExtendTimer(TimerCommands timers, Clock clock) {
        this.timers = timers;
        this.clock = clock;
    }

    /** The new deadline when the timer moved; empty when nothing changed. */
    public Uni<Optional<Instant>> execute(String grantId, String requestId, Instant expiresAt) {
        if (grantId == null || grantId.isBlank()) {
            throw new IllegalArgumentException("AccessExtended for request " + requestId + " has no grantId");
        }
        GrantId grant = new GrantId(grantId);
        return timers.execute(grant, new Extend(expiresAt, clock.instant().truncatedTo(ChronoUnit.MICROS)))
                .map(executed -> {
                    if (executed.decision().refused()) {
                        LOG.warnf("AccessExtended for grant %s, which has no timer; nothing to re-arm", grant);
                        return Optional.<Instant>empty();
                    }
                    return executed.decision().events().stream()
                            .filter(TimerEvent.TimerExtended.class::isInstance)
                            .map(event -> ((TimerEvent.TimerExtended) event).deadline())
                            .findFirst();
                });
    }
}
