package io.eer.grant.domain;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the access policy allows at most, per system and role: the largest {@code duration.max} of the rules that
 * offer that role on that system. grant-service checks every {@code Approved} against it, so a forged or buggy
 * approval cannot provision more than the policy would ever have allowed.
 *
 * @param maxBySystemAndRole system id → role → the longest duration any rule allows
 * @param roleOffered        system id → the roles the system offers
 */
public record PolicyBounds(String policy, Map<String, Map<String, Duration>> maxBySystemAndRole,
        Map<String, List<String>> roleOffered, Map<String, Map<String, ExtensionPolicy>> extensions) {

    /** Bounds without {@code extension} settings: a grant may be extended within the rules' maximum, no re-approval. */
    public PolicyBounds(String policy, Map<String, Map<String, Duration>> maxBySystemAndRole,
            Map<String, List<String>> roleOffered) {
        this(policy, maxBySystemAndRole, roleOffered, Map.of());
    }

    /**
     * How far a grant of {@code role} on {@code system} may be extended; empty when no rule offers it. The grant does
     * not know which rule it came under (an {@code Approved} does not say), so the rules that offer the role on the
     * system are combined as for the duration bound: the longest maximum, and re-approval when any of them asks for it.
     */
    public Optional<ExtensionPolicy> extension(String system, String role) {
        ExtensionPolicy configured = extensions.getOrDefault(system, Map.of()).get(role);
        if (configured != null) {
            return Optional.of(configured);
        }
        Duration max = maxBySystemAndRole.getOrDefault(system, Map.of()).get(role);
        return max == null ? Optional.empty() : Optional.of(new ExtensionPolicy(max, false, List.of()));
    }

    /** The rule an approval breaks and why, or empty when the policy allows it. */
    public record Refusal(String rule, String message) {
    }

    public Optional<Refusal> check(String system, String role, Duration granted, Duration approvalMax) {
        List<String> offered = roleOffered.get(system);
        if (offered == null) {
            return Optional.of(new Refusal("unknown-system", "system '" + system + "' is not in policy " + policy));
        }
        if (!offered.contains(role)) {
            return Optional.of(new Refusal("unknown-role", "role '" + role + "' is not offered on " + system
                    + " by policy " + policy));
        }
        Duration max = maxBySystemAndRole.getOrDefault(system, Map.of()).get(role);
        if (max == null) {
            return Optional.of(new Refusal("no-rule", "no rule of policy " + policy + " grants " + role + " on "
                    + system));
        }
        if (granted != null && granted.compareTo(max) > 0) {
            return Optional.of(new Refusal("max-duration", "grantedDuration " + granted + " exceeds the maximum "
                    + max + " policy " + policy + " allows for " + role + " on " + system));
        }
        if (approvalMax != null && approvalMax.compareTo(max) > 0) {
            return Optional.of(new Refusal("max-duration", "maxDuration " + approvalMax + " exceeds the maximum "
                    + max + " policy " + policy + " allows for " + role + " on " + system));
        }
        if (granted != null && approvalMax != null && granted.compareTo(approvalMax) > 0) {
            return Optional.of(new Refusal("max-duration", "grantedDuration " + granted + " exceeds the approval's "
                    + "own maxDuration " + approvalMax));
        }
        return Optional.empty();
    }
}
