package io.eer.request.domain;

import io.eer.contracts.events.Values.RuleViolation;
import java.util.List;

/** The outcome of checking a request against the policy. */
public sealed interface PolicyDecision {

    record Accepted(Policy.Rule rule) implements PolicyDecision {
    }

    record Refused(List<RuleViolation> violations) implements PolicyDecision {
        public Refused {
            violations = List.copyOf(violations);
        }
    }
}
