package io.eer.expiry.application;

import io.eer.contracts.events.AccessRevoked;
import io.eer.expiry.projection.TimerView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Disarms a grant's timer when its access was revoked before the deadline, so it never fires. The row is read
 * {@code FOR UPDATE}: if the poller is firing it at this moment, this waits for that commit and then sees it fired
 * (and leaves it); if this runs first, the poller skips the locked row and finds it cancelled afterwards.
 * Call inside a transaction.
 */
@ApplicationScoped
public class CancelTimer {

    private static final Logger LOG = Logger.getLogger(CancelTimer.class);

    private final Clock clock;

    CancelTimer(Clock clock) {
        this.clock = clock;
    }

    public Uni<Void> execute(AccessRevoked revoked) {
        if (revoked.grantId() == null || revoked.grantId().isBlank()) {
            throw new IllegalArgumentException("AccessRevoked for request " + revoked.requestId() + " has no grantId");
        }
        return TimerView.<TimerView>findById(revoked.grantId(), LockModeType.PESSIMISTIC_WRITE).invoke(view -> {
            if (view == null) {
                // same topic and key as its AccessGranted, so that one came first: a grant this service never armed
                LOG.warnf("AccessRevoked for grant %s, which has no timer; nothing to cancel", revoked.grantId());
                return;
            }
            String reason = revoked.reason() == null ? null : revoked.reason().name();
            view.apply(view.toDomain().cancel(clock.instant(), reason));
        }).replaceWithVoid();
    }
}
