package io.eer.request.application;

import io.eer.request.domain.Policy;
import io.eer.request.domain.PolicyDecision;
import io.eer.request.domain.RequestPolicy;
import io.eer.request.domain.RequestedAccess;
import io.eer.request.infra.out.PolicyStore;
import io.eer.support.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/** What the active policy would decide on a request, every rule's verdict included; nothing is stored. */
@ApplicationScoped
public class EvaluateRequest {

    public record Evaluation(Policy policy, PolicyDecision decision, Instant at) {
    }

    private final PolicyStore policies;
    private final Clock clock;

    EvaluateRequest(PolicyStore policies, Clock clock) {
        this.policies = policies;
        this.clock = clock;
    }

    public Evaluation execute(RequestedAccess ask, Caller caller) {
        Policy policy = policies.policy();
        Instant now = clock.instant();
        return new Evaluation(policy, RequestPolicy.evaluate(policy, ask, Requesters.of(caller), now), now);
    }
}
