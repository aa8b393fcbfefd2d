package io.eer.grant.infra.out;

import io.eer.grant.domain.GrantStatus;
import io.eer.support.persistence.AdvisoryLocks;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The reference count of access that several grants can share (a person's membership in a directory group): derived
 * from {@code grant_view} (so from the events; it survives restarts and rebuilds with them), never kept as a counter
 * that could drift. Whoever changes such access on the target first takes the transaction-scoped advisory lock of
 * the (system, beneficiary, role) it belongs to, so two revocations, or a revocation and a provisioning, of the same
 * membership take turns and each sees what the other recorded.
 */
@ApplicationScoped
public class SharedAccessLocks {

    /** Waits for the membership's lock until the caller's transaction ends. */
    public Uni<Void> lock(String system, String beneficiary, String role) {
        return AdvisoryLocks.lock(key(system, beneficiary, role));
    }

    /** Takes the membership's lock if nobody else holds it (a holder is changing it on the target right now). */
    public Uni<Boolean> tryLock(String system, String beneficiary, String role) {
        return AdvisoryLocks.tryLock(key(system, beneficiary, role));
    }

    /** The lock's key; hashtext of it is what PostgreSQL locks (a test takes the same lock with the same text). */
    public static String key(String system, String beneficiary, String role) {
        return "shared-access:" + system.length() + ":" + system + ":" + role.length() + ":" + role + ":" + beneficiary;
    }

    /** The ids of the other ACTIVE grants that give {@code account} the {@code role} on {@code system}. */
    public Uni<List<String>> otherHolders(String system, String account, String role, String exceptRequestId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select grant_id from grant_view where status = ?1 and system = ?2 and account = ?3 "
                                + "and role = ?4 and request_id <> ?5 order by grant_id", String.class)
                .setParameter(1, GrantStatus.ACTIVE.name())
                .setParameter(2, system)
                .setParameter(3, account)
                .setParameter(4, role)
                .setParameter(5, exceptRequestId)
                .getResultList());
    }

    /** System, beneficiary and role of the request's grant, or null when it has none. */
    public Uni<Object[]> membershipOf(String requestId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select system, beneficiary, role from grant_view where request_id = ?1", Object[].class)
                .setParameter(1, requestId)
                .getResultList()).map(rows -> rows.isEmpty() ? null : rows.get(0));
    }
}
