package io.eer.grant.domain;

import io.eer.support.decider.Decider;
import io.eer.support.decider.Decision;
import io.eer.grant.domain.GrantCommand.ApproveExtension;
import io.eer.grant.domain.GrantCommand.Cancel;
import io.eer.grant.domain.GrantCommand.Extend;
import io.eer.grant.domain.GrantCommand.ReconcileLogin;
import io.eer.grant.domain.GrantCommand.RecordOrphanRemoved;
import io.eer.grant.domain.GrantCommand.RecordRefusal;
import io.eer.grant.domain.GrantCommand.RevokeEarly;
import io.eer.grant.domain.GrantCommand.LogSessionAction;
import io.eer.grant.domain.GrantCommand.Provision;
import io.eer.grant.domain.GrantCommand.RecordProvisioned;
import io.eer.grant.domain.GrantCommand.RecordProvisioningFailure;
import io.eer.grant.domain.GrantCommand.RecordRevocationFailure;
import io.eer.grant.domain.GrantCommand.RecordRevoked;
import io.eer.grant.domain.GrantCommand.Revoke;
import io.eer.grant.domain.GrantEvent.AttemptRefused;
import io.eer.grant.domain.GrantEvent.Cancelled;
import io.eer.grant.domain.GrantEvent.Extended;
import io.eer.grant.domain.GrantEvent.ExtensionRequested;
import io.eer.grant.domain.GrantEvent.Failed;
import io.eer.grant.domain.GrantEvent.Granted;
import io.eer.grant.domain.GrantEvent.LoginIssued;
import io.eer.grant.domain.GrantEvent.Opened;
import io.eer.grant.domain.GrantEvent.OrphanLoginRemoved;
import io.eer.grant.domain.GrantEvent.RevocationFailed;
import io.eer.grant.domain.GrantEvent.RevocationPending;
import io.eer.grant.domain.GrantEvent.RevocationUnconfirmed;
import io.eer.grant.domain.GrantEvent.Revoked;
import io.eer.grant.domain.GrantEvent.SessionActionLogged;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One request's grant (aggregate {@code grant/<requestId>}). The side effects on the target happen around it, in the
 * application layer: {@link Provision} / {@link Revoke} decide whether to act, the connector acts, and
 * {@link RecordProvisioned} / {@link RecordProvisioningFailure} / {@link RecordRevoked} / {@link RecordRevocationFailure}
 * record what it did.
 */
public final class Grant implements Decider<GrantState, GrantCommand, GrantEvent> {

    public static final Grant DECIDER = new Grant();

    /** Name put in {@code GrantFailed.connector} when no connector is configured for the system. */
    public static final String NO_CONNECTOR = "none";

    private Grant() {
    }

    @Override
    public GrantState initialState() {
        return GrantState.NONE;
    }

    @Override
    public Decision<GrantEvent> decide(GrantState state, GrantCommand command) {
        if (command instanceof Provision provision) {
            return provision(state, provision);
        }
        if (command instanceof RecordProvisioned provisioned) {
            return recordProvisioned(state, provisioned);
        }
        if (command instanceof RecordProvisioningFailure failure) {
            Decision<GrantEvent> planned = provision(state, failure.provision());
            if (planned.refused() || planned.events().size() != 1) {
                return planned;
            }
            return Decision.accept(planned.events().get(0), failed(failure.provision(),
                    failure.provision().connector().orElse(NO_CONNECTOR), failure.error()));
        }
        if (command instanceof Cancel cancel) {
            return state.cancelled() ? Decision.nothing()
                    : Decision.accept(new Cancelled(cancel.requestId(), cancel.by(), cancel.reason(), cancel.at()));
        }
        if (command instanceof Revoke revoke) {
            Optional<Decision<GrantEvent>> refusal = mayRevoke(state);
            if (refusal.isEmpty() && revoke.expiredDeadline() != null && state.extended()
                    && state.expiresAt().isAfter(revoke.expiredDeadline())) {
                // the timer fired for the old deadline just before the extension re-armed it
                return Decision.refuse(GrantRefusal.EXTENDED, "grant " + state.grantId() + " was extended to "
                        + state.expiresAt() + "; an expiry for " + revoke.expiredDeadline() + " does not end it");
            }
            return refusal.orElseGet(Decision::nothing);
        }
        if (command instanceof RecordRevoked revoked) {
            return recordRevoked(state, revoked);
        }
        if (command instanceof RecordRevocationFailure failure) {
            return recordRevocationFailure(state, failure);
        }
        if (command instanceof LogSessionAction action) {
            return logSessionAction(state, action);
        }
        if (command instanceof RevokeEarly early) {
            return revokeEarly(state, early);
        }
        if (command instanceof Extend extend) {
            return extend(state, extend);
        }
        if (command instanceof ApproveExtension approve) {
            return approveExtension(state, approve);
        }
        if (command instanceof ReconcileLogin login) {
            return orphan(state, login).map(reason -> Decision.<GrantEvent>nothing())
                    .orElseGet(() -> inUse(login));
        }
        if (command instanceof RecordOrphanRemoved removed) {
            ReconcileLogin login = removed.login();
            return orphan(state, login).map(reason -> Decision.<GrantEvent>accept(new OrphanLoginRemoved(
                            login.request(), login.system(), login.account(), reason, removed.at())))
                    .orElseGet(() -> inUse(login));
        }
        if (command instanceof RecordRefusal refusal) {
            // evidence of a refused attempt; a request this service never saw has no history to hold it
            return state.requestId() == null ? Decision.nothing()
                    : Decision.accept(new AttemptRefused(state.requestId(), refusal.actor(), refusal.action(),
                            refusal.rule().rule(), refusal.message()));
        }
        throw new IllegalArgumentException("unknown command " + command.getClass().getSimpleName());
    }

    /**
     * Why {@code login} is an orphan, or empty when an ACTIVE grant explains it: the grant of the request it names,
     * or any grant holding its account.
     */
    private static Optional<String> orphan(GrantState state, ReconcileLogin login) {
        if (login.heldByActiveGrant() || state.status() == GrantStatus.ACTIVE) {
            return Optional.empty();
        }
        if (login.request() == null) {
            return Optional.of("the login names no request");
        }
        return Optional.of(state.status() == null
                ? "request " + login.request() + " has no grant (provisioning interrupted)"
                : "the grant of request " + login.request() + " is " + state.status() + ", not ACTIVE");
    }

    private static Decision<GrantEvent> inUse(ReconcileLogin login) {
        return Decision.refuse(GrantRefusal.LOGIN_IN_USE, "login " + login.account() + " on " + login.system()
                + " belongs to an ACTIVE grant");
    }

    private static Decision<GrantEvent> provision(GrantState state, Provision p) {
        if (state.grantId() != null) {
            return Decision.refuse(GrantRefusal.ALREADY_GRANTED, "request " + p.requestId() + " already has grant "
                    + state.grantId());
        }
        if (state.cancelled()) {
            return Decision.refuse(GrantRefusal.REQUEST_CANCELLED, "request " + p.requestId()
                    + " was cancelled before its approval arrived");
        }
        String connector = p.connector().orElse(NO_CONNECTOR);
        Opened opened = new Opened(p.grantId(), p.requestId(), orEmpty(p.beneficiary()), orEmpty(p.system()),
                orEmpty(p.role()), connector, p.now());
        if (p.connector().isEmpty()) {
            return Decision.accept(opened, failed(p, connector, "no connector is configured for system '"
                    + p.system() + "'"));
        }
        Duration duration = p.grantedDuration();
        if (duration == null || duration.isZero() || duration.isNegative()) {
            return Decision.accept(opened, failed(p, connector, "the granted duration must be positive, was "
                    + duration));
        }
        if (isBlank(p.beneficiary()) || isBlank(p.role())) {
            return Decision.accept(opened, failed(p, connector, "the approval names no beneficiary or role"));
        }
        // a forged or faulty Approved gets no more than the policy allows anyone
        Optional<PolicyBounds.Refusal> refusal = p.bounds().check(p.system(), p.role(), duration, p.maxDuration());
        if (refusal.isPresent()) {
            return Decision.accept(opened, failed(p, connector, "refused by policy (rule " + refusal.get().rule()
                    + "): " + refusal.get().message()));
        }
        return Decision.accept(opened);
    }

    /** The deadline a provisioning decided now sets. */
    public static java.time.Instant expiresAt(Provision provision) {
        return provision.now().plus(provision.grantedDuration());
    }

    private static Decision<GrantEvent> recordProvisioned(GrantState state, RecordProvisioned r) {
        Decision<GrantEvent> planned = provision(state, r.provision());
        if (planned.refused() || planned.events().size() != 1) {
            return planned; // nothing to provision after all (the connector must not have been called)
        }
        Provision p = r.provision();
        Granted granted = new Granted(p.grantId(), p.requestId(), p.beneficiary(), p.system(), p.role(),
                p.connector().orElseThrow(), r.account(), p.now(), expiresAt(p));
        return Decision.accept(planned.events().get(0), granted,
                new LoginIssued(p.grantId(), r.host(), r.port(), r.database()));
    }

    private static Failed failed(Provision p, String connector, String error) {
        return new Failed(p.requestId(), p.system(), connector, error);
    }

    /** Empty when the grant may be revoked now; otherwise why not (unknown, failed, already revoked). */
    private static Optional<Decision<GrantEvent>> mayRevoke(GrantState state) {
        if (!state.exists()) {
            return Optional.of(Decision.refuse(GrantRefusal.UNKNOWN_GRANT, "no grant is known for request "
                    + state.requestId() + ": nothing to revoke"));
        }
        if (state.status() == GrantStatus.REVOKED) {
            return Optional.of(Decision.refuse(GrantRefusal.ALREADY_REVOKED, "grant " + state.grantId()
                    + " is already revoked"));
        }
        if (state.status() == GrantStatus.FAILED) {
            return Optional.of(Decision.refuse(GrantRefusal.GRANT_FAILED, "grant " + state.grantId()
                    + " was never provisioned"));
        }
        return Optional.empty();
    }

    /** The reason a revocation asked for {@code requested} is recorded under. */
    public static RevocationReason reasonFor(GrantState state, RevocationReason requested) {
        return requested != null ? requested
                : state.pendingReason() != null ? state.pendingReason() : RevocationReason.EXPIRED;
    }

    private static Decision<GrantEvent> recordRevoked(GrantState state, RecordRevoked r) {
        Optional<Decision<GrantEvent>> refusal = mayRevoke(state);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        RevocationReason reason = reasonFor(state, r.reason());
        boolean asPending = r.by() == null && reason == state.pendingReason();
        Revoked revoked = new Revoked(state.grantId(), state.requestId(), state.system(), reason, r.at(),
                r.sessionsTerminated(), r.confirmed(), asPending ? state.pendingBy() : r.by(),
                asPending ? state.pendingNote() : r.note());
        return r.confirmed() ? Decision.accept(revoked)
                : Decision.accept(revoked, new RevocationUnconfirmed(state.grantId(), String.valueOf(r.leftovers())));
    }

    private static Decision<GrantEvent> recordRevocationFailure(GrantState state, RecordRevocationFailure f) {
        Optional<Decision<GrantEvent>> refusal = mayRevoke(state);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        int attempt = state.revocationAttempts() + 1;
        RevocationReason reason = reasonFor(state, f.reason());
        boolean asPending = f.by() == null && reason == state.pendingReason();
        return Decision.accept(
                new RevocationFailed(state.grantId(), state.requestId(), state.system(), attempt, f.error(),
                        f.at().plus(f.backoff().after(attempt))),
                new RevocationPending(state.grantId(), reason, f.at(), asPending ? state.pendingBy() : f.by(),
                        asPending ? state.pendingNote() : f.note()));
    }

    private static Decision<GrantEvent> logSessionAction(GrantState state, LogSessionAction a) {
        if (!state.exists()) {
            return Decision.refuse(GrantRefusal.UNKNOWN_GRANT, "grant does not exist");
        }
        if (!GrantAccessRules.mayLogAction(a.callerId(), a.groups(), state.beneficiary(), state.system(),
                a.agentSystems())) {
            return Decision.refuse(GrantRefusal.NOT_ALLOWED, "only the beneficiary or a session agent scoped to "
                    + state.system() + " may log actions of grant " + state.grantId());
        }
        // accepted after the grant ended too: that is evidence (the audit service alerts on it)
        // who reported it is decided here, not taken from the caller: an agent's observation or the beneficiary's word
        return Decision.accept(new SessionActionLogged(state.grantId(), state.requestId(), a.sessionId(), a.action(),
                a.object(), a.at(), SessionActionRules.sourceOf(a.callerId(), state.beneficiary()), a.source()));
    }

    /** Names of the attempted actions in {@code AttemptRefused}. */
    public static final String REVOKE = "REVOKE";
    public static final String EXTEND = "EXTEND";
    public static final String APPROVE_EXTENSION = "APPROVE_EXTENSION";

    private static Decision<GrantEvent> revokeEarly(GrantState state, RevokeEarly r) {
        if (state.exists() && !GrantAccessRules.mayRevokeEarly(r.actor().id(), r.actor().groups(),
                state.beneficiary())) {
            return Decision.refuse(GrantRefusal.NOT_ALLOWED, "only the beneficiary or a member of "
                    + String.join(", ", GrantAccessRules.REVOKERS.stream().sorted().toList()) + " may revoke grant "
                    + state.grantId());
        }
        Optional<Decision<GrantEvent>> refusal = mayRevoke(state);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        if (!r.at().isBefore(state.expiresAt())) {
            return Decision.refuse(GrantRefusal.DEADLINE_PASSED, "grant " + state.grantId() + " expired at "
                    + state.expiresAt() + "; its revocation is under way");
        }
        return Decision.nothing(); // the connector revokes; RecordRevoked(REVOKED_EARLY, by, note) records it
    }

    /** Refused unless the grant is live and before its deadline at {@code now}. */
    private static Optional<Decision<GrantEvent>> mustBeLive(GrantState state, java.time.Instant now) {
        Optional<Decision<GrantEvent>> refusal = mayRevoke(state);
        if (refusal.isPresent()) {
            return refusal;
        }
        if (!now.isBefore(state.expiresAt())) {
            return Optional.of(Decision.refuse(GrantRefusal.DEADLINE_PASSED, "grant " + state.grantId()
                    + " expired at " + state.expiresAt() + " and can no longer be extended"));
        }
        return Optional.empty();
    }

    private static Decision<GrantEvent> extend(GrantState state, Extend e) {
        if (state.exists() && !e.actor().id().equals(state.beneficiary())) {
            return Decision.refuse(GrantRefusal.NOT_ALLOWED, "only the beneficiary may ask to extend grant "
                    + state.grantId());
        }
        Optional<Decision<GrantEvent>> refusal = mustBeLive(state, e.now());
        if (refusal.isPresent()) {
            return refusal.get();
        }
        if (state.pendingExtension() != null) {
            return Decision.refuse(GrantRefusal.EXTENSION_PENDING, "an extension to "
                    + state.pendingExtension().expiresAt() + " is waiting for approval");
        }
        if (!e.expiresAt().isAfter(state.expiresAt())) {
            return Decision.refuse(GrantRefusal.NOT_LATER, "the new deadline " + e.expiresAt()
                    + " is not later than the current one " + state.expiresAt());
        }
        Optional<ExtensionPolicy> policy = withinPolicy(state, e.bounds(), e.expiresAt());
        if (policy.isEmpty()) {
            return Decision.refuse(GrantRefusal.MAX_DURATION, beyondPolicy(state, e.bounds(), e.expiresAt()));
        }
        if (policy.get().reapproval()) {
            return Decision.accept(new ExtensionRequested(state.grantId(), e.expiresAt(), e.actor().id(), e.reason(),
                    policy.get().approverGroups(), e.now()));
        }
        return Decision.accept(new Extended(state.grantId(), state.requestId(), state.system(), state.expiresAt(),
                e.expiresAt(), e.actor().id(), e.reason(), e.now(), null));
    }

    private static Decision<GrantEvent> approveExtension(GrantState state, ApproveExtension a) {
        Optional<Decision<GrantEvent>> refusal = mayRevoke(state);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        ExtensionRequested pending = state.pendingExtension();
        if (pending == null) {
            return Decision.refuse(GrantRefusal.NO_PENDING_EXTENSION, "grant " + state.grantId()
                    + " has no extension waiting for approval");
        }
        String approver = a.actor().id();
        if (approver.equals(state.beneficiary()) || approver.equals(pending.by())) {
            return Decision.refuse(GrantRefusal.SEPARATION_OF_DUTIES, approver + " asked for or benefits from this "
                    + "extension and may not approve it");
        }
        if (pending.approverGroups().stream().noneMatch(a.actor().groups()::contains)) {
            return Decision.refuse(GrantRefusal.APPROVER_GROUP, "an extension of grant " + state.grantId()
                    + " is approved by a member of " + String.join(", ", pending.approverGroups()));
        }
        Optional<Decision<GrantEvent>> ended = mustBeLive(state, a.now());
        if (ended.isPresent()) {
            return ended.get();
        }
        // the policy may have changed while the extension waited
        if (withinPolicy(state, a.bounds(), pending.expiresAt()).isEmpty()) {
            return Decision.refuse(GrantRefusal.MAX_DURATION, beyondPolicy(state, a.bounds(), pending.expiresAt()));
        }
        return Decision.accept(new Extended(state.grantId(), state.requestId(), state.system(), state.expiresAt(),
                pending.expiresAt(), pending.by(), pending.reason(), a.now(), approver));
    }

    /** The extension policy when a grant lasting until {@code until} is within it. */
    private static Optional<ExtensionPolicy> withinPolicy(GrantState state, PolicyBounds bounds,
            java.time.Instant until) {
        return bounds.extension(state.system(), state.role())
                .filter(p -> Duration.between(state.grantedAt(), until).compareTo(p.max()) <= 0);
    }

    private static String beyondPolicy(GrantState state, PolicyBounds bounds, java.time.Instant until) {
        return bounds.extension(state.system(), state.role())
                .map(p -> "a grant of " + state.role() + " on " + state.system() + " may last at most " + p.max()
                        + " under policy " + bounds.policy() + "; until " + until + " it would last "
                        + Duration.between(state.grantedAt(), until))
                .orElse("no rule of policy " + bounds.policy() + " offers " + state.role() + " on " + state.system());
    }

    @Override
    public GrantState evolve(GrantState state, GrantEvent event) {
        GrantState.Builder next = state.with();
        if (event instanceof Opened o) {
            identify(next, o.grantId(), o.requestId(), o.beneficiary(), o.system(), o.role(), o.connector());
            next.createdAt = o.at();
            next.updatedAt = o.at();
        } else if (event instanceof Granted g) {
            identify(next, g.grantId(), g.requestId(), g.beneficiary(), g.system(), g.role(), g.connector());
            next.account = g.account();
            next.status = GrantStatus.ACTIVE;
            next.grantedAt = g.grantedAt();
            next.expiresAt = g.expiresAt();
            next.updatedAt = g.grantedAt();
            if (next.createdAt == null) {
                next.createdAt = g.grantedAt();
            }
        } else if (event instanceof LoginIssued l) {
            next.loginHost = l.host();
            next.loginPort = l.port();
            next.loginDatabase = l.database();
        } else if (event instanceof Failed f) {
            next.requestId = f.requestId();
            next.status = GrantStatus.FAILED;
            next.failure = f.error();
        } else if (event instanceof Cancelled c) {
            next.requestId = c.requestId();
            next.cancelled = true;
        } else if (event instanceof RevocationFailed f) {
            next.revocationAttempts = f.attempt();
            next.nextRevocationAt = f.nextAttemptAt();
        } else if (event instanceof RevocationPending p) {
            next.pendingReason = p.reason();
            next.pendingBy = p.by();
            next.pendingNote = p.note();
            next.updatedAt = p.at();
        } else if (event instanceof Revoked r) {
            next.status = GrantStatus.REVOKED;
            next.revokedAt = r.revokedAt();
            next.revocationReason = r.reason();
            next.sessionsTerminated = r.sessionsTerminated();
            next.confirmed = r.confirmed();
            next.failure = null;
            next.nextRevocationAt = null;
            next.pendingReason = null;
            next.pendingBy = null;
            next.pendingNote = null;
            next.revokedBy = r.revokedBy();
            next.revocationNote = r.note();
            next.pendingExtension = null; // an extension waiting for approval lapses with the grant
            next.updatedAt = r.revokedAt();
        } else if (event instanceof Extended x) {
            next.expiresAt = x.expiresAt();
            next.extended = true;
            next.pendingExtension = null;
            next.updatedAt = x.at();
        } else if (event instanceof ExtensionRequested x) {
            next.pendingExtension = x;
            next.updatedAt = x.at();
        } else if (event instanceof RevocationUnconfirmed u) {
            next.failure = "revocation not confirmed: " + u.leftovers();
        } else if (event instanceof SessionActionLogged) {
            next.version = state.version(); // kept in its own stream; it changes nothing here
            return next.build();
        }
        return next.build();
    }

    private static void identify(GrantState.Builder next, GrantId grantId, RequestId requestId, String beneficiary,
            String system, String role, String connector) {
        next.grantId = grantId;
        next.requestId = requestId;
        next.beneficiary = beneficiary;
        next.system = system;
        next.role = role;
        next.connector = connector;
    }

    /** Events in the order they are kept; a convenience for tests and the projection rebuild. */
    public GrantState fold(GrantEvent... events) {
        return fold(List.of(events));
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
