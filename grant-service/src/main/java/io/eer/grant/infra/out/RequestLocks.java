package io.eer.grant.infra.out;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Serialises the work on one request across consumers: {@code Approved} (eer.approvals) and {@code RequestCancelled}
 * (eer.requests) arrive on different topics, in any order and possibly at once; a transaction-scoped advisory lock
 * on the request id makes one wait for the other, so a cancellation can never miss a grant being provisioned.
 */
@ApplicationScoped
public class RequestLocks {

    /** Holds the request's lock until the caller's transaction ends. */
    public Uni<Void> lock(String requestId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select 1 from pg_advisory_xact_lock(hashtext(?1))", Integer.class)
                .setParameter(1, "request:" + requestId)
                .getSingleResult()).replaceWithVoid();
    }

    /** Takes the request's lock if nobody holds it (false: a provisioning or cancellation of it is in flight). */
    public Uni<Boolean> tryLock(String requestId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select pg_try_advisory_xact_lock(hashtext(?1))", Boolean.class)
                .setParameter(1, "request:" + requestId)
                .getSingleResult());
    }

    /** Serialises the session actions of one grant (their stream's versions follow each other). */
    public Uni<Void> lockActions(String grantId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select 1 from pg_advisory_xact_lock(hashtext(?1))", Integer.class)
                .setParameter(1, "actions:" + grantId)
                .getSingleResult()).replaceWithVoid();
    }

    /** The number of events stored for {@code aggregateId} (its version). */
    public Uni<Long> version(String aggregateId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select coalesce(max(version), 0) from domain_event where aggregate_id = ?1",
                        Long.class)
                .setParameter(1, aggregateId)
                .getSingleResult());
    }
}
