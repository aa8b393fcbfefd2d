package io.eer.request.application;

import io.eer.contracts.Topics;
import io.eer.contracts.events.EmergencyRequested;
import io.eer.contracts.events.RequestRejected;
import io.eer.contracts.events.Values.ApprovalPlan;
import io.eer.contracts.events.Values.Origin;
import io.eer.contracts.events.Values.ReviewPlan;
import io.eer.contracts.events.Values.RuleViolation;
import io.eer.request.domain.AccessRequest;
import io.eer.request.domain.Policy;
import io.eer.request.domain.PolicyDecision;
import io.eer.request.domain.RequestPolicy;
import io.eer.request.domain.RequestStatus;
import io.eer.request.infra.PolicyLoader;
import io.eer.request.projection.RequestView;
import io.eer.support.outbox.EventStore;
import io.eer.support.security.Caller;
import io.eer.support.time.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;

/**
 * Checks a request against the active policy and records the outcome: {@code EmergencyRequested} when accepted,
 * {@code RequestRejected} when refused (a refused attempt is evidence too). Call inside a transaction.
 */
@ApplicationScoped
public class SubmitRequest {

    private final PolicyLoader policies;
    private final EventStore eventStore;
    private final Ids ids;
    private final Clock clock;

    SubmitRequest(PolicyLoader policies, EventStore eventStore, Ids ids, Clock clock) {
        this.policies = policies;
        this.eventStore = eventStore;
        this.ids = ids;
        this.clock = clock;
    }

    public record Outcome(String requestId, RequestStatus status, List<RuleViolation> violations) {
    }

    public Uni<Outcome> execute(AccessRequest request, Caller caller) {
        Policy policy = policies.active();
        String requestId = ids.next();
        PolicyDecision decision = RequestPolicy.evaluate(policy, request, caller.principal());
        if (decision instanceof PolicyDecision.Accepted accepted) {
            return eventStore
                    .append(requestId, 0, Topics.REQUESTS, requested(requestId, request, caller, policy, accepted.rule()))
                    .chain(() -> project(requestId, request, caller, RequestStatus.PENDING_APPROVAL))
                    .map(ignored -> new Outcome(requestId, RequestStatus.PENDING_APPROVAL, List.of()));
        }
        List<RuleViolation> violations = ((PolicyDecision.Refused) decision).violations();
        return eventStore
                .append(requestId, 0, Topics.REQUESTS, new RequestRejected(requestId, caller.principal(),
                        request.system(), request.role(), violations, policy.ref()))
                .chain(() -> project(requestId, request, caller, RequestStatus.REJECTED))
                .map(ignored -> new Outcome(requestId, RequestStatus.REJECTED, violations));
    }

    private EmergencyRequested requested(String requestId, AccessRequest request, Caller caller, Policy policy,
            Policy.Rule rule) {
        return new EmergencyRequested(requestId, request.kind(), request.origin(), caller.principal(),
                beneficiary(request, caller), request.system(), request.role(), request.justification(),
                request.incident(), request.duration(), caller.mfa(), policy.ref(),
                new ApprovalPlan(rule.approval().mode(), rule.approval().approverGroups(), rule.approval().quorum()),
                new ReviewPlan(rule.review().reviewerGroups(), rule.review().dueWithin()));
    }

    private static String beneficiary(AccessRequest request, Caller caller) {
        return request.origin() == Origin.ON_BEHALF ? request.beneficiary() : caller.id();
    }

    private Uni<RequestView> project(String requestId, AccessRequest request, Caller caller, RequestStatus status) {
        RequestView view = new RequestView();
        view.requestId = requestId;
        view.kind = request.kind() == null ? "UNKNOWN" : request.kind().name();
        view.status = status;
        view.requester = caller.id();
        view.beneficiary = request.origin() == null ? caller.id() : beneficiary(request, caller);
        view.system = request.system();
        view.role = request.role();
        view.version = 1;
        view.createdAt = clock.instant();
        view.updatedAt = view.createdAt;
        return view.persist();
    }
}
