package io.eer.approval.projection;

import io.eer.approval.domain.ApprovalCase;
import io.eer.approval.domain.ApprovalEvent;
import io.eer.approval.domain.ApprovalEvent.AttemptRefused;
import io.eer.approval.domain.ApprovalEvent.Cancelled;
import io.eer.approval.domain.ApprovalEvent.Concluded;
import io.eer.approval.domain.ApprovalEvent.DecisionRecorded;
import io.eer.approval.domain.ApprovalEvent.Escalated;
import io.eer.approval.domain.ApprovalEvent.Opened;
import io.eer.approval.domain.ApprovalState;
import io.eer.approval.domain.ApprovalStatus;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the read model ({@code approval}, {@code approval_group}, {@code approval_decision}) in step with the
 * approval's events, one event at a time, in the transaction that stored it; the same code rebuilds it from
 * {@code domain_event}. The timer columns ({@code decision_deadline}, {@code valid_until}) are only what the timer
 * poller looks for: the decider decides on the events, never on these rows. Call inside a transaction.
 */
public final class ApprovalProjection {

    private ApprovalProjection() {
    }

    /**
     * Applies one event of {@code requestId}. {@code storedAt}: when a public event was stored (its CloudEvent
     * {@code time}); internal events carry their own time.
     */
    public static Uni<Void> apply(String requestId, ApprovalEvent event, Instant storedAt) {
        if (event instanceof Opened opened) {
            return open(opened, storedAt);
        }
        return ApprovalRow.<ApprovalRow>findById(requestId).chain(row -> {
            if (row == null) {
                throw new IllegalStateException("no approval row for " + requestId + " before " + event.getClass());
            }
            row.version++;
            if (event instanceof DecisionRecorded recorded) {
                row.updatedAt = micros(recorded.at());
                return decision(requestId, recorded).persist().replaceWithVoid();
            }
            row.updatedAt = micros(storedAt);
            if (event instanceof Escalated escalated) {
                row.escalationLevel = escalated.escalated().level();
                row.decisionDeadline = micros(escalated.escalated().deadline());
            } else if (event instanceof Concluded concluded) {
                row.status = concluded.status();
                row.closedAt = micros(storedAt);
                row.decisionDeadline = null;
                row.validUntil = null;
            } else if (event instanceof Cancelled cancelled) {
                row.status = ApprovalStatus.CANCELLED;
                row.cancelledBy = cancelled.by();
                row.closedAt = micros(cancelled.at());
                row.updatedAt = micros(cancelled.at());
                row.decisionDeadline = null;
                row.validUntil = null;
            } else if (!(event instanceof AttemptRefused)) {
                throw new IllegalArgumentException("unknown approval event " + event.getClass());
            }
            return Uni.createFrom().voidItem();
        });
    }

    private static Uni<Void> open(Opened opened, Instant storedAt) {
        ApprovalCase c = opened.approvalCase();
        ApprovalState state = ApprovalState.replay(List.of(opened)).orElseThrow();
        Instant at = micros(opened.at() != null ? opened.at() : storedAt);
        ApprovalRow row = new ApprovalRow();
        row.requestId = c.requestId();
        row.status = ApprovalStatus.PENDING;
        row.kind = opened.details().kind();
        row.origin = opened.details().origin();
        row.requester = c.requester();
        row.beneficiary = c.beneficiary();
        row.system = c.system();
        row.role = c.role();
        row.justification = opened.details().justification();
        row.incident = c.incident();
        row.requestedDuration = c.requestedDuration().toString();
        row.mode = c.mode().name();
        row.quorum = c.quorum();
        row.policyId = c.policy().id();
        row.policyVersion = c.policy().version();
        row.distinctGroups = c.distinctGroups();
        row.decisionTimeout = text(c.decisionTimeout());
        row.validity = text(c.validity());
        row.maxDuration = text(c.maxDuration());
        row.approverMfa = c.approverMfa() != null;
        row.mfaMethods = c.approverMfa() == null ? List.of() : c.approverMfa().acceptedMethods();
        row.mfaMaxAge = c.approverMfa() == null ? null : text(c.approverMfa().maxAge());
        row.version = 1;
        row.requestedAt = at;
        row.updatedAt = at;
        row.escalationLevel = 0;
        row.decisionDeadline = micros(state.decisionDeadline());
        row.validUntil = micros(state.validUntil());
        List<ApproverGroupRow> groups = new ArrayList<>();
        c.approverGroups().forEach(group -> groups.add(ApproverGroupRow.of(c.requestId(), group, 0)));
        for (int level = 1; level <= c.escalation().size(); level++) {
            groups.add(ApproverGroupRow.of(c.requestId(), c.escalation().get(level - 1), level));
        }
        // flush the row first: the group and decision rows reference it
        return row.<ApprovalRow>persistAndFlush()
                // persisting an empty list fails ("The Uni set is empty"): break-glass may name no approver group
                .chain(() -> groups.isEmpty() ? Uni.createFrom().voidItem() : ApproverGroupRow.persist(groups));
    }

    private static DecisionRow decision(String requestId, DecisionRecorded recorded) {
        DecisionRow decision = new DecisionRow();
        decision.requestId = requestId;
        decision.approver = recorded.approver();
        decision.decision = recorded.decision();
        decision.comment = recorded.comment();
        decision.decidedAt = micros(recorded.at());
        decision.groups = recorded.groups();
        decision.mfaRecorded = recorded.mfa() != null;
        decision.mfaMethods = recorded.mfa() == null ? List.of() : recorded.mfa().methods();
        decision.mfaAuthTime = recorded.mfa() == null ? null : micros(recorded.mfa().authTime());
        return decision;
    }

    /** Empties the read model before a rebuild. */
    public static Uni<Void> clear() {
        return DecisionRow.deleteAll().chain(() -> ApproverGroupRow.deleteAll()).chain(() -> ApprovalRow.deleteAll())
                .replaceWithVoid();
    }

    /** PostgreSQL keeps microseconds: what is written is what a later read (or a rebuild) gives back. */
    private static Instant micros(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MICROS);
    }

    private static String text(Duration d) {
        return d == null ? null : d.toString();
    }
}
