package io.eer.grant.application;

import io.eer.contracts.Topics;
import io.eer.contracts.events.AccessGranted;
import io.eer.contracts.events.Approved;
import io.eer.contracts.events.GrantFailed;
import io.eer.grant.domain.ApprovedDecision;
import io.eer.grant.domain.GrantRules;
import io.eer.grant.domain.GrantStatus;
import io.eer.grant.domain.PolicyBounds;
import io.eer.grant.infra.PolicyFile;
import io.eer.grant.infra.CallerContext;
import io.eer.grant.infra.CredentialVault;
import io.eer.grant.infra.RequestLocks;
import io.eer.grant.infra.connector.Connector;
import io.eer.grant.infra.connector.Connectors;
import io.eer.grant.infra.connector.Provisioned;
import io.eer.grant.infra.connector.Provisioning;
import io.eer.grant.projection.GrantCredential;
import io.eer.grant.projection.GrantView;
import io.eer.support.outbox.EventStore;
import io.eer.support.time.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Turns an {@code Approved} into access on the target: provisions through the system's connector and records
 * {@code AccessGranted} (the secret sealed beside it, never in the event), or {@code GrantFailed} naming the
 * connector error. One grant per request, and none for a request cancelled before its approval arrived. Call
 * inside a transaction.
 */
@ApplicationScoped
public class GrantAccess {

    private static final Logger LOG = Logger.getLogger(GrantAccess.class);
    private static final int MAX_ERROR = 500;

    private final Connectors connectors;
    private final RequestLocks locks;
    private final CredentialVault vault;
    private final EventStore eventStore;
    private final Ids ids;
    private final Clock clock;
    private final PolicyFile policy;

    GrantAccess(Connectors connectors, RequestLocks locks, CredentialVault vault, EventStore eventStore, Ids ids,
            Clock clock, PolicyFile policy) {
        this.policy = policy;
        this.connectors = connectors;
        this.locks = locks;
        this.vault = vault;
        this.eventStore = eventStore;
        this.ids = ids;
        this.clock = clock;
    }

    public Uni<Void> execute(Approved approved) {
        return locks.lock(approved.requestId())
                .chain(() -> locks.cancelled(approved.requestId()))
                .chain(cancelled -> GrantView.forRequest(approved.requestId())
                        .chain(existing -> decide(approved, existing, cancelled)));
    }

    private Uni<Void> decide(Approved approved, GrantView existing, boolean cancelled) {
        Optional<Connector> connector = connectors.forSystem(approved.system());
        // millisecond precision: what the database and the API keep, so events and API agree to the digit
        ApprovedDecision decision = GrantRules.onApproved(GrantView.state(existing), approved,
                connector.map(Connector::type), clock.instant().truncatedTo(ChronoUnit.MILLIS), cancelled);
        if (decision instanceof ApprovedDecision.RequestCancelled) {
            LOG.infof("request %s was cancelled before its approval arrived: nothing provisioned",
                    approved.requestId());
            return Uni.createFrom().voidItem();
        }
        if (decision instanceof ApprovedDecision.AlreadyHandled handled) {
            LOG.infof("request %s already has grant %s: approval ignored", approved.requestId(),
                    handled.existingGrantId());
            return Uni.createFrom().voidItem();
        }
        String grantId = ids.next();
        if (decision instanceof ApprovedDecision.Fail fail) {
            return recordFailure(grantId, approved, fail.connector(), fail.error());
        }
        ApprovedDecision.Provision provision = (ApprovedDecision.Provision) decision;
        // the approval is checked against the policy itself: a forged or faulty Approved gets no more than the
        // policy allows anyone (unknown system or role, longer than any rule's maximum: nothing is provisioned)
        Optional<PolicyBounds.Refusal> refusal = policy.bounds().check(approved.system(), approved.role(),
                approved.grantedDuration(), approved.maxDuration());
        if (refusal.isPresent()) {
            return recordFailure(grantId, approved, provision.connector(), "refused by policy (rule "
                    + refusal.get().rule() + "): " + refusal.get().message());
        }
        Provisioning request = new Provisioning(grantId, approved.requestId(), approved.beneficiary(),
                approved.role(), provision.expiresAt());
        return CallerContext.resumeOn(connector.get().provision(request))
                .onItemOrFailure().transformToUni((provisioned, failure) -> failure != null
                        ? recordFailure(grantId, approved, provision.connector(), describe(failure))
                        : recordGrant(grantId, approved, provision, provisioned)
                                .onFailure().call(e -> compensate(connector.get(), provisioned, approved)));
    }

    private Uni<Void> recordGrant(String grantId, Approved approved, ApprovedDecision.Provision provision,
            Provisioned provisioned) {
        Instant now = clock.instant();
        GrantView view = newView(grantId, approved, provision.connector(), now);
        view.status = GrantStatus.ACTIVE;
        view.account = provisioned.account();
        view.grantedAt = provision.grantedAt();
        view.expiresAt = provision.expiresAt();
        view.loginHost = provisioned.host();
        view.loginPort = provisioned.port();
        view.loginDatabase = provisioned.database();

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
        credential.createdAt = now;

        AccessGranted granted = new AccessGranted(grantId, approved.requestId(), approved.beneficiary(),
                approved.system(), approved.role(), provision.connector(), provisioned.account(),
                provision.grantedAt(), provision.expiresAt());
        LOG.infof("grant %s: %s may use %s as %s on %s until %s (request %s)", grantId, approved.beneficiary(),
                approved.role(), provisioned.account(), approved.system(), provision.expiresAt(), approved.requestId());
        return view.persist()
                .chain(() -> credential.persist())
                .chain(() -> eventStore.append(grantId, 0, Topics.GRANTS, granted))
                .replaceWithVoid();
    }

    private Uni<Void> recordFailure(String grantId, Approved approved, String connector, String error) {
        GrantView view = newView(grantId, approved, connector, clock.instant());
        view.status = GrantStatus.FAILED;
        view.failure = error;
        LOG.warnf("grant for request %s on %s failed (%s connector): %s", approved.requestId(), approved.system(),
                connector, error);
        return view.persist()
                .chain(() -> eventStore.append(grantId, 0, Topics.GRANTS,
                        new GrantFailed(approved.requestId(), approved.system(), connector, error)))
                .replaceWithVoid();
    }

    private GrantView newView(String grantId, Approved approved, String connector, Instant now) {
        GrantView view = new GrantView();
        view.grantId = grantId;
        view.requestId = approved.requestId();
        view.beneficiary = approved.beneficiary() == null ? "" : approved.beneficiary();
        view.system = approved.system() == null ? "" : approved.system();
        view.role = approved.role() == null ? "" : approved.role();
        view.connector = connector;
        view.version = 1;
        view.createdAt = now;
        view.updatedAt = now;
        return view;
    }

    /** The account exists on the target but the grant could not be recorded: take it away again (best effort). */
    private Uni<Void> compensate(Connector connector, Provisioned provisioned, Approved approved) {
        LOG.warnf("request %s: recording the grant failed; removing login %s from %s", approved.requestId(),
                provisioned.account(), approved.system());
        return CallerContext.resumeOn(connector.revoke(provisioned.account(), approved.role()))
                .onFailure().invoke(e -> LOG.errorf("login %s on %s could not be removed (%s); it expires on its "
                        + "own (VALID UNTIL)", provisioned.account(), approved.system(), e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    static String describe(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return message.length() > MAX_ERROR ? message.substring(0, MAX_ERROR) : message;
    }
}
