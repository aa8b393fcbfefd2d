package io.eer.approval.infra;

import io.eer.approval.domain.Approval;
import io.eer.approval.domain.ApprovalCase;
import io.eer.approval.domain.ApprovalEvent;
import io.eer.approval.domain.ApprovalEvent.Cancelled;
import io.eer.approval.domain.ApprovalEvent.Concluded;
import io.eer.approval.domain.ApprovalEvent.DecisionRecorded;
import io.eer.approval.domain.ApprovalEvent.Escalated;
import io.eer.approval.domain.ApprovalEvent.Opened;
import io.eer.approval.domain.ApprovalStatus;
import io.eer.approval.projection.ApprovalRow;
import io.eer.approval.projection.ApproverGroupRow;
import io.eer.approval.projection.DecisionRow;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.Topics;
import io.eer.contracts.events.ApprovalEscalated;
import io.eer.contracts.events.ApprovalTimedOut;
import io.eer.contracts.events.Approved;
import io.eer.contracts.events.AttemptRefused;
import io.eer.contracts.events.Denied;
import io.eer.contracts.events.DomainEvent;
import io.eer.contracts.events.EmergencyRequested;
import io.eer.contracts.events.Values.ApprovalMode;
import io.eer.contracts.events.Values.MfaEvidence;
import io.eer.contracts.events.Values.MfaRequirement;
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
 * decision in {@code approval_decision}, the public events ({@code ApprovalEscalated}, {@code AttemptRefused},
 * {@code Approved} / {@code Denied} / {@code ApprovalTimedOut}) in {@code domain_event} + {@code outbox} through
 * {@link EventStore}. Loading locks the approval row, so two approvers deciding at once, or a decision and a timer,
 * are serialised. The row's timer columns mirror the folded state after every change. Call inside a transaction.
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

        public Approval approval() {
            return Approval.replay(history).orElseThrow();
        }
    }

    /** Loads the approval of {@code requestId}, its row locked until the transaction ends. */
    public Uni<Loaded> loadForUpdate(String requestId) {
        return ApprovalRow.<ApprovalRow>findById(requestId, LockModeType.PESSIMISTIC_WRITE)
                .chain(row -> row == null ? Uni.createFrom().item(new Loaded(null, List.of())) : history(row));
    }

    /** Loads an approval whose row the caller has locked already (the timer poller's SKIP LOCKED query). */
    public Uni<Loaded> loadLocked(ApprovalRow row) {
        return history(row);
    }

    private Uni<Loaded> history(ApprovalRow row) {
        return ApproverGroupRow.<ApproverGroupRow>list("requestId = ?1 order by level, id", row.requestId)
                .chain(groups -> DecisionRow.<DecisionRow>list("requestId = ?1 order by decidedAt, id", row.requestId)
                        .chain(decisions -> eventStore.load(row.requestId).map(published -> {
                            List<ApprovalEvent> history = new ArrayList<>();
                            history.add(new Opened(approvalCase(row, groups), row.requestedAt));
                            decisions.forEach(d -> history.add(new DecisionRecorded(d.approver, d.groups,
                                    d.decision, d.comment, d.decidedAt,
                                    d.mfaMethods == null ? null : new MfaEvidence(d.mfaMethods, d.mfaAuthTime))));
                            for (EventEnvelope event : published) {
                                DomainEvent data = event.data();
                                if (data instanceof ApprovalEscalated escalated) {
                                    history.add(new Escalated(escalated));
                                } else if (data instanceof Approved || data instanceof Denied
                                        || data instanceof ApprovalTimedOut) {
                                    history.add(new Concluded(data));
                                }
                                // AttemptRefused is evidence, not state
                            }
                            if (row.status == ApprovalStatus.CANCELLED) {
                                history.add(new Cancelled(row.cancelledBy, row.closedAt));
                            }
                            return new Loaded(row, history);
                        })));
    }

    /**
     * Records a new approval: {@code events} start with {@link Opened}; {@code requested} supplies what only the
     * read model shows (kind, origin, justification).
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
        row.mfaMethods = c.approverMfa() == null ? null : c.approverMfa().acceptedMethods();
        row.mfaMaxAge = c.approverMfa() == null ? null : text(c.approverMfa().maxAge());
        row.version = 0;
        row.requestedAt = requestedAt;
        row.updatedAt = now();
        List<ApproverGroupRow> groups = new ArrayList<>();
        c.approverGroups().forEach(group -> groups.add(ApproverGroupRow.of(c.requestId(), group, 0)));
        for (int level = 1; level <= c.escalation().size(); level++) {
            groups.add(ApproverGroupRow.of(c.requestId(), c.escalation().get(level - 1), level));
        }
        // flush the row first: the group and decision rows reference it
        return row.<ApprovalRow>persistAndFlush()
                // persisting an empty list fails ("The Uni set is empty"): break-glass may name no approver group
                .chain(() -> groups.isEmpty() ? Uni.createFrom().voidItem() : ApproverGroupRow.persist(groups))
                .chain(() -> apply(new Loaded(row, List.of(opened)), events.subList(1, events.size())));
    }

    /** Records what followed on an approval already stored, and sets its timers to match the new state. */
    public Uni<ApprovalRow> apply(Loaded loaded, List<ApprovalEvent> events) {
        ApprovalRow row = loaded.row();
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
                decision.groups = recorded.groups();
                decision.mfaMethods = recorded.mfa() == null ? null : recorded.mfa().methods();
                decision.mfaAuthTime = recorded.mfa() == null ? null : recorded.mfa().authTime();
                work = work.chain(() -> decision.persist()).replaceWithVoid();
            } else if (event instanceof Escalated escalated) {
                work = work.chain(() -> append(row, escalated.escalated()));
            } else if (event instanceof Concluded concluded) {
                row.status = concluded.status();
                row.closedAt = now;
                work = work.chain(() -> append(row, concluded.outcome()));
            } else if (event instanceof Cancelled cancelled) {
                row.status = ApprovalStatus.CANCELLED;
                row.cancelledBy = cancelled.by();
                row.closedAt = cancelled.at();
            } else {
                throw new IllegalArgumentException("cannot record " + event + " on an existing approval");
            }
        }
        List<ApprovalEvent> all = new ArrayList<>(loaded.history());
        all.addAll(events);
        Approval state = Approval.replay(all).orElseThrow();
        row.escalationLevel = state.level();
        row.decisionDeadline = state.decisionDeadline();
        row.validUntil = state.validUntil();
        row.updatedAt = now;
        return work.replaceWith(row);
    }

    /** Records a refused attempt on an approval (evidence only: the approval itself is unchanged). */
    public Uni<Void> recordRefusal(ApprovalRow row, AttemptRefused refused) {
        row.updatedAt = now();
        return append(row, refused);
    }

    private Uni<Void> append(ApprovalRow row, DomainEvent event) {
        long expectedVersion = row.version;
        row.version = expectedVersion + 1;
        return eventStore.append(row.requestId, expectedVersion, Topics.APPROVALS, event).replaceWithVoid();
    }

    /** PostgreSQL keeps microseconds: an answer built from memory shows what a later read gives back. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    static ApprovalCase approvalCase(ApprovalRow row, List<ApproverGroupRow> groups) {
        List<String> approverGroups = groups.stream().filter(g -> g.level == 0).map(g -> g.groupName).toList();
        List<String> escalation = groups.stream().filter(g -> g.level > 0).map(g -> g.groupName).toList();
        MfaRequirement mfa = row.mfaMethods == null ? null
                : new MfaRequirement(row.mfaMethods, duration(row.mfaMaxAge));
        return new ApprovalCase(row.requestId, row.requester, row.beneficiary, row.system, row.role,
                Duration.parse(row.requestedDuration), new PolicyRef(row.policyId, row.policyVersion),
                ApprovalMode.valueOf(row.mode), approverGroups, row.quorum, row.distinctGroups,
                duration(row.decisionTimeout), escalation, duration(row.validity), mfa, duration(row.maxDuration),
                row.incident);
    }

    private static String text(Duration d) {
        return d == null ? null : d.toString();
    }

    private static Duration duration(String s) {
        return s == null ? null : Duration.parse(s);
    }
}
