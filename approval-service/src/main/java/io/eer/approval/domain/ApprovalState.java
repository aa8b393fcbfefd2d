package io.eer.approval.domain;

import io.eer.approval.domain.ApprovalEvent.AttemptRefused;
import io.eer.approval.domain.ApprovalEvent.Cancelled;
import io.eer.approval.domain.ApprovalEvent.Concluded;
import io.eer.approval.domain.ApprovalEvent.DecisionRecorded;
import io.eer.approval.domain.ApprovalEvent.Escalated;
import io.eer.approval.domain.ApprovalEvent.Opened;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The current state of one approval, folded from its history ({@link #NONE} before it was opened). {@code level}: escalation levels passed (0 = the
 * approver groups); {@code decisionDeadline}: when the current level's time is up (EXPEDITED with a decision
 * timeout, else {@code null}); {@code validUntil}: when the request expires undecided ({@code null}: never).
 */
public record ApprovalState(ApprovalCase approvalCase, ApprovalStatus status, List<DecisionRecorded> decisions, int level,
        Instant decisionDeadline, Instant validUntil) {

    /** No approval (the request never arrived here). */
    public static final ApprovalState NONE = new ApprovalState(null, null, List.of(), 0, null, null);

    public ApprovalState {
        decisions = List.copyOf(decisions);
    }

    /** Folds {@code history} (oldest first); empty when the request was never opened here. */
    public static Optional<ApprovalState> replay(List<? extends ApprovalEvent> history) {
        ApprovalState state = Approval.DECIDER.fold(history);
        return state.opened() ? Optional.of(state) : Optional.empty();
    }

    /** Whether the request arrived here. */
    public boolean opened() {
        return approvalCase != null;
    }

    static ApprovalState first(ApprovalEvent event) {
        if (event instanceof Opened opened) {
            ApprovalCase c = opened.approvalCase();
            Instant at = opened.at();
            Instant decisionDeadline = at != null && c.escalates() ? at.plus(c.decisionTimeout()) : null;
            Instant validUntil = at != null && c.validity() != null ? at.plus(c.validity()) : null;
            return new ApprovalState(c, ApprovalStatus.PENDING, List.of(), 0, decisionDeadline, validUntil);
        }
        throw new IllegalStateException("an approval's history starts with Opened, not " + event);
    }

    ApprovalState apply(ApprovalEvent event) {
        if (event instanceof AttemptRefused) {
            return this; // evidence, not state
        }
        if (event instanceof DecisionRecorded recorded) {
            List<DecisionRecorded> more = new ArrayList<>(decisions);
            more.add(recorded);
            return new ApprovalState(approvalCase, status, more, level, decisionDeadline, validUntil);
        } else if (event instanceof Escalated escalated) {
            return new ApprovalState(approvalCase, status, decisions, escalated.escalated().level(),
                    escalated.escalated().deadline(), validUntil);
        } else if (event instanceof Concluded concluded) {
            return new ApprovalState(approvalCase, concluded.status(), decisions, level, null, null);
        } else if (event instanceof Cancelled) {
            return new ApprovalState(approvalCase, ApprovalStatus.CANCELLED, decisions, level, null, null);
        }
        throw new IllegalStateException("opened twice: " + event);
    }

    /** Ids of those who approved so far, in the order they did. */
    public List<String> approvers() {
        return approvals().stream().map(DecisionRecorded::approver).toList();
    }

    public List<DecisionRecorded> approvals() {
        return decisions.stream().filter(d -> d.decision() == Decision.APPROVE).toList();
    }

    public boolean decidedBy(String approver) {
        return decisions.stream().anyMatch(d -> d.approver().equals(approver));
    }

    /**
     * The groups whose members may decide now: the approver groups and, once escalated, every escalation group
     * reached so far (an escalation widens the circle; the on-call lead who turns up late may still approve).
     */
    public Set<String> eligibleGroups() {
        Set<String> groups = new LinkedHashSet<>(approvalCase.approverGroups());
        for (int k = 1; k <= level && k <= approvalCase.escalation().size(); k++) {
            groups.add(approvalCase.escalation().get(k - 1));
        }
        return groups;
    }

    /** The groups asked so far, in order: the path an {@code ApprovalTimedOut} reports. */
    public List<String> pathSoFar() {
        return List.copyOf(eligibleGroups());
    }

    /**
     * APPROVE decisions that count towards the quorum: one per person; with distinct groups, the most approvals
     * that can each be assigned to a different approver group (a maximum matching of approvers to groups).
     */
    public int countedApprovals() {
        List<DecisionRecorded> approvals = approvals();
        if (!approvalCase.distinctGroups()) {
            return approvals.size();
        }
        List<Set<String>> candidates = approvals.stream()
                .map(d -> {
                    Set<String> groups = new LinkedHashSet<>(d.groups());
                    groups.retainAll(approvalCase.approverGroups());
                    return groups;
                }).toList();
        return GroupMatching.maximum(candidates);
    }
}
