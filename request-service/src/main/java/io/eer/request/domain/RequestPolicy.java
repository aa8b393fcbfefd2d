package io.eer.request.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks one well-formed request against the policy. First what holds whatever the rule (the system exists and
 * offers the role, the origin matches the token, ...), naming every problem at once; then each rule in file order.
 * The first rule without failures decides. When none accepts, the failures reported are those of the rule that came
 * closest: the one that got furthest through scope (kind, system, role), eligibility (origin, groups, types),
 * conditions (duration, reference) and authentication (MFA), the earliest in the file on a tie.
 */
public final class RequestPolicy {

    private static final int SCOPE = 0;
    private static final int ELIGIBILITY = 1;
    private static final int CONDITIONS = 2;
    private static final int AUTHENTICATION = 3;
    private static final int ACCEPTS = 4;

    private RequestPolicy() {
    }

    public static PolicyDecision evaluate(Policy policy, RequestedAccess request, Requester requester, Instant now) {
        List<Verdict> verdicts = policy.rules().stream().map(rule -> verdict(rule, request, requester, now)).toList();
        List<RuleViolation> basic = basicChecks(policy, request, requester);
        Optional<Verdict> accepting = basic.isEmpty()
                ? verdicts.stream().filter(v -> v.stage == ACCEPTS).findFirst()
                : Optional.empty();
        List<PolicyDecision.RuleCheck> checks = verdicts.stream()
                .map(v -> new PolicyDecision.RuleCheck(v.rule.id(), v.failures.isEmpty(),
                        accepting.isPresent() && accepting.get() == v, v.failures))
                .toList();
        if (accepting.isPresent()) {
            Verdict chosen = accepting.get();
            return new PolicyDecision.Accepted(chosen.rule, effectiveDuration(chosen.rule, request), checks);
        }
        if (!basic.isEmpty()) {
            return new PolicyDecision.Refused(basic, checks, null);
        }
        Verdict closest = null;
        for (Verdict verdict : verdicts) {
            if (closest == null || verdict.stage > closest.stage) {
                closest = verdict;
            }
        }
        if (closest == null || closest.stage == SCOPE) {
            return new PolicyDecision.Refused(List.of(noRule(policy, request)), checks, null);
        }
        Policy.Mfa stepUp = closest.stage == AUTHENTICATION ? closest.rule.mfa() : null;
        return new PolicyDecision.Refused(closest.failures, checks, stepUp);
    }

    /** What must hold whatever rule decides; a request failing here is not matched against rules at all. */
    static List<RuleViolation> basicChecks(Policy policy, RequestedAccess request, Requester requester) {
        List<RuleViolation> violations = new ArrayList<>();
        require(request.kind() != null, violations, "kind", "required", "must be EMERGENCY or JIT");
        require(request.origin() != null, violations, "origin", "required",
                "must be EMPLOYEE_SELF, CONTRACTOR_SELF or ON_BEHALF");
        require(!blank(request.justification()), violations, "justification", "required",
                "must say why access is needed");
        require(request.duration() == null || (!request.duration().isNegative() && !request.duration().isZero()),
                violations, "duration", "positive", "must be longer than zero");
        checkOrigin(request, requester, violations);

        if (blank(request.system())) {
            violations.add(new RuleViolation("system", "required", "name the system, e.g. one of "
                    + policy.systems().stream().map(Policy.TargetSystem::id).toList()));
        } else {
            Optional<Policy.TargetSystem> system = policy.system(request.system());
            require(system.isPresent(), violations, "system", "system-exists", "unknown system '" + request.system()
                    + "'; the policy knows " + policy.systems().stream().map(Policy.TargetSystem::id).toList());
            system.ifPresent(s -> {
                require(request.kind() != RequestKind.EMERGENCY || s.criticality().allowsEmergency(), violations,
                        "system", "emergency-needs-critical-system", "'" + s.id() + "' is " + s.criticality()
                                + "; break-glass is for HIGH and CRITICAL systems; ask for JIT access instead");
                if (blank(request.role())) {
                    violations.add(new RuleViolation("role", "required", "'" + s.id() + "' offers " + s.roles()));
                } else {
                    require(s.roles().contains(request.role()), violations, "role", "role-offered",
                            "'" + s.id() + "' offers roles " + s.roles() + ", not '" + request.role() + "'");
                }
                checkScope(s, request, violations);
            });
        }
        return violations;
    }

    /** A requested scope may only narrow the system's: each entry within one of the policy's patterns. */
    private static void checkScope(Policy.TargetSystem system, RequestedAccess request,
            List<RuleViolation> violations) {
        List<String> asked = request.scope();
        if (asked == null || system.scope().isEmpty()) {
            return; // none asked, or the policy names none: any narrowing is within "every object"
        }
        for (int i = 0; i < asked.size(); i++) {
            require(ObjectScope.withinAny(asked.get(i), system.scope()), violations, "scope.objects[" + i + "]",
                    "within-policy-scope", "'" + asked.get(i) + "' is outside the scope of '" + system.id()
                            + "' in the policy: " + system.scope());
        }
    }

    private static void checkOrigin(RequestedAccess request, Requester requester, List<RuleViolation> violations) {
        if (request.origin() == null) {
            return;
        }
        PrincipalType type = requester.principal().type();
        switch (request.origin()) {
            case EMPLOYEE_SELF -> require(type == PrincipalType.EMPLOYEE, violations, "origin",
                    "origin-matches-caller", "EMPLOYEE_SELF needs an employee token; yours says " + type);
            case CONTRACTOR_SELF -> require(type == PrincipalType.CONTRACTOR, violations, "origin",
                    "origin-matches-caller", "CONTRACTOR_SELF needs a contractor token; yours says " + type);
            case ON_BEHALF -> {
                RequestedAccess.Beneficiary beneficiary = request.beneficiary();
                if (beneficiary == null || blank(beneficiary.id()) || beneficiary.type() == null) {
                    violations.add(new RuleViolation("beneficiary", "required-on-behalf",
                            "ON_BEHALF must name the beneficiary: {\"id\": ..., \"type\": EMPLOYEE or CONTRACTOR}"));
                } else {
                    require(!beneficiary.id().equals(requester.id()), violations, "beneficiary", "not-self",
                            "you cannot be your own beneficiary; use EMPLOYEE_SELF or CONTRACTOR_SELF");
                }
            }
        }
        if (request.origin() != Origin.ON_BEHALF && request.beneficiary() != null) {
            violations.add(new RuleViolation("beneficiary", "self-request",
                    "a self request's beneficiary is the requester; name a beneficiary only with ON_BEHALF"));
        }
    }

    private record Verdict(Policy.Rule rule, int stage, List<RuleViolation> failures) {
    }

    private static Verdict verdict(Policy.Rule rule, RequestedAccess request, Requester requester, Instant now) {
        List<RuleViolation> scope = new ArrayList<>();
        require(rule.kind() == request.kind(), scope, "kind", "rule-kind", "rule " + rule.id() + " is for "
                + rule.kind() + " requests");
        require(contains(rule.systems(), request.system()), scope, "system", "rule-system", "rule " + rule.id()
                + " covers systems " + rule.systems());
        require(contains(rule.roles(), request.role()), scope, "role", "rule-role", "rule " + rule.id()
                + " covers roles " + rule.roles());
        require(contains(rule.origins(), request.origin()), scope, "origin", "origin-allowed",
                "rule " + rule.id() + " allows origins " + rule.origins());
        if (!scope.isEmpty()) {
            return new Verdict(rule, SCOPE, scope);
        }
        List<RuleViolation> eligibility = eligibility(rule, request, requester);
        if (!eligibility.isEmpty()) {
            return new Verdict(rule, ELIGIBILITY, eligibility);
        }
        List<RuleViolation> conditions = conditions(rule, request);
        if (!conditions.isEmpty()) {
            return new Verdict(rule, CONDITIONS, conditions);
        }
        List<RuleViolation> mfa = authentication(rule.mfa(), requester.mfa(), now);
        return mfa.isEmpty() ? new Verdict(rule, ACCEPTS, List.of()) : new Verdict(rule, AUTHENTICATION, mfa);
    }

    private static List<RuleViolation> eligibility(Policy.Rule rule, RequestedAccess request, Requester requester) {
        List<RuleViolation> failures = new ArrayList<>();
        Policy.Requesters who = rule.requesters();
        List<String> groups = requester.principal().groups();
        if (request.origin() == Origin.ON_BEHALF) {
            require(who.supervisorGroups().stream().anyMatch(groups::contains), failures, "requester",
                    "supervisor-group", "rule " + rule.id() + " lets members of " + who.supervisorGroups()
                            + " request on someone's behalf");
            PrincipalType type = request.beneficiary() == null ? null : request.beneficiary().type();
            require(type != null && who.types().contains(type), failures, "beneficiary", "beneficiary-type",
                    "rule " + rule.id() + " grants access to " + who.types() + " only");
            if (who.beneficiaryCheck() == Policy.BeneficiaryCheck.LISTED && request.beneficiary() != null
                    && request.beneficiary().id() != null) {
                PrincipalType listed = who.listedType(request.beneficiary().id());
                if (listed == null) {
                    failures.add(new RuleViolation("beneficiary", "beneficiary-listed", "rule " + rule.id()
                            + " accepts only the beneficiaries its policy lists"));
                } else {
                    require(listed == type, failures, "beneficiary", "beneficiary-type-matches", "the policy lists "
                            + request.beneficiary().id() + " as " + listed + ", not " + type);
                }
            }
        } else {
            require(who.types().contains(requester.principal().type()), failures, "requester", "requester-type",
                    "rule " + rule.id() + " is for " + who.types() + " only");
            require(who.groups().stream().anyMatch(groups::contains), failures, "requester", "requester-group",
                    "rule " + rule.id() + " is for members of " + who.groups());
        }
        return failures;
    }

    private static List<RuleViolation> conditions(Policy.Rule rule, RequestedAccess request) {
        List<RuleViolation> failures = new ArrayList<>();
        Duration duration = effectiveDuration(rule, request);
        require(duration.compareTo(rule.duration().max()) <= 0, failures, "duration", "max-duration",
                "must be at most " + rule.duration().max() + " under rule " + rule.id() + ", was " + duration);
        String reference = request.reference();
        String field = request.referenceField();
        if (blank(reference)) {
            require(!rule.reference().required(), failures, field, field + "-required",
                    "rule " + rule.id() + " requires " + (field.equals("ticket") ? "a ticket" : "an incident")
                            + " reference");
        } else if (rule.reference().pattern() != null) {
            require(rule.reference().pattern().matcher(reference).matches(), failures, field, "reference-pattern",
                    "'" + reference + "' does not match " + rule.reference().pattern().pattern() + " (rule "
                            + rule.id() + ")");
        }
        return failures;
    }

    /** The MFA failures of a token against a requirement; empty when it is met or none is asked for. */
    public static List<RuleViolation> authentication(Policy.Mfa mfa, MfaEvidence evidence, Instant now) {
        if (!mfa.required()) {
            return List.of();
        }
        List<RuleViolation> failures = new ArrayList<>();
        List<String> methods = evidence == null ? List.of() : evidence.methods();
        require(mfa.methods().stream().anyMatch(methods::contains), failures, "amr", "mfa-method",
                "needs one of " + mfa.methods() + " in the token's amr; it has " + methods);
        if (mfa.maxAge() != null) {
            Instant authTime = evidence == null ? null : evidence.authTime();
            if (authTime == null) {
                failures.add(new RuleViolation("auth_time", "mfa-max-age", "the token has no auth_time; "
                        + "authenticate again (at most " + mfa.maxAge() + " before the request)"));
            } else {
                Duration age = Duration.between(authTime, now);
                require(age.compareTo(mfa.maxAge()) <= 0, failures, "auth_time", "mfa-max-age",
                        "authenticated " + age.toSeconds() + " s ago; at most " + mfa.maxAge() + " allowed");
            }
        }
        return failures;
    }

    private static Duration effectiveDuration(Policy.Rule rule, RequestedAccess request) {
        return request.duration() != null ? request.duration() : rule.duration().defaultDuration();
    }

    private static RuleViolation noRule(Policy policy, RequestedAccess request) {
        boolean kindKnown = policy.rules().stream().anyMatch(r -> r.kind() == request.kind());
        if (!kindKnown) {
            return new RuleViolation("kind", "no-matching-rule", "the policy has no " + request.kind() + " rule");
        }
        boolean systemKnown = policy.rules().stream()
                .anyMatch(r -> r.kind() == request.kind() && contains(r.systems(), request.system()));
        if (!systemKnown) {
            return new RuleViolation("system", "no-matching-rule", "no " + request.kind() + " rule covers '"
                    + request.system() + "'");
        }
        boolean roleKnown = policy.rules().stream().anyMatch(r -> r.kind() == request.kind()
                && r.covers(request.system(), request.role()));
        if (!roleKnown) {
            return new RuleViolation("role", "no-matching-rule", "no " + request.kind() + " rule covers role '"
                    + request.role() + "' on '" + request.system() + "'");
        }
        return new RuleViolation("origin", "origin-allowed", "no " + request.kind() + " rule for " + request.role()
                + " on " + request.system() + " allows " + request.origin() + " requests");
    }

    /** Null-safe: immutable lists throw on {@code contains(null)}. */
    private static <T> boolean contains(List<T> list, T value) {
        return value != null && list.contains(value);
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
