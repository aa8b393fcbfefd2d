package io.eer.request.domain;

import io.eer.support.decider.Decider;
import io.eer.support.decider.Decision;
import java.util.EnumSet;
import java.util.Set;

/**
 * The access request aggregate: submitted once (accepted or rejected under the policy), cancellable by its
 * requester, its beneficiary or an admin while it may still lead to access, and moved along its lifecycle by what
 * the other services report. Rebuilt from {@code domain_event}; never decided from the {@code request_status} view.
 */
public final class AccessRequest implements Decider<RequestState, RequestCommand, RequestEvent> {

    public static final AccessRequest DECIDER = new AccessRequest();

    public static final Set<RequestStatus> CANCELLABLE = EnumSet.of(RequestStatus.PENDING_APPROVAL,
            RequestStatus.APPROVED, RequestStatus.GRANTED);

    private AccessRequest() {
    }

    @Override
    public RequestState initialState() {
        return RequestState.NONE;
    }

    @Override
    public Decision<RequestEvent> decide(RequestState state, RequestCommand command) {
        if (command instanceof RequestCommand.Submit submit) {
            return submit(state, submit);
        }
        if (command instanceof RequestCommand.Cancel cancel) {
            return cancel(state, cancel);
        }
        return track(state, (RequestCommand.TrackLifecycle) command);
    }

    private static Decision<RequestEvent> submit(RequestState state, RequestCommand.Submit submit) {
        if (state.exists()) {
            return Decision.refuse(RequestRule.ALREADY_SUBMITTED, "request " + submit.requestId() + " exists");
        }
        RequestedAccess ask = submit.ask();
        Requester requester = submit.requester();
        Policy policy = submit.policy();
        PolicyDecision decision = RequestPolicy.evaluate(policy, ask, requester, submit.at());
        if (decision instanceof PolicyDecision.Accepted accepted) {
            Policy.Rule rule = accepted.rule();
            return Decision.accept(new RequestEvent.Requested(submit.requestId(), ask.kind(), ask.origin(),
                    requester.principal(), new UserId(beneficiary(ask, requester)), ask.system(), ask.role(), ask.justification(),
                    blankToNull(ask.incident()), accepted.duration(), requester.mfa(), policy.ref(), rule.approval(),
                    rule.review(), blankToNull(ask.ticket()), rule.duration().max(), rule.id(),
                    ask.decidedScope(policy.system(ask.system()).orElseThrow())));
        }
        PolicyDecision.Refused refused = (PolicyDecision.Refused) decision;
        return Decision.accept(
                new RequestEvent.Rejected(submit.requestId(), requester.principal(), ask.system(), ask.role(),
                        refused.violations(), policy.ref(), refused.stepUp()),
                new RequestEvent.RejectedAskRecorded(ask.kind(), ask.origin(), beneficiary(ask, requester), ask.duration(),
                        blankToNull(ask.incident()), blankToNull(ask.ticket())));
    }

    private static Decision<RequestEvent> cancel(RequestState state, RequestCommand.Cancel cancel) {
        if (!state.exists()) {
            return Decision.refuse(RequestRule.NOT_FOUND, "request not found");
        }
        String by = cancel.by().id();
        if (!state.isParty(by) && !cancel.admin()) {
            // refused, and the attempt is evidence: recorded and published, the caller is told 403
            return Decision.accept(new RequestEvent.CancelRefused(state.requestId(), cancel.by(), by + " is neither the requester nor "
                    + "the beneficiary of request " + state.requestId(), cancel.policy()));
        }
        if (state.status() == RequestStatus.CANCELLED) {
            return Decision.nothing();
        }
        if (!CANCELLABLE.contains(state.status())) {
            return Decision.refuse(RequestRule.NOT_CANCELLABLE, "request " + state.requestId() + " is "
                    + state.status() + "; only " + CANCELLABLE + " requests can be cancelled");
        }
        return Decision.accept(new RequestEvent.Cancelled(state.requestId(), new UserId(by), cancel.reason()));
    }

    private static Decision<RequestEvent> track(RequestState state, RequestCommand.TrackLifecycle track) {
        if (!state.exists()) {
            return Decision.nothing(); // not a request of ours (or not yet known): nothing to move
        }
        RequestEvent.LifecycleAdvanced step = new RequestEvent.LifecycleAdvanced(track.reported(), track.grantId());
        return advance(state, step).equals(state) ? Decision.nothing() : Decision.accept(step);
    }

    @Override
    public RequestState evolve(RequestState state, RequestEvent event) {
        if (event instanceof RequestEvent.Requested requested) {
            return new RequestState(requested.requestId(), RequestStatus.PENDING_APPROVAL,
                    new UserId(requested.requester().id()), requested.beneficiary(), null);
        }
        if (event instanceof RequestEvent.Rejected rejected) {
            return new RequestState(rejected.requestId(), RequestStatus.REJECTED,
                    new UserId(rejected.requester().id()), null, null);
        }
        if (event instanceof RequestEvent.RejectedAskRecorded ask) {
            UserId beneficiary = ask.beneficiary() == null || ask.beneficiary().isBlank() ? null
                    : new UserId(ask.beneficiary());
            return new RequestState(state.requestId(), state.status(), state.requester(), beneficiary,
                    state.grantId());
        }
        if (event instanceof RequestEvent.Cancelled) {
            return state.with(RequestStatus.CANCELLED);
        }
        if (event instanceof RequestEvent.LifecycleAdvanced step) {
            return advance(state, step);
        }
        return state; // CancelRefused changes nothing but the record
    }

    /**
     * Statuses are declared in lifecycle order and the topics are not ordered with each other, so a late report
     * (AccessExpired after AccessRevoked) never moves a request backwards, and a cancelled request stays cancelled;
     * the grant id is kept whenever it is first reported (also on a cancelled request: the grant being revoked).
     */
    static RequestState advance(RequestState state, RequestEvent.LifecycleAdvanced step) {
        String grantId = state.grantId() == null && step.grantId() != null ? step.grantId() : state.grantId();
        RequestStatus status = state.status() == RequestStatus.CANCELLED
                || step.reported().ordinal() <= state.status().ordinal() ? state.status() : step.reported();
        return new RequestState(state.requestId(), status, state.requester(), state.beneficiary(), grantId);
    }

    /** The beneficiary receives the access: the named person for ON_BEHALF (as asked), else the requester. */
    public static String beneficiary(RequestedAccess ask, Requester requester) {
        return ask.origin() == Origin.ON_BEHALF && ask.beneficiary() != null
                ? ask.beneficiary().id() : requester.id();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
