package io.eer.grant.application;

import io.eer.grant.config.GrantSettings;
import io.eer.grant.domain.Backoff;
import io.eer.grant.domain.Grant;
import io.eer.grant.domain.GrantCommand.RecordRevocationFailure;
import io.eer.grant.domain.GrantCommand.RecordRevoked;
import io.eer.grant.domain.GrantCommand.Revoke;
import io.eer.grant.domain.GrantEvent;
import io.eer.grant.domain.GrantState;
import io.eer.grant.domain.RequestId;
import io.eer.grant.domain.RevocationReason;
import io.eer.grant.infra.out.RequestLocks;
import io.eer.grant.infra.out.connector.Connectors;
import io.eer.grant.infra.out.connector.Revocation;
import io.eer.support.decider.Decision;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/**
 * Ends a grant on the target, around the {@link Grant} decider: decide ({@link Revoke}: refused for an unknown,
 * failed or already revoked grant), revoke through the connector (a few quick retries), record the outcome
 * ({@code AccessRevoked} with what the connector confirmed, or {@code RevocationFailed} with the next attempt's time,
 * the grant staying {@code ACTIVE} and due for {@link SweepRevocations}). The expiry message, a cancellation, an early
 * revocation ({@link ChangeGrant}) and the sweeper all come here; the request's advisory lock makes them take turns, so a grant is never revoked twice. The
 * triggering message is handled (never dead-lettered for an unreachable target). Call inside a transaction.
 */
@ApplicationScoped
public class RevokeAccess {

    private static final Logger LOG = Logger.getLogger(RevokeAccess.class);

    private final Grants grants;
    private final Connectors connectors;
    private final RequestLocks locks;
    private final GrantSettings settings;
    private final Clock clock;
    private final SharedAccess shared;

    RevokeAccess(Grants grants, Connectors connectors, RequestLocks locks, GrantSettings settings, Clock clock,
            SharedAccess shared) {
        this.grants = grants;
        this.connectors = connectors;
        this.locks = locks;
        this.settings = settings;
        this.clock = clock;
        this.shared = shared;
    }

    /**
     * Revokes the grant of {@code requestId} for {@code requested} ({@code null}: the reason a failed earlier attempt
     * was for, else EXPIRED, as the sweeper asks). {@code grantId}, when given, must be that grant's id.
     */
    public Uni<Void> execute(String requestId, String grantId, RevocationReason requested) {
        return execute(requestId, grantId, requested, null, null);
    }

    /** As above; {@code by} and {@code note}: who asked for an early revocation and why (null for other reasons). */
    public Uni<Void> execute(String requestId, String grantId, RevocationReason requested, String by, String note) {
        return execute(requestId, grantId, new Revoke(requested), by, note);
    }

    /** For an {@code AccessExpired} of {@code deadline}: nothing when the grant has been extended past it since. */
    public Uni<Void> expire(String requestId, String grantId, Instant deadline) {
        return execute(requestId, grantId, new Revoke(RevocationReason.EXPIRED, deadline), null, null);
    }

    private Uni<Void> execute(String requestId, String grantId, Revoke revoke, String by, String note) {
        RevocationReason requested = revoke.reason();
        RequestId request = new RequestId(requestId);
        return locks.lock(request.value()).chain(() -> grants.state(request)).chain(state -> {
            if (grantId != null && state.grantId() != null && !state.grantId().value().equals(grantId)) {
                LOG.warnf("no revocation: request %s has grant %s, not %s", requestId, state.grantId(), grantId);
                return Uni.createFrom().voidItem();
            }
            Decision<GrantEvent> decision = Grant.DECIDER.decide(state, revoke);
            if (decision instanceof Decision.Refused<GrantEvent> refused) {
                LOG.infof("no revocation: %s", refused.detail());
                return Uni.createFrom().voidItem();
            }
            RevocationReason reason = Grant.reasonFor(state, requested);
            Uni<Revocation> revocation = connectors.forSystem(state.system())
                    .map(connector -> shared.revoke(connector, state, () -> CallerContext.resumeOn(withRetries(
                            connector.revoke(state.account().value(), state.role()), state))))
                    .orElseGet(() -> Uni.createFrom().failure(new NoConnector("grant " + state.grantId() + ": no "
                            + "connector is configured for system '" + state.system() + "' any more; it cannot be "
                            + "revoked")));
            return revocation.onItemOrFailure().transformToUni((done, failure) -> failure == null
                    ? recordRevoked(request, state, reason, done, by, note)
                    : recordFailure(request, state, reason, failure, by, note));
        });
    }

    /** No connector for the grant's system (configuration changed): retried like an unreachable target. */
    static final class NoConnector extends IllegalStateException {
        NoConnector(String message) {
            super(message);
        }
    }

    private Uni<Void> recordFailure(RequestId request, GrantState state, RevocationReason reason, Throwable failure,
            String by, String note) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String kind = errorKind(failure);
        GrantSettings.Sweeper sweeper = settings.sweeper();
        return grants.execute(request, new RecordRevocationFailure(reason, kind, now,
                        new Backoff(sweeper.retryBackoff(), sweeper.maxRetryBackoff()), by, note))
                .invoke(decision -> decision.events().stream()
                        .filter(GrantEvent.RevocationFailed.class::isInstance)
                        .map(GrantEvent.RevocationFailed.class::cast)
                        .forEach(failed -> LOG.errorf("grant %s: revocation attempt %d on %s failed (%s: %s); access "
                                + "stays until it succeeds, next attempt at %s", state.grantId(), failed.attempt(),
                                state.system(), kind, failure.getMessage(), failed.nextAttemptAt())))
                .replaceWithVoid();
    }

    private Uni<Void> recordRevoked(RequestId request, GrantState state, RevocationReason reason,
            Revocation revocation, String by, String note) {
        if (!revocation.confirmed()) {
            LOG.errorf("grant %s revoked but NOT confirmed on %s: %s", state.grantId(), state.system(),
                    revocation.leftovers());
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return grants.execute(request, new RecordRevoked(reason, revocation.sessionsTerminated(),
                revocation.confirmed(), revocation.leftovers(), now, by, note)).replaceWithVoid();
    }

    /** The kind of failure only (class, SQLSTATE): a driver message could quote a statement or a secret. */
    static String errorKind(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String kind = root.getClass().getSimpleName();
        if (root instanceof io.vertx.pgclient.PgException pg && pg.getSqlState() != null) {
            kind = kind + " " + pg.getSqlState();
        }
        return kind.isEmpty() ? "Unknown" : kind;
    }

    private Uni<Revocation> withRetries(Uni<Revocation> revocation, GrantState state) {
        GrantSettings.Revocation retry = settings.revocation();
        Uni<Revocation> logged = revocation.onFailure().invoke(e -> LOG.warnf("revoking grant %s failed: %s",
                state.grantId(), e.getMessage()));
        if (retry.attempts() <= 1) {
            return logged;
        }
        return logged.onFailure().retry().withBackOff(retry.backoff(), retry.maxBackoff()).atMost(retry.attempts() - 1);
    }
}
