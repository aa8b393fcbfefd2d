package io.eer.grant.application;

import io.eer.contracts.Topics;
import io.eer.contracts.events.AccessRevoked;
import io.eer.contracts.events.Values.RevocationReason;
import io.eer.grant.domain.GrantRules;
import io.eer.grant.domain.GrantStatus;
import io.eer.grant.domain.RevocationDecision;
import io.eer.grant.infra.CallerContext;
import io.eer.grant.infra.GrantSettings;
import io.eer.grant.infra.connector.Connector;
import io.eer.grant.infra.connector.Connectors;
import io.eer.grant.infra.connector.Revocation;
import io.eer.grant.projection.GrantCredential;
import io.eer.grant.projection.GrantView;
import io.eer.support.outbox.EventStore;
import io.eer.support.inbox.PermanentFailure;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/**
 * Ends a grant on the target and records {@code AccessRevoked} with what the connector confirmed. An already
 * revoked grant is left alone. When the target cannot be reached the attempts are retried with back-off and then
 * the call fails: nothing is recorded, so the triggering message is dead-lettered rather than falsely reported.
 * Call inside a transaction (the grant's row is locked until it ends).
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

    public Uni<Void> execute(String grantId, RevocationReason reason) {
        return GrantView.lockedById(grantId).chain(view -> {
            RevocationDecision decision = GrantRules.revoke(GrantView.state(view), reason, "grant " + grantId);
            if (decision instanceof RevocationDecision.Skip skip) {
                LOG.infof("no revocation: %s", skip.why());
                return Uni.createFrom().voidItem();
            }
            Connector connector = connectors.forSystem(view.system).orElseThrow(() -> new PermanentFailure(
                    "no-connector", "grant " + grantId + ": no connector is configured for system '" + view.system
                            + "' any more; it cannot be revoked"));
            return CallerContext.resumeOn(withRetries(connector.revoke(view.account, view.role), grantId))
                    .chain(revocation -> record(view, reason, revocation));
        });
    }

    private Uni<Revocation> withRetries(Uni<Revocation> revocation, String grantId) {
        GrantSettings.Revocation retry = settings.revocation();
        Uni<Revocation> logged = revocation.onFailure().invoke(e -> LOG.warnf("revoking grant %s failed: %s",
                grantId, e.getMessage()));
        Uni<Revocation> retried = retry.attempts() <= 1 ? logged
                : logged.onFailure().retry().withBackOff(retry.backoff(), retry.maxBackoff()).atMost(retry.attempts() - 1);
        // the target, not this service's database, failed every attempt: waiting here would hold up every other
        // revocation on the partition, so the record goes to eer.dlq.grant (a dead letter raises an alert; the
        // login's VALID UNTIL still ends it at the target)
        return retried.onFailure().transform(e -> new PermanentFailure("revocation-failed",
                "the target did not revoke grant " + grantId + " after " + retry.attempts() + " attempts", e));
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
