package io.eer.grant.application;

import io.eer.grant.domain.GrantState;
import io.eer.grant.infra.out.SharedAccessLocks;
import io.eer.grant.infra.out.connector.Connector;
import io.eer.grant.infra.out.connector.Connectors;
import io.eer.grant.infra.out.connector.Revocation;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Reference counting for access that grants share ({@link Connector#sharesAccounts()}: a directory group membership
 * of the beneficiary's own entry). Two overlapping grants of one group for one person give one membership; when one
 * ends while the other is live, the membership stays, and it goes with the last one. The count is the number of
 * other ACTIVE grants in {@code grant_view} with the same system, account and role (a function of the events), read
 * under the membership's advisory lock ({@link SharedAccessLocks}), which provisioning and revocation both take
 * before touching the target: two revocations cannot both see the other still live and both keep the membership,
 * nor can a revocation remove what a provisioning has just added. Per-grant accounts (PostgreSQL logins, webhook
 * handles) are never shared, so none of this applies to them.
 *
 * <p>Lock order: the request's lock, then the membership's. The sweeper holds {@code grant_view} row locks while it
 * revokes, and a revocation it would wait for needs one of those rows to record; so the sweeper only tries the
 * membership lock ({@link #mayRevokeNow}) and leaves a busy one to its next poll, like a busy request.
 */
@ApplicationScoped
public class SharedAccess {

    private static final Logger LOG = Logger.getLogger(SharedAccess.class);

    private final SharedAccessLocks locks;
    private final Connectors connectors;

    SharedAccess(SharedAccessLocks locks, Connectors connectors) {
        this.locks = locks;
        this.connectors = connectors;
    }

    /** Before provisioning: holds the membership's lock (shared accounts only) until the transaction ends. */
    public Uni<Void> beforeProvisioning(Connector connector, String system, String beneficiary, String role) {
        return connector.sharesAccounts() ? locks.lock(system, beneficiary, role) : Uni.createFrom().voidItem();
    }

    /**
     * Revokes the grant's access on the target unless another live grant still gives it: then the target is left
     * as it is and the revocation of this grant is complete (it no longer explains the access; the other does).
     */
    public Uni<Revocation> revoke(Connector connector, GrantState state, Supplier<Uni<Revocation>> revokeOnTarget) {
        if (!connector.sharesAccounts()) {
            return revokeOnTarget.get();
        }
        return locks.lock(state.system(), state.beneficiary(), state.role())
                .chain(() -> unlessStillGiven(state.system(), state.account().value(), state.role(),
                        state.requestId().value(), revokeOnTarget));
    }

    /**
     * The same check for a compensation (a provisioned grant that could not be recorded): the provisioning already
     * holds the membership's lock.
     */
    public Uni<Revocation> compensate(Connector connector, String system, String account, String role,
            String requestId, Supplier<Uni<Revocation>> revokeOnTarget) {
        if (!connector.sharesAccounts()) {
            return revokeOnTarget.get();
        }
        return unlessStillGiven(system, account, role, requestId, revokeOnTarget);
    }

    private Uni<Revocation> unlessStillGiven(String system, String account, String role, String requestId,
            Supplier<Uni<Revocation>> revokeOnTarget) {
        return locks.otherHolders(system, account, role, requestId).chain(others -> {
            if (others.isEmpty()) {
                return revokeOnTarget.get();
            }
            LOG.infof("request %s: %s keeps %s on %s, still given by live grant(s) %s; the last one removes it",
                    requestId, account, role, system, String.join(", ", others));
            return Uni.createFrom().item(new Revocation(0, true, ""));
        });
    }

    /**
     * For the sweeper (which holds row locks): true when the request's grant shares no access or the membership's
     * lock could be taken now (it is then held to the end of the sweeper's transaction; taking it again is free).
     */
    public Uni<Boolean> mayRevokeNow(String requestId) {
        return locks.membershipOf(requestId).chain(row -> {
            if (row == null) {
                return Uni.createFrom().item(true);
            }
            String system = (String) row[0];
            boolean shares = connectors.forSystem(system).map(Connector::sharesAccounts).orElse(false);
            return shares ? locks.tryLock(system, (String) row[1], (String) row[2]) : Uni.createFrom().item(true);
        });
    }
}
