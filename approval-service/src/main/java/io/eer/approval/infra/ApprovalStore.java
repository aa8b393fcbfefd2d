package io.eer.approval.infra;

import io.eer.approval.domain.ApprovalCase;
import io.eer.approval.domain.ApprovalEvent;
import io.eer.approval.domain.ApprovalEvent.Cancelled;
import io.eer.approval.domain.ApprovalEvent.Concluded;
import io.eer.approval.domain.ApprovalEvent.DecisionRecorded;
import io.eer.approval.domain.ApprovalEvent.Opened;
import io.eer.approval.domain.ApprovalStatus;
import io.eer.approval.projection.ApprovalRow;
import io.eer.approval.projection.ApproverGroupRow;
import io.eer.approval.projection.DecisionRow;
import io.eer.contracts.Topics;
import io.eer.contracts.events.EmergencyRequested;
import io.eer.contracts.events.Values.ApprovalMode;
import io.eer.contracts.events.Values.PolicyRef;
import io.eer.support.outbox.EventStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an approval's history lives: the request and its plan in {@code approval} / {@code approval_group}, each
 * decision in {@code approval_decision}, the public outcome ({@code Approved} / {@code Denied}) in
 * {@code domain_event} + {@code outbox} through {@link EventStore}. Loading locks the approval row, so two approvers
 * deciding at once are serialised and a quorum is never missed. Call inside a transaction.
 */
@ApplicationScoped
public class ApprovalStore {

    private final EventStore eventStore;
    private final Clock clock;

    ApprovalStore(EventStore eventStore, Clock clock) {
        this.eventStore = eventStore;
        this.clock = clock;
    }

    /** The approval row ({@code null} when unknown) and its history, oldest first. */
    public record Loaded(ApprovalRow row, List<ApprovalEvent> history) {
        public Loaded {
            history = List.copyOf(history);
        }
    }

    /** Loads the approval of {@code requestId}, its row locked until the transaction ends. */
    public Uni<Loaded> loadForUpdate(String requestId) {
        return ApprovalRow.<ApprovalRow>findById(requestId, LockModeType.PESSIMISTIC_WRITE)
                .chain(row -> row == null ? Uni.createFrom().item(new Loaded(null, List.of())) : history(row));
    }

    private Uni<Loaded> history(ApprovalRow row) {
        return ApproverGroupRow.<ApproverGroupRow>list("requestId = ?1 order by id", row.requestId)
                .chain(groups -> DecisionRow.<DecisionRow>list("requestId = ?1 order by decidedAt, id", row.requestId)
                        .chain(decisions -> eventStore.load(row.requestId).map(published -> {
                            List<ApprovalEvent> history = new ArrayList<>();
                            history.add(new Opened(approvalCase(row, groups)));
                            decisions.forEach(d -> history.add(
                                    new DecisionRecorded(d.approver, d.decision, d.comment, d.decidedAt)));
                            published.forEach(event -> history.add(new Concluded(event.data())));
                            if (row.status == ApprovalStatus.CANCELLED) {
                                history.add(new Cancelled(row.cancelledBy, row.closedAt));
                            }
                            return new Loaded(row, history);
                        })));
    }

    /**
     * Records a new approval: {@code events} start with {@link Opened}; {@code requested} supplies what only the
     * read model shows (kind, origin, justification, incident).
     */
    public Uni<ApprovalRow> open(EmergencyRequested requested, Instant requestedAt, List<ApprovalEvent> events) {
        if (events.isEmpty() || !(events.get(0) instanceof Opened opened)) {
            throw new IllegalArgumentException("a new approval starts with Opened");
        }
        ApprovalCase c = opened.approvalCase();
        ApprovalRow row = new ApprovalRow();
        row.requestId = c.requestId();
        row.status = ApprovalStatus.PENDING;
        row.kind = requested.kind() == null ? null : requested.kind().name();
        row.origin = requested.origin() == null ? null : requested.origin().name();
        row.requester = c.requester();
        row.beneficiary = c.beneficiary();
        row.system = c.system();
        row.role = c.role();
        row.justification = requested.justification();
        row.incident = requested.incident();
        row.requestedDuration = c.requestedDuration().toString();
        row.mode = c.mode().name();
        row.quorum = c.quorum();
        row.policyId = c.policy().id();
        row.policyVersion = c.policy().version();
        row.version = 0;
        row.requestedAt = requestedAt;
        row.updatedAt = now();
        List<ApproverGroupRow> groups = c.approverGroups().stream().distinct()
                .map(group -> ApproverGroupRow.of(c.requestId(), group)).toList();
        // flush the row first: the group and decision rows reference it
        return row.<ApprovalRow>persistAndFlush()
                .chain(() -> ApproverGroupRow.persist(groups))
                .chain(() -> apply(row, events.subList(1, events.size())));
    }

    /** Records what followed on an approval already stored. */
    public Uni<ApprovalRow> apply(ApprovalRow row, List<ApprovalEvent> events) {
        Instant now = now();
        Uni<Void> work = Uni.createFrom().voidItem();
        for (ApprovalEvent event : events) {
            if (event instanceof DecisionRecorded recorded) {
                DecisionRow decision = new DecisionRow();
                decision.requestId = row.requestId;
                decision.approver = recorded.approver();
                decision.decision = recorded.decision();
                decision.comment = recorded.comment();
                decision.decidedAt = recorded.at();
                work = work.chain(() -> decision.persist()).replaceWithVoid();
            } else if (event instanceof Concluded concluded) {
                long expectedVersion = row.version;
                row.version = expectedVersion + 1;
                row.status = concluded.status();
                row.closedAt = now;
                work = work.chain(() -> eventStore.append(row.requestId, expectedVersion, Topics.APPROVALS,
                        concluded.outcome())).replaceWithVoid();
            } else if (event instanceof Cancelled cancelled) {
                row.status = ApprovalStatus.CANCELLED;
                row.cancelledBy = cancelled.by();
                row.closedAt = cancelled.at();
            } else {
                throw new IllegalArgumentException("cannot record " + event + " on an existing approval");
            }
        }
        row.updatedAt = now;
        return work.replaceWith(row);
    }

    /** PostgreSQL keeps microseconds: an answer built from memory shows what a later read gives back. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static ApprovalCase approvalCase(ApprovalRow row, List<ApproverGroupRow> groups) {
        return new ApprovalCase(row.requestId, row.requester, row.beneficiary, row.system, row.role,
                Duration.parse(row.requestedDuration), new PolicyRef(row.policyId, row.policyVersion),
                ApprovalMode.valueOf(row.mode), groups.stream().map(g -> g.groupName).toList(), row.quorum);
    }
}
