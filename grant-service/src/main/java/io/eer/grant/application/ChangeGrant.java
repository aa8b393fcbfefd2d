package io.eer.grant.application;

import io.eer.grant.domain.Actor;
import io.eer.grant.domain.Grant;
import io.eer.grant.domain.GrantCommand;
import io.eer.grant.domain.GrantCommand.ApproveExtension;
import io.eer.grant.domain.GrantCommand.Extend;
import io.eer.grant.domain.GrantCommand.RecordRefusal;
import io.eer.grant.domain.GrantCommand.RevokeEarly;
import io.eer.grant.domain.GrantEvent;
import io.eer.grant.domain.GrantEvent.Extended;
import io.eer.grant.domain.GrantRefusal;
import io.eer.grant.domain.GrantState;
import io.eer.grant.domain.RequestId;
import io.eer.grant.domain.RevocationReason;
import io.eer.grant.infra.out.PolicyFile;
import io.eer.grant.infra.out.RequestLocks;
import io.eer.grant.infra.out.connector.Connectors;
import io.eer.grant.projection.GrantView;
import io.eer.support.decider.Decision;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;

/**
 * What a person may change on a live grant, each decided by the {@link Grant} decider on the grant's events under
 * the request's advisory lock: revoke it early ({@code REVOKED_EARLY}: decide, then the same connector revocation as
 * at expiry, {@link RevokeAccess}), extend it within the policy ({@code AccessExtended}, or an extension waiting for
 * re-approval; an accepted extension moves the account's deadline on the target before it commits), and approve a
 * waiting extension. A refusal on a known grant is recorded as {@code AttemptRefused} in
 * the same transaction, which commits; the caller gets it back as {@link Outcome#refused()} (the REST edge answers a
 * problem after the commit). One transaction each.
 */
@ApplicationScoped
public class ChangeGrant {

    /** The grant after the change, or why it was refused. */
    public record Outcome(GrantState state, Refused refused) {
    }

    /**
     * The target could not follow an extension (unreachable, or the account is gone): nothing was recorded. The
     * message names the system and the failure's kind, never a driver's text (it could quote a statement).
     */
    public static final class TargetUnavailable extends RuntimeException {
        TargetUnavailable(String system, Throwable cause) {
            super("the deadline could not be moved on " + system + " (" + RevokeAccess.errorKind(cause) + ")", cause,
                    false, false);
        }
    }

    private final Grants grants;
    private final RequestLocks locks;
    private final RevokeAccess revokeAccess;
    private final PolicyFile policy;
    private final Connectors connectors;
    private final Clock clock;

    ChangeGrant(Grants grants, RequestLocks locks, RevokeAccess revokeAccess, PolicyFile policy,
            Connectors connectors, Clock clock) {
        this.grants = grants;
        this.locks = locks;
        this.revokeAccess = revokeAccess;
        this.policy = policy;
        this.connectors = connectors;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Outcome> revokeEarly(String grantId, Actor actor, String note) {
        return onGrant(grantId, Grant.REVOKE, request -> {
            Instant now = now();
            return grants.state(request).chain(state -> {
                Decision<GrantEvent> decision = Grant.DECIDER.decide(state, new RevokeEarly(actor, note, now));
                if (decision instanceof Decision.Refused<GrantEvent> refused) {
                    return Uni.createFrom().item(refused);
                }
                return revokeAccess.execute(request.value(), grantId, RevocationReason.REVOKED_EARLY, actor.id(),
                        note).replaceWith(decision);
            });
        }, actor);
    }

    /** {@code deadline}: the new deadline, from when the grant began (a duration counts from there). */
    @WithTransaction
    public Uni<Outcome> extend(String grantId, Actor actor, java.util.function.UnaryOperator<Instant> deadline,
            String reason) {
        return onGrant(grantId, Grant.EXTEND, request -> grants.state(request).chain(state -> grants.execute(request,
                new Extend(actor, deadline.apply(state.grantedAt()), reason, policy.bounds(), now()))
                .call(decision -> onTarget(state, decision))), actor);
    }

    @WithTransaction
    public Uni<Outcome> approveExtension(String grantId, Actor actor) {
        return onGrant(grantId, Grant.APPROVE_EXTENSION, request -> grants.state(request).chain(state -> grants
                .execute(request, new ApproveExtension(actor, policy.bounds(), now()))
                .call(decision -> onTarget(state, decision))), actor);
    }

    /**
     * An accepted {@code Extended} follows through to the target before it commits: the connector moves the
     * account's own deadline there (a PostgreSQL login's {@code VALID UNTIL}). If it cannot, the whole change rolls
     * back and the caller learns that the target is unavailable; the grant keeps its old deadline everywhere. (The
     * other order is harmless too: a target moved and a commit that then failed leaves a login valid longer, which
     * the revocation at the old deadline removes.)
     */
    private Uni<Void> onTarget(GrantState state, Decision<GrantEvent> decision) {
        Extended extended = decision.events().stream().filter(Extended.class::isInstance).map(Extended.class::cast)
                .findFirst().orElse(null);
        if (extended == null) {
            return Uni.createFrom().voidItem();
        }
        return connectors.forSystem(state.system())
                .map(connector -> CallerContext.resumeOn(connector.extend(state.account().value(), state.role(),
                        extended.expiresAt())))
                .orElseGet(() -> Uni.createFrom().failure(new IllegalStateException("no connector is configured for "
                        + "system '" + state.system() + "' any more")))
                .onFailure().transform(e -> new TargetUnavailable(state.system(), e));
    }

    /** Runs {@code change} on the grant's request under its lock; records a refusal as {@code AttemptRefused}. */
    private Uni<Outcome> onGrant(String grantId, String action,
            Function<RequestId, Uni<Decision<GrantEvent>>> change, Actor actor) {
        return GrantView.<GrantView>findById(grantId).chain(view -> {
            if (view == null) {
                // no history to hold the evidence: nothing is known about this grant
                return Uni.createFrom().item(new Outcome(null, new Refused(GrantRefusal.UNKNOWN_GRANT, "grant "
                        + grantId + " does not exist")));
            }
            RequestId request = new RequestId(view.requestId);
            return locks.lock(request.value()).chain(() -> change.apply(request)).chain(decision -> {
                if (decision instanceof Decision.Refused<GrantEvent> refused) {
                    GrantCommand record = new RecordRefusal(actor, action, refused.rule(), refused.detail());
                    return grants.execute(request, record).chain(() -> grants.state(request))
                            .map(state -> new Outcome(state, new Refused(refused.rule(), refused.detail())));
                }
                return grants.state(request).map(state -> new Outcome(state, null));
            });
        });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
