package io.eer.request.application;

import io.eer.request.domain.Policy;
import io.eer.request.domain.PolicyRef;
import io.eer.request.domain.RequestCommand;
import io.eer.request.domain.RequestEvent;
import io.eer.request.domain.RequestId;
import io.eer.request.domain.RequestStatus;
import io.eer.request.domain.RequestedAccess;
import io.eer.request.domain.RuleViolation;
import io.eer.request.infra.out.PolicyStore;
import io.eer.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Submits a request under the active policy: {@code EmergencyRequested} when a rule accepts it, {@code
 * RequestRejected} when none does (a refused attempt is evidence too). Decided by
 * {@link io.eer.request.domain.AccessRequest}. Call inside a transaction.
 */
@ApplicationScoped
public class SubmitRequest {

    private final PolicyStore policies;
    private final RequestAggregate aggregate;
    private final Clock clock;

    SubmitRequest(PolicyStore policies, RequestAggregate aggregate, Clock clock) {
        this.policies = policies;
        this.aggregate = aggregate;
        this.clock = clock;
    }

    /** {@code stepUp} is set when only stronger or fresher authentication is missing. */
    public record Outcome(String requestId, RequestStatus status, List<RuleViolation> violations, Policy.Mfa stepUp,
            PolicyRef policy, String ruleId, Duration duration) {
    }

    /** {@code id} is new (the caller makes it, so that it can name the request in its log lines at once). */
    public Uni<Outcome> execute(RequestId id, RequestedAccess ask, Caller caller) {
        Policy policy = policies.policy();
        return aggregate.execute(id, new RequestCommand.Submit(id, ask, Requesters.of(caller), policy,
                clock.instant())).map(executed -> {
                    RequestEvent first = executed.decision().events().get(0);
                    if (first instanceof RequestEvent.Requested requested) {
                        return new Outcome(id.value(), RequestStatus.PENDING_APPROVAL, List.of(), null,
                                requested.policy(), requested.ruleId(), requested.duration());
                    }
                    RequestEvent.Rejected rejected = (RequestEvent.Rejected) first;
                    return new Outcome(id.value(), RequestStatus.REJECTED, rejected.violations(), rejected.stepUp(),
                            rejected.policy(), null, ask.duration());
                });
    }
}
