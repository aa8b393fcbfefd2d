package io.eer.request.domain;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The active access policy, as validated from its YAML file: which systems exist and who may ask for what, for how
 * long, decided how. Rules are kept in file order: the first rule that accepts a request decides it.
 */
public record Policy(String id, String version, String description, List<TargetSystem> systems, List<Rule> rules) {

    public Policy {
        systems = List.copyOf(systems);
        rules = List.copyOf(rules);
    }

    public PolicyRef ref() {
        return new PolicyRef(id, version);
    }

    public Optional<TargetSystem> system(String systemId) {
        return systems.stream().filter(s -> s.id().equals(systemId)).findFirst();
    }

    public Optional<Rule> rule(String ruleId) {
        return rules.stream().filter(r -> r.id().equals(ruleId)).findFirst();
    }

    /** How much harm misuse of a system can do; break-glass (EMERGENCY) is only for HIGH and CRITICAL systems. */
    public enum Criticality {
        LOW, MEDIUM, HIGH, CRITICAL;

        public boolean allowsEmergency() {
            return this == HIGH || this == CRITICAL;
        }
    }

    /**
     * A system access can be granted on, through a connector, and the roles it offers; {@code scope}: the objects
     * access to it is for ({@link ObjectScope} patterns; empty: the policy names none, any object).
     */
    public record TargetSystem(String id, Criticality criticality, String connector, List<String> roles,
            List<String> scope) {
        public TargetSystem {
            roles = List.copyOf(roles);
            scope = scope == null ? List.of() : List.copyOf(scope);
        }

        public TargetSystem(String id, Criticality criticality, String connector, List<String> roles) {
            this(id, criticality, connector, roles, List.of());
        }
    }

    /** Who may request which access of one kind, for how long, with what evidence, decided and reviewed how. */
    public record Rule(
            String id,
            RequestKind kind,
            String description,
            Requesters requesters,
            List<Origin> origins,
            List<String> systems,
            List<String> roles,
            Durations duration,
            Approval approval,
            Mfa mfa,
            Reference reference,
            Review review) {

        public Rule {
            origins = List.copyOf(origins);
            systems = List.copyOf(systems);
            roles = List.copyOf(roles);
        }

        public boolean covers(String system, String role) {
            return system != null && role != null && systems.contains(system) && roles.contains(role);
        }
    }

    /**
     * Who may ask for themselves ({@code groups} and {@code types}), and who may ask on someone else's behalf
     * ({@code supervisorGroups}; the beneficiary's type must still be one of {@code types}, and is checked as
     * {@code beneficiaryCheck} says; {@code knownEmployees}/{@code knownContractors} list them for LISTED).
     */
    public record Requesters(List<String> groups, List<PrincipalType> types, List<String> supervisorGroups,
            BeneficiaryCheck beneficiaryCheck, List<String> knownEmployees, List<String> knownContractors) {
        public Requesters {
            groups = List.copyOf(groups);
            types = List.copyOf(types);
            supervisorGroups = List.copyOf(supervisorGroups);
            knownEmployees = List.copyOf(knownEmployees);
            knownContractors = List.copyOf(knownContractors);
        }

        /** The type the policy lists {@code id} with, or null when it does not list it. */
        public PrincipalType listedType(String id) {
            return knownEmployees.contains(id) ? PrincipalType.EMPLOYEE
                    : knownContractors.contains(id) ? PrincipalType.CONTRACTOR : null;
        }
    }

    /**
     * How an ON_BEHALF rule treats the beneficiary the supervisor names (EER has no directory of its own):
     * {@code SUPERVISOR_ASSERTED} takes the supervisor's word for the beneficiary's id and type (the policy says so
     * plainly, and the evaluation shows it); {@code LISTED} accepts only beneficiaries the rule lists, with the type
     * it lists them with.
     */
    public enum BeneficiaryCheck { SUPERVISOR_ASSERTED, LISTED }

    /** {@code defaultDuration} applies when a request names none; nothing longer than {@code max} is accepted. */
    public record Durations(Duration defaultDuration, Duration max) {
    }

    /**
     * How a request is decided. {@code decisionTimeout} and {@code escalation} apply to EXPEDITED, {@code validity} and
     * {@code distinctGroups} to STANDARD; {@code approverMfa} (may be null) is what each approver must show.
     */
    public record Approval(ApprovalMode mode, List<String> approverGroups, int quorum, boolean distinctGroups,
            Duration decisionTimeout, List<String> escalation, Duration validity, MfaRequirement approverMfa) {
        public Approval {
            approverGroups = List.copyOf(approverGroups);
            escalation = List.copyOf(escalation);
        }
    }

    /** The requester's authentication: one of {@code methods} (RFC 8176 amr) and auth_time within {@code maxAge}. */
    public record Mfa(boolean required, List<String> methods, Duration maxAge) {
        public static final Mfa NONE = new Mfa(false, List.of(), null);

        public Mfa {
            methods = List.copyOf(methods);
        }
    }

    /**
     * The incident (EMERGENCY) or ticket (JIT) reference: whether it is required, and the pattern a given one must
     * match (null: any).
     */
    public record Reference(boolean required, Pattern pattern) {
        public static final Reference OPTIONAL = new Reference(false, null);
    }

    /** The post-access review; PRE_APPROVED access always has one. */
    public record Review(List<String> reviewerGroups, Duration dueWithin) {
        public Review {
            reviewerGroups = List.copyOf(reviewerGroups);
        }
    }
}
