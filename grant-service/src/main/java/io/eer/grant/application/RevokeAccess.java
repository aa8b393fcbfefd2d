package io.eer.grant.application;

import io.eer.contracts.Topics;
import io.eer.contracts.events.AccessRevoked;
import io.eer.contracts.events.RevocationFailed;
import io.eer.contracts.events.Values.RevocationReason;
import io.eer.grant.domain.GrantRules;
import io.eer.grant.domain.GrantStatus;
import io.eer.grant.domain.RevocationDecision;
import io.eer.grant.infra.CallerContext;
import io.eer.grant.infra.GrantSettings;
import io.eer.grant.infra.connector.Connectors;
import io.eer.grant.infra.connector.Revocation;
import io.eer.grant.projection.GrantCredential;
import io.eer.grant.projection.GrantView;
import io.eer.support.outbox.EventStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/**
 * Ends a grant on the target and records {@code AccessRevoked} with what the connector confirmed. An already
 * revoked grant is left alone, so the expiry message, a cancellation and the sweeper can all ask without ever
 * revoking twice (the grant's row is locked while one of them works). When the target cannot be reached (after a few
 * quick retries) no {@code AccessRevoked} is recorded: the grant stays {@code ACTIVE} and due, {@code RevocationFailed}
 * is recorded with the next attempt's time, and {@link SweepRevocations} tries again with back-off
 * until it succeeds. The triggering message is handled (never dead-lettered for this). Call inside a transaction.
 */
@ApplicationScoped
public class RevokeAccess {

    private static final Logger LOG = Logger.getLogger(RevokeAccess.class);

    private final Connectors connectors;
    private final EventStore eventStore;
    private final GrantSettings settings;
    private final Clock clock;

    RevokeAccess(Connectors connectors, EventStore eventStore, GrantSettings settings, Clock clock) {
        this.connectors = connectors;
        this.eventStore = eventStore;
        this.settings = settings;
        this.clock = clock;
    }

    /** Revokes for {@code reason}; {@code null}: the reason a failed earlier attempt was for, else EXPIRED (sweeper). */
    public Uni<Void> execute(String grantId, RevocationReason requested) {
        return GrantView.lockedById(grantId).chain(view -> {
            RevocationReason reason = requested != null ? requested
                    : view != null && view.pendingRevocationReason != null ? view.pendingRevocationReason
                    : RevocationReason.EXPIRED;
            RevocationDecision decision = GrantRules.revoke(GrantView.state(view), reason, "grant " + grantId);
            if (decision instanceof RevocationDecision.Skip skip) {
                LOG.infof("no revocation: %s", skip.why());
                return Uni.createFrom().voidItem();
            }
            Uni<Revocation> revocation = connectors.forSystem(view.system)
                    .map(connector -> CallerContext.resumeOn(withRetries(connector.revoke(view.account, view.role),
                            grantId)))
                    .orElseGet(() -> Uni.createFrom().failure(new NoConnector("grant " + grantId + ": no connector is "
                            + "configured for system '" + view.system + "' any more; it cannot be revoked")));
            return revocation.onItemOrFailure().transformToUni((done, failure) -> failure == null
                    ? record(view, reason, done)
                    : recordFailure(view, reason, failure));
        });
    }

    /** No connector for the grant's system (configuration changed): retried like an unreachable target. */
    static final class NoConnector extends IllegalStateException {
        NoConnector(String message) {
            super(message);
        }
    }

    /** Keeps the grant due: counts the attempt, schedules the next with back-off, records RevocationFailed. */
    private Uni<Void> recordFailure(GrantView view, RevocationReason reason, Throwable failure) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        int attempt = view.revocationAttempts + 1;
        Instant next = now.plus(backoff(attempt));
        String kind = errorKind(failure);
        LOG.errorf("grant %s: revocation attempt %d on %s failed (%s: %s); access stays until it succeeds, next "
                + "attempt at %s", view.grantId, attempt, view.system, kind, failure.getMessage(), next);
        long version = view.version;
        view.revocationAttempts = attempt;
        view.nextRevocationAt = next;
        view.pendingRevocationReason = reason;
        view.version = version + 1;
        view.updatedAt = now;
        return eventStore.append(view.grantId, version, Topics.GRANTS,
                new RevocationFailed(view.grantId, view.requestId, view.system, attempt, kind, next)).replaceWithVoid();
    }

    /** Doubling from the sweeper's retry back-off, capped: also bounds how often RevocationFailed is recorded. */
    java.time.Duration backoff(int attempt) {
        GrantSettings.Sweeper sweeper = settings.sweeper();
        java.time.Duration pause = sweeper.retryBackoff();
        for (int i = 1; i < attempt && pause.compareTo(sweeper.maxRetryBackoff()) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(sweeper.maxRetryBackoff()) > 0 ? sweeper.maxRetryBackoff() : pause;
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

    private Uni<Revocation> withRetries(Uni<Revocation> revocation, String grantId) {
        GrantSettings.Revocation retry = settings.revocation();
        Uni<Revocation> logged = revocation.onFailure().invoke(e -> LOG.warnf("revoking grant %s failed: %s",
                grantId, e.getMessage()));
        if (retry.attempts() <= 1) {
            return logged;
        }
        return logged.onFailure().retry().withBackOff(retry.backoff(), retry.maxBackoff()).atMost(retry.attempts() - 1);
    }

    private Uni<Void> record(GrantView view, RevocationReason reason, Revocation revocation) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        AccessRevoked revoked = new AccessRevoked(view.grantId, view.requestId, view.system, reason, now,
                revocation.sessionsTerminated(), revocation.confirmed());
        long version = view.version;
        view.status = GrantStatus.REVOKED;
        view.revokedAt = now;
        view.revocationReason = reason;
        view.sessionsTerminated = revocation.sessionsTerminated();
        view.confirmed = revocation.confirmed();
        view.failure = revocation.confirmed() ? null : "revocation not confirmed: " + revocation.leftovers();
        view.version = version + 1;
        view.updatedAt = now;
        view.nextRevocationAt = null;
        view.pendingRevocationReason = null;
        if (!revocation.confirmed()) {
            LOG.errorf("grant %s revoked but NOT confirmed on %s: %s", view.grantId, view.system,
                    revocation.leftovers());
        }
        return GrantCredential.lockedById(view.grantId)
                .invoke(credential -> {
                    if (credential != null && credential.present()) {
                        credential.wipe(GrantCredential.WIPED_GRANT_ENDED, now);
                    }
                })
                .chain(() -> eventStore.append(view.grantId, version, Topics.GRANTS, revoked))
                .replaceWithVoid();
    }
}
