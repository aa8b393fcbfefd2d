package io.eer.approval.application;

import io.eer.approval.domain.Approval;
import io.eer.approval.domain.ApprovalCommand;
import io.eer.approval.domain.ApprovalEvent;
import io.eer.approval.domain.ApprovalEvent.Concluded;
import io.eer.approval.domain.ApprovalEvent.Escalated;
import io.eer.approval.domain.ApprovalEvent.Opened;
import io.eer.approval.domain.ApprovalMode;
import io.eer.approval.domain.ApprovalState;
import io.eer.approval.domain.ApprovalStatus;
import io.eer.approval.domain.Outcome;
import io.eer.approval.infra.out.ApprovalEventMapping;
import io.eer.approval.infra.out.ApproverNotifications;
import io.eer.approval.projection.ApprovalProjection;
import io.eer.support.eventsourcing.Aggregates;
import io.eer.support.eventsourcing.Aggregates.Executed;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Runs one command on one approval, in the caller's transaction: {@link Aggregates} folds its events from
 * {@code domain_event}, {@link Approval} decides, the new events are stored (public ones queued for
 * {@code eer.approvals}), the read model follows them ({@link ApprovalProjection}, exactly as a rebuild would: public
 * events as stored, with their CloudEvent time), and the notifications are queued (approvers: waiting, escalated,
 * break-glass; the requester: the outcome, whichever command concluded it), and the approval's next deadline is
 * armed ({@link ApprovalTimerAlarms}). No row lock: a
 * concurrent writer on the same approval fails on the event version and the transaction is run again.
 */
@ApplicationScoped
public class ApprovalExecution {

    private final Aggregates aggregates;
    private final ApprovalEventMapping mapping;
    private final ApproverNotifications notifications;
    private final ApprovalTimerAlarms alarms;

    ApprovalExecution(Aggregates aggregates, ApprovalEventMapping mapping, ApproverNotifications notifications,
            ApprovalTimerAlarms alarms) {
        this.aggregates = aggregates;
        this.mapping = mapping;
        this.notifications = notifications;
        this.alarms = alarms;
    }

    public Uni<Executed<ApprovalState, ApprovalEvent>> execute(String requestId, ApprovalCommand command) {
        return aggregates.execute(requestId, Approval.DECIDER, mapping, command)
                .call(executed -> project(requestId, executed))
                .call(this::notifyPeople)
                // armed at the commit of the caller's Transactions.withTransaction (the consumer's, the poller's)
                .invoke(executed -> alarms.arm(executed.state()));
    }

    /** The current state, nothing stored. */
    public Uni<ApprovalState> load(String requestId) {
        return aggregates.load(requestId, mapping).map(history -> Approval.DECIDER.fold(history.events()));
    }

    private Uni<Void> project(String requestId, Executed<ApprovalState, ApprovalEvent> executed) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ApprovalEventMapping.Replayed stored
                : mapping.asStored(requestId, executed.decision().events(), executed.published())) {
            chain = chain.chain(() -> ApprovalProjection.apply(requestId, stored.event(), stored.storedAt()));
        }
        return chain;
    }

    private Uni<Void> notifyPeople(Executed<ApprovalState, ApprovalEvent> executed) {
        ApprovalState state = executed.state();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ApprovalEvent event : executed.decision().events()) {
            if (event instanceof Opened opened) {
                if (state.status() == ApprovalStatus.PENDING) {
                    ApprovalState justOpened = ApprovalState.replay(List.of(opened)).orElseThrow();
                    chain = chain.chain(() -> notifications.waiting(opened.approvalCase(),
                            justOpened.decisionDeadline() != null ? justOpened.decisionDeadline()
                                    : justOpened.validUntil()));
                } else if (state.status() == ApprovalStatus.APPROVED
                        && opened.approvalCase().mode() == ApprovalMode.PRE_APPROVED) {
                    chain = chain.chain(() -> notifications.breakGlass(opened.approvalCase()));
                }
            } else if (event instanceof Escalated escalated) {
                chain = chain.chain(() -> notifications.escalated(state.approvalCase(), escalated.escalated()));
            } else if (event instanceof Concluded concluded && !(concluded.outcome() instanceof Outcome.Approved
                    && state.approvalCase().mode() == ApprovalMode.PRE_APPROVED)) {
                // a break-glass approval is announced once, by the break-glass notice, which names the requester
                chain = chain.chain(() -> notifications.outcome(state.approvalCase(), concluded.outcome()));
            }
        }
        return chain;
    }
}
