package io.eer.approval.domain;

import io.eer.contracts.events.EmergencyRequested;
import io.eer.contracts.events.Values.ApprovalMode;
import io.eer.contracts.events.Values.PolicyRef;
import java.time.Duration;
import java.util.List;

/**
 * What the approval of one request is about, taken from its {@code EmergencyRequested}: who asked for whom, what,
 * for how long, under which policy, and how it is to be decided. {@code quorum} is the number of APPROVE decisions
 * that approve it: 0 when pre-approved, 1 when expedited, at least 1 when standard.
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
        int quorum) {

    public ApprovalCase {
        approverGroups = List.copyOf(approverGroups);
    }

    /**
     * The case a request opens.
     *
     * @throws IllegalArgumentException when the event lacks what a decision needs (a poison event)
     */
    public static ApprovalCase of(EmergencyRequested requested) {
        require(requested.requestId(), "requestId");
        require(requested.requester() == null ? null : requested.requester().id(), "requester.id");
        require(requested.system(), "system");
        require(requested.role(), "role");
        if (requested.requestedDuration() == null) {
            throw new IllegalArgumentException("EmergencyRequested without requestedDuration");
        }
        if (requested.policy() == null) {
            throw new IllegalArgumentException("EmergencyRequested without policy");
        }
        if (requested.approval() == null || requested.approval().mode() == null) {
            throw new IllegalArgumentException("EmergencyRequested without approval plan");
        }
        ApprovalMode mode = requested.approval().mode();
        String requester = requested.requester().id();
        String beneficiary = blank(requested.beneficiary()) ? requester : requested.beneficiary();
        return new ApprovalCase(requested.requestId(), requester, beneficiary, requested.system(), requested.role(),
                requested.requestedDuration(), requested.policy(), mode, requested.approval().approverGroups(),
                quorum(mode, requested.approval().quorum()));
    }

    /** APPROVE decisions needed: none for break-glass, one for expedited (for now), the plan's (at least 1) else. */
    public static int quorum(ApprovalMode mode, int planned) {
        if (mode == ApprovalMode.PRE_APPROVED) {
            return 0;
        }
        if (mode == ApprovalMode.EXPEDITED) {
            return 1;
        }
        return Math.max(1, planned);
    }

    /** The approver id recorded when the policy itself approves: {@code policy:<id>@<version>}. */
    public String policyApprover() {
        return "policy:" + policy.id() + "@" + policy.version();
    }

    /** Separation of duties: nobody decides on access they asked for or would receive. */
    public boolean involves(String person) {
        return person.equals(requester) || person.equals(beneficiary);
    }

    private static void require(String value, String field) {
        if (blank(value)) {
            throw new IllegalArgumentException("EmergencyRequested without " + field);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
