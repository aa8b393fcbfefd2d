package io.eer.grant.application;

import io.eer.contracts.events.RequestCancelled;
import io.eer.grant.domain.GrantCommand.Cancel;
import io.eer.grant.domain.GrantStatus;
import io.eer.grant.domain.RequestId;
import io.eer.grant.domain.RevocationReason;
import io.eer.grant.infra.out.RequestLocks;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/**
 * A cancelled request loses its access: the cancellation is recorded in the request's grant aggregate (so an
 * {@code Approved} arriving later provisions nothing), and a live grant is revoked with reason
 * {@code REQUEST_CANCELLED} (the same revocation as at expiry). Call inside a transaction.
 */
@ApplicationScoped
public class CancelGrant {

    private static final Logger LOG = Logger.getLogger(CancelGrant.class);

    private final Grants grants;
    private final RequestLocks locks;
    private final RevokeAccess revokeAccess;
    private final Clock clock;

    CancelGrant(Grants grants, RequestLocks locks, RevokeAccess revokeAccess, Clock clock) {
        this.grants = grants;
        this.locks = locks;
        this.revokeAccess = revokeAccess;
        this.clock = clock;
    }

    public Uni<Void> execute(RequestCancelled cancelled) {
        RequestId requestId = new RequestId(cancelled.requestId());
        return locks.lock(requestId.value())
                .chain(() -> grants.execute(requestId, new Cancel(requestId, cancelled.by() == null ? ""
                        : cancelled.by(), cancelled.reason(), clock.instant().truncatedTo(ChronoUnit.MILLIS))))
                .chain(() -> grants.state(requestId))
                .chain(state -> {
                    if (state.status() != GrantStatus.ACTIVE) {
                        LOG.infof("request %s cancelled by %s: no active grant to revoke; none will be provisioned",
                                requestId, cancelled.by());
                        return Uni.createFrom().voidItem();
                    }
                    LOG.infof("request %s cancelled by %s: revoking grant %s", requestId, cancelled.by(),
                            state.grantId());
                    return revokeAccess.execute(requestId.value(), state.grantId().value(),
                            RevocationReason.REQUEST_CANCELLED);
                });
    }
}
