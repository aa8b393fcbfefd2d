package io.eer.approval.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the approval of one request is about, taken from its request (infra.in translates {@code EmergencyRequested}): who asked for whom, what,
 * for how long, under which policy, and how it is to be decided. {@code quorum} is the number of APPROVE decisions
 * that approve it: 0 when pre-approved, 1 when expedited, at least 1 when standard. Everything after {@code quorum}
 * comes from the optional parts of the plan and may be absent ({@code null}, empty, {@code false}).
 */
public record ApprovalCase(
        String requestId,
        String requester,
        String beneficiary,
        String system,
        String role,
        Duration requestedDuration,
        PolicyRef policy,
        ApprovalMode mode,
        List<String> approverGroups,
        int quorum,
        boolean distinctGroups,
        Duration decisionTimeout,
        List<String> escalation,
        Duration validity,
        MfaRequirement approverMfa,
        Duration maxDuration,
        String incident) {

    public ApprovalCase {
        new RequestId(requestId); // refuses what no request id can be
        approverGroups = List.copyOf(approverGroups);
        escalation = escalation == null ? List.of() : List.copyOf(escalation);
    }

    /** A case with no optional plan parts (no escalation, timeouts, distinct groups or approver MFA). */
    public ApprovalCase(String requestId, String requester, String beneficiary, String system, String role,
            Duration requestedDuration, PolicyRef policy, ApprovalMode mode, List<String> approverGroups, int quorum) {
        this(requestId, requester, beneficiary, system, role, requestedDuration, policy, mode, approverGroups, quorum,
                false, null, List.of(), null, null, null, null);
    }

    /** APPROVE decisions needed: none for break-glass, one for expedited, the plan's (at least 1) else. */
    public static int quorum(ApprovalMode mode, int planned) {
        if (mode == ApprovalMode.PRE_APPROVED) {
            return 0;
        }
        if (mode == ApprovalMode.EXPEDITED) {
            return 1;
        }
        return Math.max(1, planned);
    }

    /** The approver id recorded when the policy itself decides: {@code policy:<id>@<version>}. */
    public String policyApprover() {
        return "policy:" + policy.id() + "@" + policy.version();
    }

    /** Separation of duties: nobody decides on access they asked for or would receive. */
    public boolean involves(String person) {
        return person.equals(requester) || person.equals(beneficiary);
    }

    /**
     * The groups asked at escalation level {@code level}: the approver groups at 0, then one escalation group per
     * level.
     */
    public List<String> groupsAt(int level) {
        return level == 0 ? approverGroups : List.of(escalation.get(level - 1));
    }

    /** Every group on the way, from the approver groups to the last escalation group. */
    public List<String> fullPath() {
        List<String> path = new ArrayList<>(approverGroups);
        escalation.forEach(group -> {
            if (!path.contains(group)) {
                path.add(group);
            }
        });
        return List.copyOf(path);
    }

    /** The duration the grant gets: what was asked, never more than the rule's maximum (defence in depth). */
    public Duration grantedDuration() {
        return maxDuration != null && requestedDuration.compareTo(maxDuration) > 0 ? maxDuration : requestedDuration;
    }

    /** Whether decisions run against a clock per escalation level (EXPEDITED with a decision timeout). */
    public boolean escalates() {
        return mode == ApprovalMode.EXPEDITED && decisionTimeout != null;
    }
}
