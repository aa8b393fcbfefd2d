package io.eer.approval.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eer.approval.domain.ApprovalEvent.Cancelled;
import io.eer.approval.domain.ApprovalEvent.Concluded;
import io.eer.approval.domain.ApprovalEvent.DecisionRecorded;
import io.eer.approval.domain.ApprovalEvent.Opened;
import io.eer.approval.domain.ApprovalCommand.Cancel;
import io.eer.approval.domain.Outcome.ApprovalDecision;
import io.eer.approval.domain.Outcome.Approved;
import io.eer.approval.domain.Outcome.Denied;
import io.eer.approval.infra.in.RequestTranslation;
import io.eer.contracts.events.EmergencyRequested;
import io.eer.contracts.events.Values;
import io.eer.contracts.events.Values.ApprovalPlan;
import io.eer.contracts.events.Values.Origin;
import io.eer.contracts.events.Values.Principal;
import io.eer.contracts.events.Values.PrincipalType;
import io.eer.contracts.events.Values.RequestKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import io.eer.support.testing.DeciderSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Given an approval's events, when a command arrives, then these events (or this refusal): {@link DeciderSpec}. */
class ApprovalTest {

    static final String ID = "req-1";
    static final PolicyRef POLICY = new PolicyRef("eer-local", "7");
    static final Values.PolicyRef CONTRACT_POLICY = new Values.PolicyRef("eer-local", "7");
    static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    static final Instant T1 = T0.plusSeconds(60);
    static final Set<String> SECOPS = Set.of("secops");

    // ---- fixtures

    static EmergencyRequested requested(ApprovalMode mode, int quorum, String requester, String beneficiary) {
        return new EmergencyRequested(ID, RequestKind.JIT, beneficiary.equals(requester) ? Origin.EMPLOYEE_SELF
                : Origin.ON_BEHALF, new Principal(requester, PrincipalType.EMPLOYEE, List.of("oncall-dba", "secops")),
                beneficiary, "payments-db", "read_only", "month-end check",
                mode == ApprovalMode.PRE_APPROVED ? "INC-1" : null, Duration.ofMinutes(30),
                new Values.MfaEvidence(List.of("pwd", "mfa"), T0), CONTRACT_POLICY,
                new ApprovalPlan(Values.ApprovalMode.valueOf(mode.name()), List.of("secops", "sec-leads"), quorum), null);
    }

    static ApprovalCase standard(int quorum) {
        return new ApprovalCase(ID, "dave", "erin", "payments-db", "read_only", Duration.ofMinutes(30), POLICY,
                ApprovalMode.STANDARD, List.of("secops", "sec-leads"), quorum);
    }

    static Opened opened(int quorum) {
        return new Opened(standard(quorum));
    }

    static DecisionRecorded approve(String who) {
        return new DecisionRecorded(who, Decision.APPROVE, "ok", T0);
    }

    static DecisionRecorded deny(String who) {
        return new DecisionRecorded(who, Decision.DENY, "no incident", T0);
    }

    static Decide decide(String who, Decision decision, String comment) {
        return new Decide(who, SECOPS, decision, comment, T1);
    }

    static Approved approved(ApprovalMode mode, String... approvers) {
        return new Approved(ID, List.of(approvers), mode, Duration.ofMinutes(30), "dave", "erin", "payments-db",
                "read_only", POLICY);
    }

    // ---- open

    static Stream<Arguments> openCases() {
        EmergencyRequested breakGlass = requested(ApprovalMode.PRE_APPROVED, 0, "carol", "carol");
        return Stream.of(
                Arguments.of("break-glass is approved by its policy at once", List.of(), breakGlass,
                        List.of(new Opened(new ApprovalCase(ID, "carol", "carol", "payments-db", "read_only",
                                        Duration.ofMinutes(30), POLICY, ApprovalMode.PRE_APPROVED,
                                        List.of("secops", "sec-leads"), 0, false, null, List.of(), null, null, null,
                                        "INC-1")),
                                new Concluded(new Approved(ID, List.of("policy:eer-local@7"), ApprovalMode.PRE_APPROVED,
                                        Duration.ofMinutes(30), "carol", "carol", "payments-db", "read_only", POLICY)))),
                Arguments.of("standard waits for its quorum", List.of(),
                        requested(ApprovalMode.STANDARD, 2, "dave", "erin"), List.of(opened(2))),
                Arguments.of("standard quorum 0 still needs one approver", List.of(),
                        requested(ApprovalMode.STANDARD, 0, "dave", "erin"), List.of(opened(1))),
                Arguments.of("expedited needs one approver whatever the plan says", List.of(),
                        requested(ApprovalMode.EXPEDITED, 3, "dave", "erin"),
                        List.of(new Opened(new ApprovalCase(ID, "dave", "erin", "payments-db", "read_only",
                                Duration.ofMinutes(30), POLICY, ApprovalMode.EXPEDITED, List.of("secops", "sec-leads"),
                                1)))),
                Arguments.of("a request known already changes nothing", List.of(opened(1)),
                        requested(ApprovalMode.STANDARD, 1, "dave", "erin"), List.of()),
                Arguments.of("a break-glass request sent again is not approved again",
                        List.of(new Opened(RequestTranslation.approvalCase(breakGlass)), new Concluded(new Approved(ID,
                                List.of("policy:eer-local@7"), ApprovalMode.PRE_APPROVED, Duration.ofMinutes(30),
                                "carol", "carol", "payments-db", "read_only", POLICY))),
                        breakGlass, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("openCases")
    void open(String name, List<ApprovalEvent> given, EmergencyRequested when, List<ApprovalEvent> then) {
        DeciderSpec.given(Approval.DECIDER, given).when(openCommand(when)).then(then.toArray(ApprovalEvent[]::new));
    }

    /** The command the consumer makes of a request (no clock, no read-model details). */
    static ApprovalCommand.Open openCommand(EmergencyRequested requested) {
        return new ApprovalCommand.Open(RequestTranslation.approvalCase(requested), null);
    }

    @Test
    void open_whenBeneficiaryMissing_theRequesterIsTheBeneficiary() {
        EmergencyRequested self = requested(ApprovalMode.STANDARD, 1, "dave", "dave");
        EmergencyRequested noBeneficiary = new EmergencyRequested(ID, self.kind(), self.origin(), self.requester(), null,
                self.system(), self.role(), self.justification(), null, self.requestedDuration(), self.mfa(),
                self.policy(), self.approval(), null);
        assertThat(RequestTranslation.approvalCase(noBeneficiary).beneficiary()).isEqualTo("dave");
    }

    @Test
    void open_whenApprovalPlanMissing_isRejectedAsMalformed() {
        EmergencyRequested r = requested(ApprovalMode.STANDARD, 1, "dave", "erin");
        EmergencyRequested noPlan = new EmergencyRequested(ID, r.kind(), r.origin(), r.requester(), r.beneficiary(),
                r.system(), r.role(), r.justification(), null, r.requestedDuration(), r.mfa(), r.policy(), null, null);
        assertThatThrownBy(() -> openCommand(noPlan))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("approval plan");
    }

    // ---- decide: accepted

    static DecisionRecorded recorded(String who, List<String> groups, Decision decision, String comment) {
        return new DecisionRecorded(who, groups, decision, comment, T1, null);
    }

    static ApprovalDecision evidence(DecisionRecorded d) {
        return new ApprovalDecision(d.approver(), d.groups(), d.at(), d.comment(), d.mfa());
    }

    static Approved approvedWith(ApprovalMode mode, DecisionRecorded... decisions) {
        List<DecisionRecorded> all = List.of(decisions);
        return new Approved(ID, all.stream().map(DecisionRecorded::approver).toList(), mode, Duration.ofMinutes(30),
                "dave", "erin", "payments-db", "read_only", POLICY,
                all.stream().map(ApprovalTest::evidence).toList(), null);
    }

    static Stream<Arguments> acceptedDecisions() {
        DecisionRecorded aliceOk = recorded("alice", List.of("secops"), Decision.APPROVE, "ok");
        DecisionRecorded aliceSilent = recorded("alice", List.of("secops"), Decision.APPROVE, null);
        DecisionRecorded leeSilent = recorded("lee", List.of("sec-leads"), Decision.APPROVE, null);
        return Stream.of(
                Arguments.of("one approval reaches a quorum of 1", List.of(opened(1)),
                        decide("alice", Decision.APPROVE, "ok"),
                        List.of(aliceOk, new Concluded(approvedWith(ApprovalMode.STANDARD, aliceOk)))),
                Arguments.of("the first of two approvals is only recorded", List.of(opened(2)),
                        decide("alice", Decision.APPROVE, null), List.of(aliceSilent)),
                Arguments.of("the second of two approvals approves, naming both in order",
                        List.of(opened(2), approve("bob")), decide("alice", Decision.APPROVE, "ok"),
                        List.of(aliceOk, new Concluded(approvedWith(ApprovalMode.STANDARD, approve("bob"), aliceOk)))),
                Arguments.of("one DENY vetoes, with the comment as reason", List.of(opened(2), approve("bob")),
                        decide("alice", Decision.DENY, "use read_only"),
                        List.of(recorded("alice", List.of("secops"), Decision.DENY, "use read_only"),
                                new Concluded(new Denied(ID, "alice", "use read_only", POLICY, null,
                                        List.of("secops"))))),
                Arguments.of("a DENY without comment still gives a reason", List.of(opened(1)),
                        decide("alice", Decision.DENY, null),
                        List.of(recorded("alice", List.of("secops"), Decision.DENY, null),
                                new Concluded(new Denied(ID, "alice", Approval.NO_REASON, POLICY, null,
                                        List.of("secops"))))),
                Arguments.of("an expedited approval names its mode",
                        List.of(new Opened(new ApprovalCase(ID, "dave", "erin", "payments-db", "read_only",
                                Duration.ofMinutes(30), POLICY, ApprovalMode.EXPEDITED, List.of("secops"), 1))),
                        decide("alice", Decision.APPROVE, null),
                        List.of(aliceSilent, new Concluded(approvedWith(ApprovalMode.EXPEDITED, aliceSilent)))),
                Arguments.of("a member of any one approver group may decide", List.of(opened(1)),
                        new Decide("lee", Set.of("sec-leads"), Decision.APPROVE, null, T1),
                        List.of(leeSilent, new Concluded(approvedWith(ApprovalMode.STANDARD, leeSilent)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedDecisions")
    void decide_accepted(String name, List<ApprovalEvent> given, Decide when, List<ApprovalEvent> then) {
        DeciderSpec.given(Approval.DECIDER, given).when(when).then(then.toArray(ApprovalEvent[]::new));
    }

    // ---- decide: refused

    static Stream<Arguments> refusedDecisions() {
        Concluded approvedByAlice = new Concluded(approved(ApprovalMode.STANDARD, "alice"));
        return Stream.of(
                Arguments.of("unknown request", List.of(), decide("alice", Decision.APPROVE, null),
                        Refusal.UNKNOWN_REQUEST),
                Arguments.of("the requester, though in secops, may not approve", List.of(opened(1)),
                        decide("dave", Decision.APPROVE, null), Refusal.SEPARATION_OF_DUTIES),
                Arguments.of("the requester may not deny either", List.of(opened(1)),
                        decide("dave", Decision.DENY, null), Refusal.SEPARATION_OF_DUTIES),
                Arguments.of("the beneficiary may not approve", List.of(opened(1)),
                        decide("erin", Decision.APPROVE, null), Refusal.SEPARATION_OF_DUTIES),
                Arguments.of("separation of duties holds after the approval too", List.of(opened(1), approvedByAlice),
                        decide("dave", Decision.APPROVE, null), Refusal.SEPARATION_OF_DUTIES),
                Arguments.of("someone outside the approver groups", List.of(opened(1)),
                        new Decide("carol", Set.of("oncall-dba"), Decision.APPROVE, null, T1), Refusal.APPROVER_GROUP),
                Arguments.of("the same approver twice", List.of(opened(2), approve("alice")),
                        decide("alice", Decision.APPROVE, null), Refusal.ALREADY_DECIDED),
                Arguments.of("the same approver changing their mind", List.of(opened(2), approve("alice")),
                        decide("alice", Decision.DENY, null), Refusal.ALREADY_DECIDED),
                Arguments.of("after approval", List.of(opened(1), approve("alice"), approvedByAlice),
                        decide("bob", Decision.DENY, null), Refusal.NOT_PENDING),
                Arguments.of("after a veto", List.of(opened(2), deny("bob"), new Concluded(new Denied(ID, "bob",
                        "no incident", POLICY))), decide("alice", Decision.APPROVE, null), Refusal.NOT_PENDING),
                Arguments.of("after cancellation", List.of(opened(1), new Cancelled("dave", T0)),
                        decide("alice", Decision.APPROVE, null), Refusal.NOT_PENDING),
                Arguments.of("a break-glass request takes no decisions", List.of(
                        new Opened(RequestTranslation.approvalCase(requested(ApprovalMode.PRE_APPROVED, 0, "carol", "carol"))),
                        new Concluded(approved(ApprovalMode.PRE_APPROVED, "policy:eer-local@7"))),
                        decide("alice", Decision.APPROVE, null), Refusal.NOT_PENDING));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedDecisions")
    void decide_refused(String name, List<ApprovalEvent> given, Decide when, Refusal then) {
        DeciderSpec.given(Approval.DECIDER, given).when(when).thenRefused(then);
    }

    @Test
    void refusals_nameTheirRules() {
        assertThat(Refusal.SEPARATION_OF_DUTIES.rule()).isEqualTo("separation-of-duties");
        assertThat(Refusal.APPROVER_GROUP.rule()).isEqualTo("approver-group");
    }

    // ---- cancel

    static Stream<Arguments> cancelCases() {
        return Stream.of(
                Arguments.of("a pending approval closes", List.of(opened(2), approve("alice")),
                        List.of(new Cancelled("dave", T1))),
                Arguments.of("an unknown request stays unknown", List.of(), List.of()),
                Arguments.of("an approved request stays approved",
                        List.of(opened(1), approve("alice"), new Concluded(approved(ApprovalMode.STANDARD, "alice"))),
                        List.of()),
                Arguments.of("a cancelled request is not cancelled twice", List.of(opened(1), new Cancelled("dave", T0)),
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cancelCases")
    void cancel(String name, List<ApprovalEvent> given, List<ApprovalEvent> then) {
        DeciderSpec.given(Approval.DECIDER, given).when(new Cancel("dave", T1)).then(then.toArray(ApprovalEvent[]::new));
    }

    // ---- replay

    @Test
    void replay_foldsStatusAndApprovers() {
        ApprovalState approval = ApprovalState.replay(List.of(opened(3), approve("alice"), approve("bob"))).orElseThrow();
        assertThat(approval.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(approval.approvers()).containsExactly("alice", "bob");
        assertThat(approval.decidedBy("bob")).isTrue();
        assertThat(approval.decidedBy("carol")).isFalse();
        assertThat(ApprovalState.replay(List.of(opened(1), deny("bob"),
                new Concluded(new Denied(ID, "bob", "x", POLICY)))).orElseThrow().status())
                .isEqualTo(ApprovalStatus.DENIED);
    }

    // ---- evidence of refused attempts, typed ids

    @Test
    void recordRefusal_whenSeparationOfDuties_isEvidenceThatChangesNothing() {
        Decide byRequester = new Decide("dave", Set.of("secops"), Decision.APPROVE, null, T1);
        DeciderSpec.given(Approval.DECIDER, opened(1))
                .when(new ApprovalCommand.RecordRefusal(byRequester, "EMPLOYEE", Refusal.SEPARATION_OF_DUTIES, "no"))
                .then(new ApprovalEvent.AttemptRefused(ID, new Actor("dave", "EMPLOYEE", List.of("secops")), "APPROVE",
                        "separation-of-duties", "no", POLICY));
        assertThat(ApprovalState.replay(List.of(opened(1), new ApprovalEvent.AttemptRefused(ID,
                new Actor("dave", "EMPLOYEE", List.of("secops")), "APPROVE", "separation-of-duties", "no", POLICY)))
                .orElseThrow()).isEqualTo(ApprovalState.replay(List.of(opened(1))).orElseThrow());
    }

    @Test
    void recordRefusal_whenTheRuleIsNoEvidence_recordsNothing() {
        Decide twice = new Decide("alice", Set.of("secops"), Decision.APPROVE, null, T1);
        DeciderSpec.given(Approval.DECIDER, opened(2), approve("alice"))
                .when(new ApprovalCommand.RecordRefusal(twice, "EMPLOYEE", Refusal.ALREADY_DECIDED, "twice"))
                .then();
    }

    @Test
    void recordRefusal_whenRequestUnknown_isRefused() {
        Decide any = new Decide("alice", Set.of("secops"), Decision.APPROVE, null, T1);
        DeciderSpec.given(Approval.DECIDER, List.<ApprovalEvent>of())
                .when(new ApprovalCommand.RecordRefusal(any, "EMPLOYEE", Refusal.APPROVER_GROUP, "x"))
                .thenRefused(Refusal.UNKNOWN_REQUEST);
    }

    @Test
    void tick_whenNothingIsDue_decidesNothing() {
        DeciderSpec.given(Approval.DECIDER, opened(1)).when(new ApprovalCommand.Tick(T1)).then();
    }

    @Test
    void requestId_refusesWhatNoRequestIdCanBe() {
        assertThat(new RequestId("11111111-aaaa-4bbb-8ccc-000000000001").value()).hasSize(36);
        for (String bad : new String[] {null, "", "  ", "a b", "line\nbreak", "x".repeat(129), "caf\u00e9"}) {
            assertThatThrownBy(() -> new RequestId(bad)).as(String.valueOf(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
