package io.eer.request.domain;

import io.eer.contracts.events.Values.Origin;
import io.eer.contracts.events.Values.Principal;
import io.eer.contracts.events.Values.PrincipalType;
import io.eer.contracts.events.Values.RequestKind;
import io.eer.contracts.events.Values.RuleViolation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks one request against the policy and names every rule it breaks, so the caller can fix them all at once.
 */
public final class RequestPolicy {

    public static final int MAX_JUSTIFICATION = 2000;

    private RequestPolicy() {
    }

    public static PolicyDecision evaluate(Policy policy, AccessRequest request, Principal requester) {
        List<RuleViolation> violations = new ArrayList<>();
        require(request.kind() != null, violations, "kind", "required", "must be EMERGENCY or JIT");
        require(request.origin() != null, violations, "origin", "required",
                "must be EMPLOYEE_SELF, CONTRACTOR_SELF or ON_BEHALF");
        checkOrigin(request, requester, violations);
        require(!blank(request.justification()), violations, "justification", "required", "must say why access is needed");
        require(blank(request.justification()) || request.justification().length() <= MAX_JUSTIFICATION, violations,
                "justification", "max-length", "must be at most " + MAX_JUSTIFICATION + " characters");
        require(request.kind() != RequestKind.EMERGENCY || !blank(request.incident()), violations,
                "incident", "required-for-emergency", "an EMERGENCY request must name its incident");
        checkDuration(request.duration(), violations);

        Optional<Policy.TargetSystem> system = blank(request.system()) ? Optional.empty() : policy.system(request.system());
        require(system.isPresent(), violations, "system", "system-exists",
                "unknown system '" + request.system() + "'");
        system.ifPresent(s -> {
            require(request.kind() != RequestKind.EMERGENCY || s.critical(), violations, "system",
                    "emergency-needs-critical-system", "'" + s.id() + "' is not critical; ask for JIT access instead");
            require(s.roles().contains(request.role()), violations, "role", "role-offered",
                    "'" + s.id() + "' offers roles " + s.roles());
        });
        if (!violations.isEmpty()) {
            return new PolicyDecision.Refused(violations);
        }

        List<Policy.Rule> candidates = policy.rules().stream()
                .filter(rule -> rule.kind() == request.kind() && rule.covers(request.system(), request.role()))
                .toList();
        Optional<Policy.Rule> eligible = candidates.stream()
                .filter(rule -> rule.requesterGroups().stream().anyMatch(requester.groups()::contains))
                .filter(rule -> rule.requesterTypes().contains(requester.type()))
                .filter(rule -> rule.origins().contains(request.origin()))
                .findFirst();
        if (eligible.isEmpty()) {
            return new PolicyDecision.Refused(List.of(new RuleViolation("requester", "requester-eligible",
                    "no " + request.kind() + " rule lets '" + requester.id() + "' request " + request.role()
                            + " on " + request.system())));
        }
        Policy.Rule rule = eligible.get();
        if (request.duration().compareTo(rule.maxDuration()) > 0) {
            return new PolicyDecision.Refused(List.of(new RuleViolation("duration", "max-duration",
                    "must be at most " + rule.maxDuration() + " under rule " + rule.id())));
        }
        if (rule.incidentRequired() && blank(request.incident())) {
            return new PolicyDecision.Refused(List.of(new RuleViolation("incident", "incident-required",
                    "rule " + rule.id() + " requires an incident or ticket reference")));
        }
        return new PolicyDecision.Accepted(rule);
    }

    private static void checkOrigin(AccessRequest request, Principal requester, List<RuleViolation> violations) {
        if (request.origin() == null) {
            return;
        }
        switch (request.origin()) {
            case EMPLOYEE_SELF -> require(requester.type() == PrincipalType.EMPLOYEE, violations, "origin",
                    "origin-matches-caller", "EMPLOYEE_SELF needs an employee token");
            case CONTRACTOR_SELF -> require(requester.type() == PrincipalType.CONTRACTOR, violations, "origin",
                    "origin-matches-caller", "CONTRACTOR_SELF needs a contractor token");
            case ON_BEHALF -> require(!blank(request.beneficiary()) && !request.beneficiary().equals(requester.id()),
                    violations, "beneficiary", "required-on-behalf", "ON_BEHALF must name someone else as beneficiary");
        }
        if (request.origin() != Origin.ON_BEHALF && !blank(request.beneficiary())) {
            require(request.beneficiary().equals(requester.id()), violations, "beneficiary", "self-request",
                    "a self request's beneficiary is the requester; use ON_BEHALF");
        }
    }

    private static void checkDuration(Duration duration, List<RuleViolation> violations) {
        require(duration != null, violations, "duration", "required", "an ISO-8601 duration such as PT30M");
        require(duration == null || (!duration.isNegative() && !duration.isZero()), violations,
                "duration", "positive", "must be longer than zero");
    }

    private static void require(boolean ok, List<RuleViolation> violations, String field, String rule, String message) {
        if (!ok) {
            violations.add(new RuleViolation(field, rule, message));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
