package io.eer.approval.infra.in;

import io.eer.approval.domain.ApprovalCase;
import io.eer.approval.domain.ApprovalCommand;
import io.eer.approval.domain.ApprovalEvent.RequestDetails;
import io.eer.approval.domain.ApprovalMode;
import io.eer.approval.domain.MfaRequirement;
import io.eer.approval.domain.PolicyRef;
import io.eer.contracts.events.EmergencyRequested;
import io.eer.contracts.events.Values.ApprovalPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * request-service's {@code EmergencyRequested} as the approval's {@code Open} command: everything the approval
 * needs comes from the event (the policy file is never read here).
 */
public final class RequestTranslation {

    private RequestTranslation() {
    }

    /** The command a request event gives, requested at {@code at}. */
    public static ApprovalCommand.Open open(EmergencyRequested requested, Instant at) {
        return new ApprovalCommand.Open(approvalCase(requested), at, new RequestDetails(
                requested.kind() == null ? null : requested.kind().name(),
                requested.origin() == null ? null : requested.origin().name(), requested.justification()));
    }

    /**
     * The case a request opens.
     *
     * @throws IllegalArgumentException when the event lacks what a decision needs (a poison event)
     */
    public static ApprovalCase approvalCase(EmergencyRequested requested) {
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
        ApprovalPlan plan = requested.approval();
        if (plan == null || plan.mode() == null) {
            throw new IllegalArgumentException("EmergencyRequested without approval plan");
        }
        if (positive(plan.decisionTimeout()) == Boolean.FALSE || positive(plan.validity()) == Boolean.FALSE) {
            throw new IllegalArgumentException("EmergencyRequested with a zero or negative decisionTimeout/validity");
        }
        ApprovalMode mode = ApprovalMode.valueOf(plan.mode().name());
        String requester = requested.requester().id();
        String beneficiary = blank(requested.beneficiary()) ? requester : requested.beneficiary();
        MfaRequirement mfa = plan.approverMfa() == null ? null
                : new MfaRequirement(plan.approverMfa().acceptedMethods(), plan.approverMfa().maxAge());
        return new ApprovalCase(requested.requestId(), requester, beneficiary, requested.system(), requested.role(),
                requested.requestedDuration(), new PolicyRef(requested.policy().id(), requested.policy().version()),
                mode, distinct(plan.approverGroups()), ApprovalCase.quorum(mode, plan.quorum()), plan.distinctGroups(),
                plan.decisionTimeout(), distinct(plan.escalation()), plan.validity(), mfa, requested.maxDuration(),
                blank(requested.incident()) ? null : requested.incident());
    }

    private static List<String> distinct(List<String> groups) {
        return groups == null ? List.of()
                : groups.stream().filter(g -> g != null && !g.isBlank()).distinct().toList();
    }

    private static Boolean positive(Duration duration) {
        return duration == null ? null : !duration.isNegative() && !duration.isZero();
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
