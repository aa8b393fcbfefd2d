package io.eer.approval.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.eer.approval.domain.ApprovalEvent.Concluded;
import io.eer.approval.domain.ApprovalEvent.DecisionRecorded;
import io.eer.approval.domain.ApprovalEvent.Escalated;
import io.eer.approval.domain.ApprovalEvent.Opened;
import io.eer.approval.domain.ApprovalCommand.Tick;
import io.eer.approval.domain.Outcome.ApprovalTimedOut;
import io.eer.approval.domain.Outcome.Approved;
import io.eer.approval.domain.Outcome.Denied;
import io.eer.approval.infra.in.RequestTranslation;
import io.eer.contracts.events.EmergencyRequested;
import io.eer.contracts.events.Values;
import io.eer.contracts.events.Values.ApprovalPlan;
import io.eer.contracts.events.Values.MfaRequirement;
import io.eer.contracts.events.Values.Origin;
import io.eer.contracts.events.Values.Principal;
import io.eer.contracts.events.Values.PrincipalType;
import io.eer.contracts.events.Values.RequestKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import io.eer.support.testing.DeciderSpec;
import org.junit.jupiter.api.Test;

/**
 * Escalation, timeouts, distinct-group quorum, approver MFA and break-glass rules: given the approval's events, when a
 * command arrives, then these events or this refusal ({@link DeciderSpec} on {@link Approval#DECIDER}). The plans are
 * written as request-service sends them ({@code EmergencyRequested}, translated as the consumer does).
 */
class ApprovalModesTest {

    static final String ID = "req-7";
    static final PolicyRef POLICY = new PolicyRef("eer-local", "8");
    static final Values.PolicyRef CONTRACT_POLICY = new Values.PolicyRef("eer-local", "8");
    static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    static final Duration TIMEOUT = Duration.ofMinutes(5);
    static final MfaEvidence STRONG = new MfaEvidence(List.of("pwd", "hwk"), T0);

    static EmergencyRequested requested(ApprovalPlan plan, String incident, Duration maxDuration) {
        return new EmergencyRequested(ID, RequestKind.EMERGENCY, Origin.EMPLOYEE_SELF,
                new Principal("dave", PrincipalType.EMPLOYEE, List.of("oncall-dba")), "dave", "payments-db", "db_admin",
                "replica lag", incident, Duration.ofHours(2), new Values.MfaEvidence(List.of("mfa"), T0), CONTRACT_POLICY, plan, null,
                null, maxDuration, "rule-x");
    }

    static ApprovalPlan expedited() {
        return new ApprovalPlan(Values.ApprovalMode.EXPEDITED, List.of("oncall-leads"), 1, false, TIMEOUT,
                List.of("secops", "ciso-office"), null, null);
    }

    static ApprovalPlan dual(boolean distinct, MfaRequirement mfa) {
        return new ApprovalPlan(Values.ApprovalMode.STANDARD, List.of("secops", "dba-leads"), 2, distinct, null, null,
                Duration.ofHours(4), mfa);
    }

    static List<ApprovalEvent> opened(ApprovalPlan plan) {
        return new ArrayList<>(open(requested(plan, null, null), T0));
    }

    static Decide decide(String who, Set<String> groups, Decision decision, Instant at) {
        return new Decide(who, groups, decision, null, at, STRONG);
    }

    /** The events a request opens with, as the consumer translates it. */
    static List<ApprovalEvent> open(EmergencyRequested requested, Instant at) {
        return DeciderSpec.given(Approval.DECIDER, List.<ApprovalEvent>of())
                .when(new ApprovalCommand.Open(RequestTranslation.approvalCase(requested), at)).thenAccepted();
    }

    static List<ApprovalEvent> tick(List<ApprovalEvent> history, Instant now) {
        return DeciderSpec.given(Approval.DECIDER, history).when(new Tick(now)).thenAccepted();
    }

    static List<ApprovalEvent> accept(List<ApprovalEvent> history, Decide command) {
        List<ApprovalEvent> more = new ArrayList<>(history);
        more.addAll(DeciderSpec.given(Approval.DECIDER, history).when(command).thenAccepted());
        return more;
    }

    static Refusal refusal(List<ApprovalEvent> history, Decide command) {
        var when = DeciderSpec.given(Approval.DECIDER, history).when(command);
        assertThat(when.decision().refused()).as("refused").isTrue();
        return (Refusal) ((io.eer.support.decider.Decision.Refused<ApprovalEvent>) when.decision()).rule();
    }

    // ---- break-glass

    @Test
    void preApproved_withIncident_isApprovedByPolicy_cappedAtTheRulesMaximum() {
        ApprovalPlan plan = new ApprovalPlan(Values.ApprovalMode.PRE_APPROVED, List.of("secops"), 0);
        List<ApprovalEvent> events = open(requested(plan, "INC-9", Duration.ofHours(1)), T0);

        assertThat(events).hasSize(2).last().isEqualTo(new Concluded(new Approved(ID, List.of("policy:eer-local@8"),
                ApprovalMode.PRE_APPROVED, Duration.ofHours(1), "dave", "dave", "payments-db", "db_admin", POLICY,
                null, Duration.ofHours(1))));
    }

    @Test
    void preApproved_withoutIncident_isDeniedByPolicy() {
        ApprovalPlan plan = new ApprovalPlan(Values.ApprovalMode.PRE_APPROVED, List.of("secops"), 0);
        List<ApprovalEvent> events = open(requested(plan, "  ", null), T0);

        assertThat(events.get(1)).isInstanceOfSatisfying(Concluded.class, c -> {
            assertThat(c.status()).isEqualTo(ApprovalStatus.DENIED);
            Denied denied = (Denied) c.outcome();
            assertThat(denied.approver()).isEqualTo("policy:eer-local@8");
            assertThat(denied.reason()).startsWith(Approval.INCIDENT_REQUIRED);
        });
    }

    // ---- expedited: escalation

    @Test
    void expedited_escalatesLevelByLevel_thenTimesOut() {
        List<ApprovalEvent> history = opened(expedited());
        assertThat(tick(history, T0.plus(TIMEOUT).minusMillis(1))).isEmpty();

        Instant first = T0.plus(TIMEOUT);
        List<ApprovalEvent> escalated = tick(history, first);
        assertThat(escalated).containsExactly(new Escalated(new ApprovalEscalated(ID, "oncall-leads", "secops", 1,
                first.plus(TIMEOUT), POLICY)));
        history.addAll(escalated);
        assertThat(tick(history, first)).as("fires once").isEmpty();

        Instant second = first.plus(TIMEOUT).plusSeconds(3); // a late poll: the next level still gets a full timeout
        history.addAll(tick(history, second));
        assertThat(history.get(history.size() - 1)).isEqualTo(new Escalated(new ApprovalEscalated(ID, "secops",
                "ciso-office", 2, second.plus(TIMEOUT), POLICY)));

        List<ApprovalEvent> timedOut = tick(history, second.plus(TIMEOUT));
        assertThat(timedOut).containsExactly(new Concluded(new ApprovalTimedOut(ID,
                List.of("oncall-leads", "secops", "ciso-office"), ApprovalTimedOut.DECISION_TIMEOUT, POLICY)));
        history.addAll(timedOut);
        assertThat(ApprovalState.replay(history).orElseThrow().status()).isEqualTo(ApprovalStatus.EXPIRED);
        assertThat(tick(history, second.plus(TIMEOUT.multipliedBy(9)))).isEmpty();
    }

    @Test
    void expedited_onlyGroupsReachedSoFarMayDecide_earlierLevelsKeepTheirRight() {
        List<ApprovalEvent> history = opened(expedited());
        Instant at = T0.plusSeconds(1);
        assertThat(refusal(history, decide("sam", Set.of("secops"), Decision.APPROVE, at)))
                .isEqualTo(Refusal.APPROVER_GROUP);

        history.addAll(tick(history, T0.plus(TIMEOUT)));
        Instant later = T0.plus(TIMEOUT).plusSeconds(1);
        assertThat(refusal(history, decide("cleo", Set.of("ciso-office"), Decision.APPROVE, later)))
                .isEqualTo(Refusal.APPROVER_GROUP);
        List<ApprovalEvent> bySecops = accept(history, decide("sam", Set.of("secops"), Decision.APPROVE, later));
        assertThat(ApprovalState.replay(bySecops).orElseThrow().status()).isEqualTo(ApprovalStatus.APPROVED);
        List<ApprovalEvent> byLead = accept(history, decide("lou", Set.of("oncall-leads"), Decision.APPROVE, later));
        assertThat(ApprovalState.replay(byLead).orElseThrow().status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void expedited_afterTheLastDeadline_takesNoDecisionEvenBeforeTheTimerFires() {
        List<ApprovalEvent> history = opened(new ApprovalPlan(Values.ApprovalMode.EXPEDITED, List.of("oncall-leads"), 1,
                false, TIMEOUT, null, null, null));
        assertThat(refusal(history, decide("lou", Set.of("oncall-leads"), Decision.APPROVE, T0.plus(TIMEOUT))))
                .isEqualTo(Refusal.NOT_PENDING);
    }

    // ---- standard: distinct groups, veto, validity

    @Test
    void distinctGroups_twoApproversOfOneGroup_doNotMakeAQuorum() {
        List<ApprovalEvent> history = opened(dual(true, null));
        history = accept(history, decide("alice", Set.of("secops"), Decision.APPROVE, T0.plusSeconds(1)));
        history = accept(history, decide("bob", Set.of("secops"), Decision.APPROVE, T0.plusSeconds(2)));
        assertThat(ApprovalState.replay(history).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);

        history = accept(history, decide("dan", Set.of("dba-leads"), Decision.APPROVE, T0.plusSeconds(3)));
        ApprovalState approval = ApprovalState.replay(history).orElseThrow();
        assertThat(approval.status()).isEqualTo(ApprovalStatus.APPROVED);
        Approved approved = (Approved) ((Concluded) history.get(history.size() - 1)).outcome();
        assertThat(approved.approvers()).containsExactly("alice", "bob", "dan");
        assertThat(approved.decisions()).extracting(d -> d.groups())
                .containsExactly(List.of("secops"), List.of("secops"), List.of("dba-leads"));
    }

    @Test
    void distinctGroups_anApproverInBothGroups_isAssignedWhereItHelps() {
        List<ApprovalEvent> history = opened(dual(true, null));
        history = accept(history, decide("max", Set.of("secops", "dba-leads"), Decision.APPROVE, T0.plusSeconds(1)));
        assertThat(ApprovalState.replay(history).orElseThrow().status()).as("one person is one approval")
                .isEqualTo(ApprovalStatus.PENDING);
        history = accept(history, decide("alice", Set.of("secops"), Decision.APPROVE, T0.plusSeconds(2)));
        assertThat(ApprovalState.replay(history).orElseThrow().status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void withoutDistinctGroups_twoApproversOfOneGroup_makeAQuorum() {
        List<ApprovalEvent> history = opened(dual(false, null));
        history = accept(history, decide("alice", Set.of("secops"), Decision.APPROVE, T0.plusSeconds(1)));
        history = accept(history, decide("bob", Set.of("secops"), Decision.APPROVE, T0.plusSeconds(2)));
        assertThat(ApprovalState.replay(history).orElseThrow().status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void groupMatching_findsTheMaximum_whateverTheOrder() {
        assertThat(GroupMatching.maximum(List.of(Set.of("a", "b"), Set.of("a")))).isEqualTo(2);
        assertThat(GroupMatching.maximum(List.of(Set.of("a"), Set.of("a", "b")))).isEqualTo(2);
        assertThat(GroupMatching.maximum(List.of(Set.of("a"), Set.of("a"), Set.of()))).isEqualTo(1);
        assertThat(GroupMatching.maximum(List.of(Set.of("a", "b", "c"), Set.of("a", "b"), Set.of("a")))).isEqualTo(3);
    }

    @Test
    void distinctGroups_quorumAboveTheGroupCount_isDeniedAtOnce() {
        ApprovalPlan impossible = new ApprovalPlan(Values.ApprovalMode.STANDARD, List.of("secops"), 2, true, null, null,
                null, null);
        List<ApprovalEvent> events = opened(impossible);
        assertThat(events.get(1)).isInstanceOfSatisfying(Concluded.class, c ->
                assertThat(((Denied) c.outcome()).reason()).startsWith(Approval.QUORUM_UNSATISFIABLE));
    }

    @Test
    void validity_expiresAnUndecidedRequest_once() {
        List<ApprovalEvent> history = opened(dual(true, null));
        history = accept(history, decide("alice", Set.of("secops"), Decision.APPROVE, T0.plusSeconds(1)));
        Instant end = T0.plus(Duration.ofHours(4));
        assertThat(tick(history, end.minusMillis(1))).isEmpty();
        assertThat(refusal(history, decide("dan", Set.of("dba-leads"), Decision.APPROVE, end)))
                .isEqualTo(Refusal.NOT_PENDING);

        List<ApprovalEvent> timedOut = tick(history, end);
        assertThat(timedOut).containsExactly(new Concluded(new ApprovalTimedOut(ID, List.of("secops", "dba-leads"),
                ApprovalTimedOut.REQUEST_VALIDITY_EXPIRED, POLICY)));
        history.addAll(timedOut);
        assertThat(tick(history, end.plusSeconds(60))).isEmpty();
    }

    // ---- approver MFA

    @Test
    void mfa_whenMethodMissing_isAStepUp() {
        List<ApprovalEvent> history = opened(dual(false, new MfaRequirement(List.of("hwk", "otp"),
                Duration.ofMinutes(10))));
        Decide weak = new Decide("alice", Set.of("secops"), Decision.APPROVE, null, T0.plusSeconds(5),
                new MfaEvidence(List.of("pwd"), T0));
        assertThat(refusal(history, weak)).isEqualTo(Refusal.MFA_METHOD);
    }

    @Test
    void mfa_whenAuthenticationTooOld_isAStepUp() {
        List<ApprovalEvent> history = opened(dual(false, new MfaRequirement(List.of("hwk", "otp"),
                Duration.ofMinutes(10))));
        Decide stale = new Decide("alice", Set.of("secops"), Decision.APPROVE, null, T0.plus(Duration.ofMinutes(11)),
                new MfaEvidence(List.of("otp"), T0));
        assertThat(refusal(history, stale)).isEqualTo(Refusal.MFA_AGE);
    }

    @Test
    void mfa_whenSatisfied_isRecordedWithTheDecision() {
        List<ApprovalEvent> history = opened(dual(false, new MfaRequirement(List.of("hwk", "otp"),
                Duration.ofMinutes(10))));
        Decide fresh = new Decide("alice", Set.of("secops"), Decision.DENY, "no", T0.plusSeconds(30),
                new MfaEvidence(List.of("pwd", "otp"), T0));
        List<ApprovalEvent> after = accept(history, fresh);
        assertThat(((DecisionRecorded) after.get(1)).mfa()).isEqualTo(new MfaEvidence(List.of("pwd", "otp"), T0));
        Denied denied = (Denied) ((Concluded) after.get(2)).outcome();
        assertThat(denied.mfa()).isEqualTo(new MfaEvidence(List.of("pwd", "otp"), T0));
        assertThat(denied.groups()).containsExactly("secops");
    }

    @Test
    void mfa_notAsked_isNotRecorded() {
        List<ApprovalEvent> after = accept(opened(dual(false, null)),
                decide("alice", Set.of("secops"), Decision.APPROVE, T0.plusSeconds(1)));
        assertThat(((DecisionRecorded) after.get(1)).mfa()).isNull();
    }

    @Test
    void opened_clocksRunFromTheRequest() {
        ApprovalState approval = ApprovalState.replay(List.of(new Opened(RequestTranslation.approvalCase(requested(expedited(), null, null)),
                T0))).orElseThrow();
        assertThat(approval.decisionDeadline()).isEqualTo(T0.plus(TIMEOUT));
        assertThat(approval.validUntil()).isNull();
    }
}
