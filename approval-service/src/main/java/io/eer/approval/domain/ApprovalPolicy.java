package io.eer.approval.domain;

import io.eer.approval.domain.ApprovalEvent.Cancelled;
import io.eer.approval.domain.ApprovalEvent.Concluded;
import io.eer.approval.domain.ApprovalEvent.DecisionRecorded;
import io.eer.approval.domain.ApprovalEvent.Opened;
import io.eer.contracts.events.Approved;
import io.eer.contracts.events.Denied;
import io.eer.contracts.events.EmergencyRequested;
import io.eer.contracts.events.Values.ApprovalMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The approval rules as pure functions: given an approval's history and a command, the new events, or a refusal.
 *
 * <ul>
 *   <li>PRE_APPROVED (break-glass): approved by the policy the moment the request arrives.</li>
 *   <li>STANDARD: pending until {@code quorum} (at least 1) approvers approve; one DENY denies (veto).</li>
 *   <li>EXPEDITED: as STANDARD with a quorum of 1 (escalation is not built yet).</li>
 *   <li>Separation of duties: the requester and the beneficiary never decide; an approver decides once.</li>
 * </ul>
 */
public final class ApprovalPolicy {

    public static final String NO_REASON = "no reason given";

    private ApprovalPolicy() {
    }

    /** A request arrives. Known already (a re-sent request): nothing happens. */
    public static List<ApprovalEvent> open(List<? extends ApprovalEvent> history, EmergencyRequested requested) {
        if (!history.isEmpty()) {
            return List.of();
        }
        ApprovalCase approvalCase = ApprovalCase.of(requested);
        Opened opened = new Opened(approvalCase);
        if (approvalCase.mode() == ApprovalMode.PRE_APPROVED) {
            return List.of(opened, new Concluded(approved(approvalCase, List.of(approvalCase.policyApprover()))));
        }
        return List.of(opened);
    }

    /** An approver decides. */
    public static Verdict decide(List<? extends ApprovalEvent> history, Decide command) {
        Optional<Approval> found = Approval.replay(history);
        if (found.isEmpty()) {
            return new Verdict.Refused(Refusal.UNKNOWN_REQUEST, "no approval is known for this request");
        }
        Approval approval = found.get();
        ApprovalCase approvalCase = approval.approvalCase();
        String approver = command.approver();
        if (approvalCase.involves(approver)) {
            return new Verdict.Refused(Refusal.SEPARATION_OF_DUTIES,
                    "'" + approver + "' is the requester or beneficiary of this request and may not decide on it");
        }
        if (approvalCase.approverGroups().stream().noneMatch(command.approverGroups()::contains)) {
            return new Verdict.Refused(Refusal.APPROVER_GROUP,
                    "only members of " + approvalCase.approverGroups() + " may decide on this request");
        }
        if (approval.decidedBy(approver)) {
            return new Verdict.Refused(Refusal.ALREADY_DECIDED, "'" + approver + "' has decided on this request already");
        }
        if (approval.status() != ApprovalStatus.PENDING) {
            return new Verdict.Refused(Refusal.NOT_PENDING,
                    "the request is " + approval.status().name().toLowerCase() + ", no longer pending");
        }
        DecisionRecorded recorded = new DecisionRecorded(approver, command.decision(), command.comment(), command.at());
        if (command.decision() == Decision.DENY) {
            String reason = command.comment() == null || command.comment().isBlank() ? NO_REASON : command.comment();
            return new Verdict.Accepted(List.of(recorded,
                    new Concluded(new Denied(approvalCase.requestId(), approver, reason, approvalCase.policy()))));
        }
        List<String> approvers = new ArrayList<>(approval.approvers());
        approvers.add(approver);
        if (approvers.size() >= approvalCase.quorum()) {
            return new Verdict.Accepted(List.of(recorded, new Concluded(approved(approvalCase, approvers))));
        }
        return new Verdict.Accepted(List.of(recorded));
    }

    /** The request was cancelled: a pending approval closes; anything else stays as it is. */
    public static List<ApprovalEvent> cancel(List<? extends ApprovalEvent> history, String by, Instant at) {
        return Approval.replay(history)
                .filter(approval -> approval.status() == ApprovalStatus.PENDING)
                .<List<ApprovalEvent>>map(approval -> List.of(new Cancelled(by, at)))
                .orElse(List.of());
    }

    private static Approved approved(ApprovalCase c, List<String> approvers) {
        return new Approved(c.requestId(), approvers, c.mode(), c.requestedDuration(), c.requester(), c.beneficiary(),
                c.system(), c.role(), c.policy());
    }
}
