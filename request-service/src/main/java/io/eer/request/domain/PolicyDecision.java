package io.eer.request.domain;

import java.time.Duration;
import java.util.List;

/** The outcome of checking a request against the policy, with every rule's own verdict (for evaluate). */
public sealed interface PolicyDecision {

    List<RuleCheck> checks();

    /** The first rule in file order that accepts the request, and the duration it will be asked for. */
    record Accepted(Policy.Rule rule, Duration duration, List<RuleCheck> checks) implements PolicyDecision {
        public Accepted {
            checks = List.copyOf(checks);
        }
    }

    /**
     * No rule accepts the request. {@code violations} are those of the request itself, or of the rule that came
     * closest. {@code stepUp} is set when the only thing missing is fresher or stronger authentication: the caller
     * should re-authenticate (RFC 9470) and send the same request again.
     */
    record Refused(List<RuleViolation> violations, List<RuleCheck> checks, Policy.Mfa stepUp)
            implements PolicyDecision {
        public Refused {
            violations = List.copyOf(violations);
            checks = List.copyOf(checks);
        }
    }

    /** One rule's verdict on the request: {@code failures} empty means it would accept it. */
    record RuleCheck(String ruleId, boolean accepts, boolean selected, List<RuleViolation> failures) {
        public RuleCheck {
            failures = List.copyOf(failures);
        }
    }
}
