package io.eer.request.application;

import io.eer.contracts.Topics;
import io.eer.contracts.events.EmergencyRequested;
import io.eer.contracts.events.RequestRejected;
import io.eer.contracts.events.Values.Origin;
import io.eer.contracts.events.Values.PolicyRef;
import io.eer.contracts.events.Values.RuleViolation;
import io.eer.request.domain.AccessRequest;
import io.eer.request.domain.Policy;
import io.eer.request.domain.PolicyDecision;
import io.eer.request.domain.RequestPolicy;
import io.eer.request.domain.RequestStatus;
import io.eer.request.domain.Requester;
import io.eer.request.infra.PolicyStore;
import io.eer.request.projection.RequestView;
import io.eer.support.outbox.EventStore;
import io.eer.support.security.Caller;
import io.eer.support.time.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Checks a request against the active policy and records the outcome: {@code EmergencyRequested} when accepted,
 * {@code RequestRejected} when refused (a refused attempt is evidence too). Call inside a transaction.
 */
@ApplicationScoped
public class SubmitRequest {

    private final PolicyStore policies;
    private final EventStore eventStore;
    private final Ids ids;
    private final Clock clock;

    SubmitRequest(PolicyStore policies, EventStore eventStore, Ids ids, Clock clock) {
        this.policies = policies;
        this.eventStore = eventStore;
        this.ids = ids;
        this.clock = clock;
    }

    /** {@code stepUp} is set when only stronger or fresher authentication is missing. */
    public record Outcome(String requestId, RequestStatus status, List<RuleViolation> violations, Policy.Mfa stepUp,
            PolicyRef policy, String ruleId, Duration duration) {
    }

    public static Requester requester(Caller caller) {
        return new Requester(caller.principal(), caller.mfa());
    }

    public Uni<Outcome> execute(AccessRequest request, Caller caller) {
        Policy policy = policies.policy();
        String requestId = ids.next();
        Instant now = clock.instant();
        PolicyDecision decision = RequestPolicy.evaluate(policy, request, requester(caller), now);
        if (decision instanceof PolicyDecision.Accepted accepted) {
            Policy.Rule rule = accepted.rule();
            EmergencyRequested requested = new EmergencyRequested(requestId, request.kind(), request.origin(),
                    caller.principal(), beneficiary(request, caller), request.system(), request.role(),
                    request.justification(), blankToNull(request.incident()), accepted.duration(), caller.mfa(),
                    policy.ref(), rule.approval().plan(), rule.review() == null ? null : rule.review().plan(),
                    blankToNull(request.ticket()), rule.duration().max(), rule.id());
            return eventStore.append(requestId, 0, Topics.REQUESTS, requested)
                    .chain(() -> project(requestId, request, caller, RequestStatus.PENDING_APPROVAL, policy,
                            rule.id(), accepted.duration(), now))
                    .map(ignored -> new Outcome(requestId, RequestStatus.PENDING_APPROVAL, List.of(), null,
                            policy.ref(), rule.id(), accepted.duration()));
        }
        PolicyDecision.Refused refused = (PolicyDecision.Refused) decision;
        return eventStore
                .append(requestId, 0, Topics.REQUESTS, new RequestRejected(requestId, caller.principal(),
                        request.system(), request.role(), refused.violations(), policy.ref()))
                .chain(() -> project(requestId, request, caller, RequestStatus.REJECTED, policy, null,
                        request.duration(), now))
                .map(ignored -> new Outcome(requestId, RequestStatus.REJECTED, refused.violations(), refused.stepUp(),
                        policy.ref(), null, request.duration()));
    }

    /** The beneficiary receives the access: the named person for ON_BEHALF, else the caller. */
    static String beneficiary(AccessRequest request, Caller caller) {
        return request.origin() == Origin.ON_BEHALF && request.beneficiary() != null
                ? request.beneficiary().id() : caller.id();
    }

    private Uni<RequestView> project(String requestId, AccessRequest request, Caller caller, RequestStatus status,
            Policy policy, String ruleId, Duration duration, Instant now) {
        RequestView view = new RequestView();
        view.requestId = requestId;
        view.kind = request.kind() == null ? "UNKNOWN" : request.kind().name();
        view.origin = request.origin() == null ? null : request.origin().name();
        view.status = status;
        view.requester = caller.id();
        view.beneficiary = beneficiary(request, caller);
        view.system = request.system();
        view.role = request.role();
        view.duration = duration == null ? null : duration.toString();
        view.incident = blankToNull(request.incident());
        view.ticket = blankToNull(request.ticket());
        view.ruleId = ruleId;
        view.policyId = policy.id();
        view.policyVersion = policy.version();
        view.version = 1;
        view.createdAt = now;
        view.updatedAt = now;
        return view.persist();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
