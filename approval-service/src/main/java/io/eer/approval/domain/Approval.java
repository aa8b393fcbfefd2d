package io.eer.approval.domain;

import io.eer.approval.domain.ApprovalEvent.Cancelled;
import io.eer.approval.domain.ApprovalEvent.Concluded;
import io.eer.approval.domain.ApprovalEvent.DecisionRecorded;
import io.eer.approval.domain.ApprovalEvent.Opened;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The current state of one approval, folded from its history. */
public record Approval(ApprovalCase approvalCase, ApprovalStatus status, List<DecisionRecorded> decisions) {

    public Approval {
        decisions = List.copyOf(decisions);
    }

    /** Folds {@code history} (oldest first); empty when the request was never opened here. */
    public static Optional<Approval> replay(List<? extends ApprovalEvent> history) {
        Approval state = null;
        for (ApprovalEvent event : history) {
            state = state == null ? first(event) : state.apply(event);
        }
        return Optional.ofNullable(state);
    }

    private static Approval first(ApprovalEvent event) {
        if (event instanceof Opened opened) {
            return new Approval(opened.approvalCase(), ApprovalStatus.PENDING, List.of());
        }
        throw new IllegalStateException("an approval's history starts with Opened, not " + event);
    }

    Approval apply(ApprovalEvent event) {
        if (event instanceof DecisionRecorded recorded) {
            List<DecisionRecorded> more = new ArrayList<>(decisions);
            more.add(recorded);
            return new Approval(approvalCase, status, more);
        } else if (event instanceof Concluded concluded) {
            return new Approval(approvalCase, concluded.status(), decisions);
        } else if (event instanceof Cancelled) {
            return new Approval(approvalCase, ApprovalStatus.CANCELLED, decisions);
        }
        throw new IllegalStateException("opened twice: " + event);
    }

    /** Ids of those who approved so far, in the order they did. */
    public List<String> approvers() {
        return decisions.stream().filter(d -> d.decision() == Decision.APPROVE).map(DecisionRecorded::approver).toList();
    }

    public boolean decidedBy(String approver) {
        return decisions.stream().anyMatch(d -> d.approver().equals(approver));
    }
}
