package io.eer.grant.application;

import io.eer.contracts.events.RequestCancelled;
import io.eer.contracts.events.Values.RevocationReason;
import io.eer.grant.domain.GrantStatus;
import io.eer.grant.infra.RequestLocks;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * A cancelled request loses its access: a live grant is revoked with reason {@code REQUEST_CANCELLED} (the same
 * revocation as at expiry: sessions ended, login dropped, {@code AccessRevoked}, and expiry-service disarms the
 * timer), and the cancellation is remembered so that an {@code Approved} arriving later provisions nothing.
 * Call inside a transaction.
 */
@ApplicationScoped
public class CancelGrant {

    private static final Logger LOG = Logger.getLogger(CancelGrant.class);

    private final RequestLocks locks;
    private final RevokeAccess revokeAccess;
    private final Clock clock;

    CancelGrant(RequestLocks locks, RevokeAccess revokeAccess, Clock clock) {
        this.locks = locks;
        this.revokeAccess = revokeAccess;
        this.clock = clock;
    }

    public Uni<Void> execute(RequestCancelled cancelled) {
        String requestId = cancelled.requestId();
        return locks.lock(requestId)
                .chain(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                                insert into cancelled_request (request_id, cancelled_by, reason, cancelled_at)
                                values (?1, ?2, ?3, ?4) on conflict (request_id) do nothing""")
                        .setParameter(1, requestId)
                        .setParameter(2, cancelled.by() == null ? "" : cancelled.by())
                        .setParameter(3, cancelled.reason())
                        .setParameter(4, clock.instant())
                        .executeUpdate()))
                // only the id: RevokeAccess loads and locks the entity itself (locking an entity already in the
                // session makes Hibernate Reactive issue a lock statement that names the field, not the column)
                .chain(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                                "select grant_id from grant_view where request_id = ?1 and status = ?2", String.class)
                        .setParameter(1, requestId)
                        .setParameter(2, GrantStatus.ACTIVE.name())
                        .getResultList()))
                .chain(active -> {
                    if (active.isEmpty()) {
                        LOG.infof("request %s cancelled by %s: no active grant to revoke; none will be provisioned",
                                requestId, cancelled.by());
                        return Uni.createFrom().voidItem();
                    }
                    LOG.infof("request %s cancelled by %s: revoking grant %s", requestId, cancelled.by(),
                            active.get(0));
                    return revokeAccess.execute(active.get(0), RevocationReason.REQUEST_CANCELLED);
                });
    }
}
