package io.eer.grant.application;

import io.eer.contracts.events.Approved;
import io.eer.grant.domain.Grant;
import io.eer.grant.domain.GrantCommand.Provision;
import io.eer.grant.domain.GrantCommand.RecordProvisioned;
import io.eer.grant.domain.GrantCommand.RecordProvisioningFailure;
import io.eer.grant.domain.GrantEvent;
import io.eer.grant.domain.GrantId;
import io.eer.grant.domain.LoginName;
import io.eer.grant.domain.RequestId;
import io.eer.grant.infra.out.CredentialVault;
import io.eer.grant.infra.out.PolicyFile;
import io.eer.grant.infra.out.RequestLocks;
import io.eer.grant.infra.out.connector.Connector;
import io.eer.grant.infra.out.connector.Connectors;
import io.eer.grant.infra.out.connector.Provisioned;
import io.eer.grant.infra.out.connector.Provisioning;
import io.eer.grant.projection.GrantCredential;
import io.eer.support.decider.Decision;
import io.eer.support.time.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Turns an {@code Approved} into access on the target, around the {@link Grant} decider: decide ({@link Provision}:
 * refused when the request has a grant or was cancelled, a failure when nothing may be provisioned), provision through
 * the system's connector, record the outcome ({@code AccessGranted} with the secret sealed beside it, never in the
 * event, or {@code GrantFailed} naming the connector error). The request's advisory lock is held for the whole
 * transaction, including the connector's work, so a cancellation or the reconciler waits. Call inside a transaction.
 */
@ApplicationScoped
public class GrantAccess {

    private static final Logger LOG = Logger.getLogger(GrantAccess.class);
    private static final int MAX_ERROR = 500;

    private final Grants grants;
    private final Connectors connectors;
    private final RequestLocks locks;
    private final CredentialVault vault;
    private final Ids ids;
    private final Clock clock;
    private final PolicyFile policy;
    private final SharedAccess shared;

    GrantAccess(Grants grants, Connectors connectors, RequestLocks locks, CredentialVault vault, Ids ids, Clock clock,
            PolicyFile policy, SharedAccess shared) {
        this.grants = grants;
        this.connectors = connectors;
        this.locks = locks;
        this.vault = vault;
        this.ids = ids;
        this.clock = clock;
        this.policy = policy;
        this.shared = shared;
    }

    public Uni<Void> execute(Approved approved) {
        RequestId requestId = new RequestId(approved.requestId());
        Optional<Connector> connector = connectors.forSystem(approved.system());
        return locks.lock(requestId.value())
                .chain(() -> grants.state(requestId))
                .chain(state -> {
                    // millisecond precision: what the database and the API keep, so events and API agree
                    Provision provision = new Provision(new GrantId(ids.next()), requestId, approved.beneficiary(),
                            approved.system(), approved.role(), approved.grantedDuration(), approved.maxDuration(),
                            connector.map(Connector::type), policy.bounds(),
                            clock.instant().truncatedTo(ChronoUnit.MILLIS));
                    Decision<GrantEvent> decision = Grant.DECIDER.decide(state, provision);
                    if (decision instanceof Decision.Refused<GrantEvent> refused) {
                        LOG.infof("approval of request %s: nothing provisioned (%s)", requestId, refused.detail());
                        return Uni.createFrom().voidItem();
                    }
                    if (decision.events().stream().anyMatch(GrantEvent.Failed.class::isInstance)) {
                        GrantEvent.Failed failed = (GrantEvent.Failed) decision.events().get(1);
                        LOG.warnf("grant for request %s on %s failed (%s connector): %s", requestId,
                                approved.system(), failed.connector(), failed.error());
                        return grants.execute(requestId, provision).replaceWithVoid();
                    }
                    return provision(provision, connector.orElseThrow());
                });
    }

    private Uni<Void> provision(Provision provision, Connector connector) {
        Provisioning request = new Provisioning(provision.grantId().value(), provision.requestId().value(),
                provision.beneficiary(), provision.role(), Grant.expiresAt(provision));
        return shared.beforeProvisioning(connector, provision.system(), provision.beneficiary(), provision.role())
                .chain(() -> CallerContext.resumeOn(connector.provision(request)))
                .onItemOrFailure().transformToUni((provisioned, failure) -> {
                    if (failure != null) {
                        String error = describe(failure);
                        LOG.warnf("grant for request %s on %s failed (%s connector): %s", provision.requestId(),
                                provision.system(), connector.type(), error);
                        return grants.execute(provision.requestId(), new RecordProvisioningFailure(provision, error))
                                .replaceWithVoid();
                    }
                    return record(provision, provisioned)
                            .onFailure().call(e -> compensate(connector, provisioned, provision));
                });
    }

    private Uni<Void> record(Provision provision, Provisioned provisioned) {
        RecordProvisioned command = new RecordProvisioned(provision, new LoginName(provisioned.account()),
                provisioned.host(), provisioned.port(), provisioned.database());
        return Uni.createFrom().item(() -> seal(provision.grantId().value(), provisioned))
                .chain(credential -> grants.execute(provision.requestId(), command).chain(decision -> {
            if (decision.refused()) {
                // the lock makes this unreachable; never hand out a secret for a grant that was not recorded
                return Uni.createFrom().failure(new IllegalStateException("grant of request "
                        + provision.requestId() + " could not be recorded"));
            }
            LOG.infof("grant %s: %s may use %s as %s on %s until %s (request %s)", provision.grantId(),
                    provision.beneficiary(), provision.role(), provisioned.account(), provision.system(),
                    Grant.expiresAt(provision), provision.requestId());
            // a connector that issues no secret (a directory group: the person's own sign-in) stores none
            return credential == null ? Uni.createFrom().voidItem() : credential.persist().replaceWithVoid();
        }));
    }

    /** The secret, sealed for the credential table (never in an event); the plaintext is wiped here. */
    private GrantCredential seal(String grantId, Provisioned provisioned) {
        if (provisioned.secret() == null) {
            return null;
        }
        GrantCredential credential = new GrantCredential();
        credential.grantId = grantId;
        byte[] plaintext = provisioned.secret().utf8();
        try {
            CredentialVault.Sealed sealed = vault.seal(grantId, plaintext);
            credential.keyId = sealed.keyId();
            credential.nonce = sealed.nonce();
            credential.ciphertext = sealed.ciphertext();
        } finally {
            Arrays.fill(plaintext, (byte) 0);
            provisioned.secret().wipe();
        }
        credential.createdAt = clock.instant();
        return credential;
    }

    /** The account exists on the target but the grant could not be recorded: take it away again (best effort). */
    private Uni<Void> compensate(Connector connector, Provisioned provisioned, Provision provision) {
        LOG.warnf("request %s: recording the grant failed; removing login %s from %s", provision.requestId(),
                provisioned.account(), provision.system());
        return shared.compensate(connector, provision.system(), provisioned.account(), provision.role(),
                        provision.requestId().value(),
                        () -> CallerContext.resumeOn(connector.revoke(provisioned.account(), provision.role())))
                .onFailure().invoke(e -> LOG.errorf("login %s on %s could not be removed (%s); it expires on its "
                        + "own (VALID UNTIL)", provisioned.account(), provision.system(), e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    static String describe(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return message.length() > MAX_ERROR ? message.substring(0, MAX_ERROR) : message;
    }
}
