package io.eer.request.domain;

import static io.eer.request.domain.RequestPolicyTest.DBA;
import static io.eer.request.domain.RequestPolicyTest.LEAD;
import static io.eer.request.domain.RequestPolicyTest.NOW;
import static io.eer.request.domain.RequestPolicyTest.POLICY;
import static io.eer.request.domain.RequestPolicyTest.breakGlass;
import static io.eer.request.domain.RequestPolicyTest.onBehalf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eer.support.testing.DeciderSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The access request aggregate as given events, a command, and the events or refusal it decides. */
class AccessRequestTest {

    static final AccessRequest DECIDER = AccessRequest.DECIDER;
    static final RequestId ID = new RequestId("r-1");
    static final Principal ERIN = DBA.requester().principal();
    static final Principal OLGA = new Principal("olga", PrincipalType.EMPLOYEE, List.of("devs"));
    static final Principal ADMIN = new Principal("adam", PrincipalType.EMPLOYEE, List.of("eer-admins"));
    static final PolicyRef REF = POLICY.ref();

    static RequestEvent.Requested requested() {
        return (RequestEvent.Requested) DeciderSpec.given(DECIDER)
                .when(new RequestCommand.Submit(ID, breakGlass(), DBA.requester(), POLICY, NOW)).thenAccepted().get(0);
    }

    static RequestEvent.Cancelled cancelledBy(Principal who, String reason) {
        return new RequestEvent.Cancelled(ID, new UserId(who.id()), reason);
    }

    // submit ---------------------------------------------------------------------------------------------------

    @Test
    void submit_whenARuleAccepts_isRequested_withThePlanOfThatRule() {
        List<RequestEvent> events = DeciderSpec.given(DECIDER)
                .when(new RequestCommand.Submit(ID, breakGlass(), DBA.requester(), POLICY, NOW)).thenAccepted();

        assertThat(events).singleElement().isInstanceOfSatisfying(RequestEvent.Requested.class, r -> {
            assertThat(r.requestId()).isEqualTo(ID);
            assertThat(r.ruleId()).isEqualTo("break-glass");
            assertThat(r.approval().mode()).isEqualTo(ApprovalMode.PRE_APPROVED);
            assertThat(r.duration()).isEqualTo(Duration.ofMinutes(30));
            assertThat(r.maxDuration()).isEqualTo(Duration.ofHours(1));
            assertThat(r.beneficiary()).isEqualTo(new UserId("erin"));
            assertThat(r.requester()).isEqualTo(ERIN);
            assertThat(r.policy()).isEqualTo(REF);
        });
    }

    @Test
    void submit_whenNoRuleAccepts_isRejected_withTheViolationsAndWhatWasAsked() {
        RequestedAccess ask = new RequestedAccess(RequestKind.EMERGENCY, Origin.EMPLOYEE_SELF, null, "nowhere",
                "admin", Duration.ofMinutes(5), "why", "INC-1", null);

        List<RequestEvent> events = DeciderSpec.given(DECIDER)
                .when(new RequestCommand.Submit(ID, ask, DBA.requester(), POLICY, NOW)).thenAccepted();

        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOfSatisfying(RequestEvent.Rejected.class, r -> {
            assertThat(r.violations()).extracting(RuleViolation::field).contains("system");
            assertThat(r.stepUp()).isNull();
        });
        assertThat(events.get(1)).isEqualTo(new RequestEvent.RejectedAskRecorded(RequestKind.EMERGENCY,
                Origin.EMPLOYEE_SELF, "erin", Duration.ofMinutes(5), "INC-1", null));
    }

    // incident scope ---------------------------------------------------------------------------------------------

    /** The base policy with an incident scope on system {@code db}. */
    static final Policy SCOPED = io.eer.request.infra.out.policy.PolicyReader.read("base.yaml",
            RequestPolicyTest.read("/policies/base.yaml").replace("    roles: [admin, reader]\n  - id: wiki",
                    "    roles: [admin, reader]\n    scope: { objects: [\"payments.*\", audit.log] }\n  - id: wiki"));

    static RequestedAccess scoped(String... objects) {
        RequestedAccess ask = breakGlass();
        return new RequestedAccess(ask.kind(), ask.origin(), ask.beneficiary(), ask.system(), ask.role(),
                ask.duration(), ask.justification(), ask.incident(), ask.ticket(),
                objects.length == 0 ? null : List.of(objects));
    }

    @Test
    void submit_carriesThePolicysScope_orTheNarrowerOneAsked_orNone() {
        assertThat(SCOPED.system("db").orElseThrow().scope()).containsExactly("payments.*", "audit.log");
        RequestEvent.Requested policys = (RequestEvent.Requested) DeciderSpec.given(DECIDER)
                .when(new RequestCommand.Submit(ID, scoped(), DBA.requester(), SCOPED, NOW)).thenAccepted().get(0);
        RequestEvent.Requested narrowed = (RequestEvent.Requested) DeciderSpec.given(DECIDER)
                .when(new RequestCommand.Submit(ID, scoped("PAYMENTS.invoices", "payments.refund_*", "audit.log"),
                        DBA.requester(), SCOPED, NOW)).thenAccepted().get(0);
        RequestEvent.Requested unscoped = (RequestEvent.Requested) DeciderSpec.given(DECIDER)
                .when(new RequestCommand.Submit(ID, scoped(), DBA.requester(), POLICY, NOW)).thenAccepted().get(0);

        assertThat(policys.scope()).containsExactly("payments.*", "audit.log");
        assertThat(narrowed.scope()).containsExactly("PAYMENTS.invoices", "payments.refund_*", "audit.log");
        assertThat(unscoped.scope()).as("neither the policy nor the request names one").isEmpty();
    }

    @Test
    void submit_withAScopeWiderThanThePolicys_isRejected_namingEachObjectOutside() {
        List<RequestEvent> events = DeciderSpec.given(DECIDER).when(new RequestCommand.Submit(ID,
                scoped("payments.invoices", "public.users", "audit.*", "*"), DBA.requester(), SCOPED, NOW))
                .thenAccepted();

        assertThat(events.get(0)).isInstanceOfSatisfying(RequestEvent.Rejected.class, r -> assertThat(r.violations())
                .filteredOn(v -> v.rule().equals("within-policy-scope")).extracting(RuleViolation::field)
                .containsExactly("scope.objects[1]", "scope.objects[2]", "scope.objects[3]"));
    }

    @Test
    void objectScope_aRequestedEntryIsWithinAPattern_onlyWhenEverythingItNamesIs() {
        assertThat(ObjectScope.within("payments.invoices", "payments.*")).isTrue();
        assertThat(ObjectScope.within("payments.refund_2026*", "payments.refund_*")).isTrue();
        assertThat(ObjectScope.within("Payments.Invoices", "payments.invoices")).isTrue();
        assertThat(ObjectScope.within("payments.*", "payments.refund_*")).isFalse();
        assertThat(ObjectScope.within("payments.invoices_old", "payments.invoices")).isFalse();
        assertThat(ObjectScope.within("public.payments", "payments.*")).isFalse();
        // no exponential backtracking on many stars
        assertThat(ObjectScope.within("a".repeat(60) + "b", "*a*a*a*a*a*a*a*a*a*a*c")).isFalse();
    }

    @Test
    void submit_whenOnlyFresherMfaIsMissing_isRejected_withTheStepUp() {
        List<RequestEvent> events = DeciderSpec.given(DECIDER).when(new RequestCommand.Submit(ID, breakGlass(),
                DBA.withoutMfa().requester(), POLICY, NOW)).thenAccepted();

        assertThat(((RequestEvent.Rejected) events.get(0)).stepUp()).isNotNull();
    }

    @Test
    void submit_whenTheIdIsTaken_isRefused() {
        DeciderSpec.given(DECIDER, requested())
                .when(new RequestCommand.Submit(ID, breakGlass(), DBA.requester(), POLICY, NOW))
                .thenRefused(RequestRule.ALREADY_SUBMITTED);
    }

    // cancel ---------------------------------------------------------------------------------------------------

    @Test
    void cancel_byTheRequester_whilePending_isCancelled() {
        DeciderSpec.given(DECIDER, requested())
                .when(new RequestCommand.Cancel(ERIN, false, "fixed", REF))
                .then(cancelledBy(ERIN, "fixed"));
    }

    @Test
    void cancel_byAnAdmin_isCancelled() {
        DeciderSpec.given(DECIDER, requested())
                .when(new RequestCommand.Cancel(ADMIN, true, null, REF))
                .then(cancelledBy(ADMIN, null));
    }

    @Test
    void cancel_byTheBeneficiaryOfARequestOnTheirBehalf_isCancelled() {
        RequestedAccess ask = onBehalf("dave", PrincipalType.CONTRACTOR, "TCK-9");
        RequestEvent requested = DeciderSpec.given(DECIDER)
                .when(new RequestCommand.Submit(ID, ask, LEAD.requester(), POLICY, NOW)).thenAccepted().get(0);
        Principal dave = new Principal("dave", PrincipalType.CONTRACTOR, List.of());

        DeciderSpec.given(DECIDER, requested).when(new RequestCommand.Cancel(dave, false, null, REF))
                .then(cancelledBy(dave, null));
    }

    @Test
    void cancel_bySomeoneElse_recordsTheRefusedAttempt_andChangesNothing() {
        List<RequestEvent> events = DeciderSpec.given(DECIDER, requested())
                .when(new RequestCommand.Cancel(OLGA, false, null, REF)).thenAccepted();

        assertThat(events).singleElement().isEqualTo(new RequestEvent.CancelRefused(ID, OLGA,
                "olga is neither the requester nor the beneficiary of request r-1", REF));
        assertThat(DeciderSpec.given(DECIDER, requested(), events.get(0)).state().status())
                .isEqualTo(RequestStatus.PENDING_APPROVAL);
    }

    @Test
    void cancel_twice_changesNothing() {
        DeciderSpec.given(DECIDER, requested(), cancelledBy(ERIN, null))
                .when(new RequestCommand.Cancel(ERIN, false, null, REF)).then();
    }

    @Test
    void cancel_whenUnknown_isRefusedNotFound() {
        DeciderSpec.given(DECIDER).when(new RequestCommand.Cancel(ERIN, true, null, REF))
                .thenRefused(RequestRule.NOT_FOUND);
    }

    @Test
    void cancel_whenGranted_isCancelled_andWhenExpired_isRefusedNotCancellable() {
        RequestEvent granted = new RequestEvent.LifecycleAdvanced(RequestStatus.GRANTED, "g-1");
        DeciderSpec.given(DECIDER, requested(), granted).when(new RequestCommand.Cancel(ERIN, false, null, REF))
                .then(cancelledBy(ERIN, null));

        String detail = DeciderSpec.given(DECIDER, requested(), granted,
                        new RequestEvent.LifecycleAdvanced(RequestStatus.EXPIRED, null))
                .when(new RequestCommand.Cancel(ERIN, false, null, REF)).thenRefused(RequestRule.NOT_CANCELLABLE);
        assertThat(detail).contains("is EXPIRED");
        assertThat(RequestRule.NOT_CANCELLABLE.rule()).isEqualTo("not-cancellable");
    }

    @Test
    void cancel_whenRejected_isRefusedNotCancellable() {
        RequestedAccess ask = new RequestedAccess(RequestKind.EMERGENCY, Origin.EMPLOYEE_SELF, null, "nowhere",
                "admin", null, "why", "INC-1", null);
        List<RequestEvent> rejected = DeciderSpec.given(DECIDER)
                .when(new RequestCommand.Submit(ID, ask, DBA.requester(), POLICY, NOW)).thenAccepted();

        DeciderSpec.given(DECIDER, rejected).when(new RequestCommand.Cancel(ERIN, false, null, REF))
                .thenRefused(RequestRule.NOT_CANCELLABLE);
    }

    // lifecycle ------------------------------------------------------------------------------------------------

    @Test
    void track_whenApproved_movesForward() {
        DeciderSpec.given(DECIDER, requested())
                .when(new RequestCommand.TrackLifecycle(RequestStatus.APPROVED, null))
                .then(new RequestEvent.LifecycleAdvanced(RequestStatus.APPROVED, null));
    }

    @Test
    void track_aLateReport_neverMovesBackwards() {
        DeciderSpec.given(DECIDER, requested(), new RequestEvent.LifecycleAdvanced(RequestStatus.REVOKED, null))
                .when(new RequestCommand.TrackLifecycle(RequestStatus.EXPIRED, null)).then();
    }

    @Test
    void track_afterCancel_keepsCancelled_butRecordsTheGrant() {
        DeciderSpec<RequestState, RequestCommand, RequestEvent> given = DeciderSpec.given(DECIDER, requested(),
                cancelledBy(ERIN, null), new RequestEvent.LifecycleAdvanced(RequestStatus.GRANTED, "g-7"));

        assertThat(given.state().status()).isEqualTo(RequestStatus.CANCELLED);
        assertThat(given.state().grantId()).isEqualTo("g-7");
        given.when(new RequestCommand.TrackLifecycle(RequestStatus.REVOKED, null)).then();
    }

    @Test
    void track_afterCancel_aLaterStatusInTheListStillKeepsCancelled() {
        // TIMED_OUT and GRANT_FAILED are declared after CANCELLED: only the explicit rule keeps the cancellation
        DeciderSpec.given(DECIDER, requested(), cancelledBy(ERIN, null))
                .when(new RequestCommand.TrackLifecycle(RequestStatus.TIMED_OUT, null)).then();
        DeciderSpec.given(DECIDER, requested(), cancelledBy(ERIN, null))
                .when(new RequestCommand.TrackLifecycle(RequestStatus.GRANT_FAILED, null)).then();
    }

    @Test
    void track_theSameReportTwice_recordsItOnce() {
        RequestEvent approved = new RequestEvent.LifecycleAdvanced(RequestStatus.APPROVED, null);
        DeciderSpec.given(DECIDER, requested(), approved)
                .when(new RequestCommand.TrackLifecycle(RequestStatus.APPROVED, null)).then();
    }

    @Test
    void track_whenTheRequestIsUnknown_changesNothing() {
        DeciderSpec.given(DECIDER).when(new RequestCommand.TrackLifecycle(RequestStatus.GRANTED, "g-1")).then();
    }

    // typed ids ------------------------------------------------------------------------------------------------

    @Test
    void ids_refuseBlankOversizedAndControlCharacters() {
        assertThatThrownBy(() -> new RequestId(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestId("x".repeat(257))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UserId("bob\u0000")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UserId(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new RequestId("x".repeat(256)).value()).hasSize(256);
    }
}
