package io.eer.grant.application;

import io.eer.grant.config.GrantSettings;
import io.eer.grant.infra.out.RequestLocks;
import io.eer.grant.projection.GrantView;
import io.eer.support.poll.DueWork;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Revokes, on its own, every ACTIVE grant whose deadline passed more than {@code eer.grant.sweeper.grace} ago (so
 * access ends even when expiry-service or its message is lost) and every grant whose failed revocation is due again.
 * Runs on service-support's due-work poller ({@link #work}): it claims due {@code grant_view} rows
 * ({@code FOR UPDATE SKIP LOCKED}) and revokes each in the claiming transaction through {@link RevokeAccess}, which
 * makes the row no longer due (REVOKED, or a failed attempt's {@code next_revocation_at} in the future) and skips a
 * grant already revoked: the sweeper and the expiry message never revoke twice.
 */
@ApplicationScoped
public class SweepRevocations {

    public static final String JOB = "grant-revocation-sweeper";

    private static final Logger LOG = Logger.getLogger(SweepRevocations.class);

    private final RevokeAccess revokeAccess;
    private final RequestLocks locks;
    private final GrantSettings settings;
    private final SharedAccess shared;

    SweepRevocations(RevokeAccess revokeAccess, RequestLocks locks, GrantSettings settings, SharedAccess shared) {
        this.revokeAccess = revokeAccess;
        this.locks = locks;
        this.settings = settings;
        this.shared = shared;
    }

    /** What the poller runs (in infra.in): due grant rows, revoked one after the other. */
    public DueWork work() {
        GrantSettings.Sweeper sweeper = settings.sweeper();
        return new DueWork(JOB, GrantView.TABLE, GrantView.REQUEST_KEY, GrantView.revocationDue(sweeper.grace()),
                GrantView.REVOCATION_ORDER, sweeper.interval(), sweeper.batchSize(), this::revoke);
    }

    /**
     * Revokes the grant of {@code requestId}, inside the poller's transaction, which holds the row's lock. Only if the
     * request's advisory lock is free: an expiry message or a cancellation that holds it takes the row lock after it
     * (when it records), so waiting for it here would deadlock. Its holder revokes the grant; should the grant still
     * be due afterwards, the next poll takes it.
     */
    public Uni<Void> revoke(String requestId) {
        return locks.tryLock(requestId).chain(free -> free ? shared.mayRevokeNow(requestId) : Uni.createFrom().item(false))
                .chain(free -> {
            if (!free) {
                LOG.debugf("revocation sweeper: request %s is being handled right now, left to the next poll", requestId);
                return Uni.createFrom().voidItem();
            }
            LOG.infof("revocation sweeper: request %s is past its deadline or due for another attempt", requestId);
            return revokeAccess.execute(requestId, null, null);
        });
    }
}
