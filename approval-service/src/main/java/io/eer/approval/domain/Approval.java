package io.eer.approval.domain;

import io.eer.approval.domain.ApprovalCommand.Cancel;
import io.eer.approval.domain.ApprovalCommand.Open;
import io.eer.approval.domain.ApprovalCommand.RecordRefusal;
import io.eer.approval.domain.ApprovalCommand.Tick;
import io.eer.approval.domain.ApprovalEvent.AttemptRefused;
import io.eer.approval.domain.ApprovalEvent.Cancelled;
import io.eer.approval.domain.ApprovalEvent.Concluded;
import io.eer.approval.domain.ApprovalEvent.DecisionRecorded;
import io.eer.approval.domain.ApprovalEvent.Escalated;
import io.eer.approval.domain.ApprovalEvent.Opened;
import io.eer.approval.domain.Outcome.ApprovalDecision;
import io.eer.approval.domain.Outcome.ApprovalTimedOut;
import io.eer.approval.domain.Outcome.Approved;
import io.eer.approval.domain.Outcome.Denied;
import io.eer.support.decider.Decider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The approval of one request as a decider: every event in {@code eer.approvals} is decided here.
 *
 * <ul>
 *   <li>PRE_APPROVED (break-glass): approved by the policy the moment the request arrives, and only with an
 *       incident reference (without one: denied by the policy, reason {@value #INCIDENT_REQUIRED}).</li>
 *   <li>EXPEDITED: one approval from the groups asked so far; each level has the plan's decision timeout, after
 *       which the next escalation group is asked ({@code ApprovalEscalated}); after the last level:
 *       {@code ApprovalTimedOut(DECISION_TIMEOUT)}.</li>
 *   <li>STANDARD: {@code quorum} (at least 1) approvals, each person counted once, from distinct approver groups
 *       when the plan says so; one DENY denies (veto); undecided past the validity:
 *       {@code ApprovalTimedOut(REQUEST_VALIDITY_EXPIRED)}.</li>
 *   <li>Separation of duties: the requester and the beneficiary never decide; only members of the groups asked so
 *       far decide; each person decides once; where the plan asks for approver MFA, the token must show an accepted
 *       method, recently enough.</li>
 * </ul>
 */
public final class Approval implements Decider<ApprovalState, ApprovalCommand, ApprovalEvent> {

    public static final Approval DECIDER = new Approval();

    public static final String NO_REASON = "no reason given";
    public static final String INCIDENT_REQUIRED = "incident-required";
    public static final String QUORUM_UNSATISFIABLE = "quorum-unsatisfiable";

    private Approval() {
    }

    @Override
    public ApprovalState initialState() {
        return ApprovalState.NONE;
    }

    @Override
    public ApprovalState evolve(ApprovalState state, ApprovalEvent event) {
        return state.opened() ? state.apply(event) : ApprovalState.first(event);
    }

    @Override
    public io.eer.support.decider.Decision<ApprovalEvent> decide(ApprovalState state, ApprovalCommand command) {
        if (command instanceof Open open) {
            return accept(open(state, open));
        } else if (command instanceof Decide decide) {
            return decide(state, decide);
        } else if (command instanceof Tick tick) {
            return accept(tick(state, tick.now()));
        } else if (command instanceof Cancel cancel) {
            return state.opened() && state.status() == ApprovalStatus.PENDING
                    ? accept(List.of(new Cancelled(cancel.by(), cancel.at())))
                    : io.eer.support.decider.Decision.nothing();
        } else if (command instanceof RecordRefusal refusal) {
            return recordRefusal(state, refusal);
        }
        throw new IllegalArgumentException("unknown command " + command);
    }

    private static io.eer.support.decider.Decision<ApprovalEvent> accept(List<ApprovalEvent> events) {
        return io.eer.support.decider.Decision.accept(events);
    }

    /** A request arrives. Known already (a re-sent request): nothing happens. */
    private static List<ApprovalEvent> open(ApprovalState state, Open command) {
        if (state.opened()) {
            return List.of();
        }
        ApprovalCase c = command.approvalCase();
        Opened opened = new Opened(c, command.at(), command.details());
        if (c.mode() == ApprovalMode.PRE_APPROVED) {
            if (c.incident() == null) {
                // request-service refuses these too; this is defence in depth
                return List.of(opened, new Concluded(new Denied(c.requestId(), c.policyApprover(),
                        INCIDENT_REQUIRED + ": a break-glass (PRE_APPROVED) request must cite an incident reference",
                        c.policy())));
            }
            return List.of(opened, new Concluded(new Approved(c.requestId(), List.of(c.policyApprover()), c.mode(),
                    c.grantedDuration(), c.requester(), c.beneficiary(), c.system(), c.role(), c.policy(), null,
                    c.maxDuration())));
        }
        Optional<String> unsatisfiable = unsatisfiable(c);
        if (unsatisfiable.isPresent()) {
            return List.of(opened, new Concluded(new Denied(c.requestId(), c.policyApprover(),
                    QUORUM_UNSATISFIABLE + ": " + unsatisfiable.get(), c.policy())));
        }
        return List.of(opened);
    }

    /** A plan nobody could ever satisfy fails closed at once instead of waiting for its timeout. */
    private static Optional<String> unsatisfiable(ApprovalCase c) {
        if (c.approverGroups().isEmpty()) {
            return Optional.of("the approval plan names no approver group");
        }
        if (c.mode() == ApprovalMode.STANDARD && c.distinctGroups() && c.quorum() > c.approverGroups().size()) {
            return Optional.of("a quorum of " + c.quorum() + " from distinct groups cannot be met by "
                    + c.approverGroups().size() + " approver group(s) " + c.approverGroups());
        }
        return Optional.empty();
    }

    /** An approver decides. */
    private static io.eer.support.decider.Decision<ApprovalEvent> decide(ApprovalState approval, Decide command) {
        if (!approval.opened()) {
            return refuse(Refusal.UNKNOWN_REQUEST, "no approval is known for this request");
        }
        ApprovalCase approvalCase = approval.approvalCase();
        String approver = command.approver();
        if (approvalCase.involves(approver)) {
            String role = approver.equals(approvalCase.requester()) ? "asked for" : "would receive";
            return refuse(Refusal.SEPARATION_OF_DUTIES,
                    "'" + approver + "' " + role + " this access and may not decide on it");
        }
        Set<String> eligible = approval.eligibleGroups();
        if (eligible.stream().noneMatch(command.approverGroups()::contains)) {
            return refuse(Refusal.APPROVER_GROUP,
                    "only members of " + List.copyOf(eligible) + " may decide on this request now");
        }
        if (approval.decidedBy(approver)) {
            return refuse(Refusal.ALREADY_DECIDED, "'" + approver + "' has decided on this request already");
        }
        if (approval.status() != ApprovalStatus.PENDING) {
            return refuse(Refusal.NOT_PENDING,
                    "the request is " + approval.status().name().toLowerCase() + ", no longer pending");
        }
        if (overdue(approval, command.at())) {
            // the timer fires within a poll interval; a decision in between must not slip through
            return refuse(Refusal.NOT_PENDING, "the request has run out of time and is expiring");
        }
        Optional<io.eer.support.decider.Decision<ApprovalEvent>> stepUp = stepUp(approvalCase.approverMfa(), command);
        if (stepUp.isPresent()) {
            return stepUp.get();
        }
        MfaEvidence evidence = approvalCase.approverMfa() == null ? null : command.mfa();
        DecisionRecorded recorded = new DecisionRecorded(approver, command.approverGroups().stream().sorted().toList(),
                command.decision(), command.comment(), command.at(), evidence);
        if (command.decision() == Decision.DENY) {
            String reason = command.comment() == null || command.comment().isBlank() ? NO_REASON : command.comment();
            return accept(List.of(recorded, new Concluded(new Denied(approvalCase.requestId(), approver, reason,
                    approvalCase.policy(), evidence, recorded.groups()))));
        }
        ApprovalState after = approval.apply(recorded);
        if (after.countedApprovals() >= approvalCase.quorum()) {
            return accept(List.of(recorded, new Concluded(approved(after))));
        }
        return accept(List.of(recorded));
    }

    private static io.eer.support.decider.Decision<ApprovalEvent> refuse(Refusal refusal, String detail) {
        return io.eer.support.decider.Decision.refuse(refusal, detail);
    }

    /** Evidence of a refused attempt; only for refusals that are evidence, and only on a known approval. */
    private static io.eer.support.decider.Decision<ApprovalEvent> recordRefusal(ApprovalState state,
            RecordRefusal command) {
        if (!state.opened()) {
            return refuse(Refusal.UNKNOWN_REQUEST, "no approval is known for this request");
        }
        if (!command.refusal().recorded()) {
            return io.eer.support.decider.Decision.nothing();
        }
        Decide attempt = command.attempt();
        return accept(List.of(new AttemptRefused(state.approvalCase().requestId(),
                new Actor(attempt.approver(), command.actorType(), attempt.approverGroups().stream().sorted().toList()),
                attempt.decision().name(), command.refusal().rule(), command.message(),
                state.approvalCase().policy())));
    }

    /**
     * The plan's approver MFA: one of the accepted methods in the token's amr, and an auth_time no older than
     * {@code maxAge} when deciding. Empty when satisfied (or when the plan asks for nothing).
     */
    static Optional<io.eer.support.decider.Decision<ApprovalEvent>> stepUp(MfaRequirement required, Decide command) {
        if (required == null) {
            return Optional.empty();
        }
        MfaEvidence shown = command.mfa();
        if (required.acceptedMethods().stream().noneMatch(shown.methods()::contains)) {
            return Optional.of(refuse(Refusal.MFA_METHOD, "this decision needs a token whose amr holds "
                    + "one of " + required.acceptedMethods() + "; it shows " + shown.methods()));
        }
        Duration maxAge = required.maxAge();
        if (maxAge != null && (shown.authTime() == null || shown.authTime().plus(maxAge).isBefore(command.at()))) {
            String age = shown.authTime() == null ? "unknown"
                    : Duration.between(shown.authTime(), command.at()).withNanos(0).toString();
            return Optional.of(refuse(Refusal.MFA_AGE, "this decision needs an authentication at most "
                    + maxAge + " old; the token's auth_time is " + age + " old"));
        }
        return Optional.empty();
    }

    private static boolean overdue(ApprovalState approval, Instant at) {
        if (approval.validUntil() != null && !at.isBefore(approval.validUntil())) {
            return true;
        }
        return approval.decisionDeadline() != null && !at.isBefore(approval.decisionDeadline())
                && approval.level() >= approval.approvalCase().escalation().size();
    }

    /**
     * Time passes: at {@code now}, an approval past its validity times out (REQUEST_VALIDITY_EXPIRED); an expedited
     * one past its level's decision deadline escalates to the next group, or, at the end of the chain, times out
     * (DECISION_TIMEOUT). Nothing when nothing is due, so a timer fires once.
     */
    private static List<ApprovalEvent> tick(ApprovalState approval, Instant now) {
        if (!approval.opened() || approval.status() != ApprovalStatus.PENDING) {
            return List.of();
        }
        ApprovalCase c = approval.approvalCase();
        if (approval.validUntil() != null && !now.isBefore(approval.validUntil())) {
            return List.of(new Concluded(new ApprovalTimedOut(c.requestId(), approval.pathSoFar(),
                    ApprovalTimedOut.REQUEST_VALIDITY_EXPIRED, c.policy())));
        }
        if (approval.decisionDeadline() == null || now.isBefore(approval.decisionDeadline())) {
            return List.of();
        }
        int level = approval.level();
        if (level < c.escalation().size()) {
            // the next group gets a full decision timeout from the moment it is asked
            return List.of(new Escalated(new ApprovalEscalated(c.requestId(), String.join(",", c.groupsAt(level)),
                    c.escalation().get(level), level + 1, now.plus(c.decisionTimeout()), c.policy())));
        }
        return List.of(new Concluded(new ApprovalTimedOut(c.requestId(), c.fullPath(),
                ApprovalTimedOut.DECISION_TIMEOUT, c.policy())));
    }

    private static Approved approved(ApprovalState approval) {
        ApprovalCase c = approval.approvalCase();
        List<ApprovalDecision> decisions = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (DecisionRecorded d : approval.approvals()) {
            if (seen.add(d.approver())) {
                decisions.add(new ApprovalDecision(d.approver(), d.groups(), d.at(), d.comment(), d.mfa()));
            }
        }
        return new Approved(c.requestId(), approval.approvers(), c.mode(), c.grantedDuration(), c.requester(),
                c.beneficiary(), c.system(), c.role(), c.policy(), decisions, c.maxDuration());
    }
}
