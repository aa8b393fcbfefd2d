package io.eer.grant.infra.out;

import io.eer.support.persistence.AdvisoryLocks;
import io.eer.support.persistence.Sql;
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
        return AdvisoryLocks.lock("request:" + requestId);
    }

    /** Takes the request's lock if nobody holds it (false: a provisioning or cancellation of it is in flight). */
    public Uni<Boolean> tryLock(String requestId) {
        return AdvisoryLocks.tryLock("request:" + requestId);
    }

    /** Serialises the session actions of one grant (their stream's versions follow each other). */
    public Uni<Void> lockActions(String grantId) {
        return AdvisoryLocks.lock("actions:" + grantId);
    }

    /** The number of events stored for {@code aggregateId} (its version). */
    public Uni<Long> version(String aggregateId) {
        return Sql.value(Long.class, "select cast(coalesce(max(version), 0) as bigint) from domain_event"
                + " where aggregate_id = $1", aggregateId);
    }
}
