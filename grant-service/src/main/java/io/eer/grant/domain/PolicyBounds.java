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
        Map<String, List<String>> roleOffered) {

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
