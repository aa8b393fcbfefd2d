package io.eer.approval.api;

import static io.eer.approval.api.Fixtures.decide;
import static io.eer.approval.api.Fixtures.newId;
import static io.eer.approval.api.Fixtures.publish;
import static io.eer.approval.api.Fixtures.published;
import static io.eer.approval.api.Fixtures.requested;
import static io.eer.approval.api.Fixtures.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.eer.contracts.events.ApprovalEscalated;
import io.eer.contracts.events.ApprovalTimedOut;
import io.eer.contracts.events.Approved;
import io.eer.contracts.events.AttemptRefused;
import io.eer.contracts.events.Denied;
import io.eer.contracts.events.RequestCancelled;
import io.eer.contracts.events.Values.ApprovalMode;
import io.eer.contracts.events.Values.ApprovalPlan;
import io.eer.contracts.events.Values.MfaRequirement;
import io.eer.support.testing.TestTokens;
import io.eer.support.time.SettableClock;
import io.eer.support.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The approval modes end to end inside the service: EmergencyRequested published to the real broker, decisions over
 * REST, the outcome read back from eer.approvals; timers with second-long timeouts on the real database.
 */
@QuarkusTest
@QuarkusTestResource(WebhookRecorder.class)
class ApprovalModesResourceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Decision timeouts and validities: long, and passed by moving the test clock, never by waiting. */
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final Duration PAST_TIMEOUT = TIMEOUT.plusSeconds(1);

    @Inject
    SettableClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }
    private static final String LOU = TestTokens.employee("lou", "oncall-leads");
    private static final String SAM = TestTokens.employee("sam", "secops");
    private static final String BOB = TestTokens.employee("bob", "secops");
    private static final String CLEO = TestTokens.employee("cleo", "ciso-office");
    private static final String DAN = TestTokens.employee("dan", "dba-leads");
    private static final String MAX = TestTokens.employee("max", "secops", "dba-leads");
    private static final String DAVE = TestTokens.employee("dave", "oncall-dba", "secops");
    private static final String APPROVE = "{\"decision\":\"APPROVE\",\"comment\":\"ok\"}";

    private static TopicProbe probe;

    @BeforeAll
    static void probe() {
        probe = new TopicProbe(Fixtures.APPROVALS);
    }

    @AfterAll
    static void close() {
        probe.close();
    }

    static ApprovalPlan expedited(Duration timeout, List<String> escalation) {
        return new ApprovalPlan(ApprovalMode.EXPEDITED, List.of("oncall-leads"), 1, false, timeout, escalation, null,
                null);
    }

    static ApprovalPlan dual(Duration validity, MfaRequirement mfa) {
        return new ApprovalPlan(ApprovalMode.STANDARD, List.of("secops", "dba-leads"), 2, true, null, null, validity,
                mfa);
    }

    private static String open(ApprovalPlan plan, String visibleTo) {
        String id = newId();
        publish(probe, requested(id, "dave", "dave", null, plan));
        await().atMost(WAIT).untilAsserted(() -> assertThat(view(visibleTo, "pending", id)).isNotNull());
        return id;
    }

    // ---- PRE_APPROVED

    @Test
    void preApproved_withoutIncident_isDeniedByPolicy() {
        String id = newId();
        publish(probe, requested(id, "dave", "dave", null,
                new ApprovalPlan(ApprovalMode.PRE_APPROVED, List.of("secops"), 0)));

        await().atMost(WAIT).untilAsserted(() -> assertThat(published(probe, id, Denied.class)).singleElement()
                .satisfies(denied -> {
                    assertThat(denied.approver()).isEqualTo("policy:eer-local@2026-11-26.2");
                    assertThat(denied.reason()).startsWith("incident-required");
                }));
        assertThat(published(probe, id, Approved.class)).isEmpty();
    }

    @Test
    void preApproved_withIncident_isApprovedAtOnce_forTheRequestedDuration() {
        String id = newId();
        publish(probe, requested(id, "dave", "dave", "INC-77",
                new ApprovalPlan(ApprovalMode.PRE_APPROVED, List.of("secops"), 0)));

        await().atMost(WAIT).untilAsserted(() -> assertThat(published(probe, id, Approved.class)).singleElement()
                .satisfies(approved -> {
                    assertThat(approved.mode()).isEqualTo(ApprovalMode.PRE_APPROVED);
                    // a duration, not an instant: the grant's clock starts when access is granted
                    assertThat(approved.grantedDuration()).isEqualTo(Duration.ofMinutes(45));
                    assertThat(approved.maxDuration()).isEqualTo(Duration.ofHours(1));
                    assertThat(approved.decisions()).isNull();
                }));
    }

    @Test
    void preApproved_withNoApproverGroup_isApprovedAtOnce() {
        String id = newId();
        publish(probe, requested(id, "dave", "dave", "INC-78",
                new ApprovalPlan(ApprovalMode.PRE_APPROVED, List.of(), 0)));

        await().atMost(WAIT).untilAsserted(() -> assertThat(published(probe, id, Approved.class)).singleElement()
                .satisfies(approved -> assertThat(approved.mode()).isEqualTo(ApprovalMode.PRE_APPROVED)));
    }

    // ---- EXPEDITED

    @Test
    void expedited_escalatesThroughTheChain_thenTimesOut() {
        String id = open(expedited(TIMEOUT, List.of("secops", "ciso-office")), LOU);
        assertThat(view(SAM, "pending", id)).as("secops is not asked yet").isNull();

        clock.advance(PAST_TIMEOUT);
        await().atMost(WAIT).untilAsserted(() -> assertThat(published(probe, id, ApprovalEscalated.class))
                .hasSize(1));
        clock.advance(PAST_TIMEOUT);
        await().atMost(WAIT).untilAsserted(() -> assertThat(published(probe, id, ApprovalEscalated.class))
                .hasSize(2));
        List<ApprovalEscalated> escalations = published(probe, id, ApprovalEscalated.class);
        assertThat(escalations.get(0)).satisfies(e -> {
            assertThat(e.fromGroup()).isEqualTo("oncall-leads");
            assertThat(e.toGroup()).isEqualTo("secops");
            assertThat(e.level()).isEqualTo(1);
            assertThat(e.policy()).isEqualTo(Fixtures.POLICY);
        });
        assertThat(escalations.get(1)).satisfies(e -> {
            assertThat(e.fromGroup()).isEqualTo("secops");
            assertThat(e.toGroup()).isEqualTo("ciso-office");
            assertThat(e.level()).isEqualTo(2);
            assertThat(e.deadline()).isAfter(escalations.get(0).deadline());
        });

        clock.advance(PAST_TIMEOUT);
        await().atMost(WAIT).untilAsserted(() -> assertThat(published(probe, id, ApprovalTimedOut.class))
                .singleElement().satisfies(timedOut -> {
                    assertThat(timedOut.reason()).isEqualTo(ApprovalTimedOut.DECISION_TIMEOUT);
                    assertThat(timedOut.escalationPath()).containsExactly("oncall-leads", "secops", "ciso-office");
                    assertThat(timedOut.policy()).isEqualTo(Fixtures.POLICY);
                }));
        assertThat(view(CLEO, "expired", id)).containsEntry("status", "EXPIRED").containsEntry("escalationLevel", 2);
        decide(CLEO, id, APPROVE).statusCode(409).body("violations[0].rule", equalTo("pending-only"));
        assertThat(published(probe, id, Approved.class)).isEmpty();
        assertThat(published(probe, id, ApprovalEscalated.class)).as("each level escalates once").hasSize(2);
    }

    @Test
    void expedited_escalatedGroupMayApprove_onlyOnceEscalated() {
        String id = open(expedited(TIMEOUT, List.of("secops")), LOU);

        decide(SAM, id, APPROVE).statusCode(403).contentType(startsWith("application/problem+json"))
                .body("violations[0].field", equalTo("approver"))
                .body("violations[0].rule", equalTo("approver-group"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(published(probe, id, AttemptRefused.class))
                .singleElement().satisfies(refused -> {
                    assertThat(refused.actor().id()).isEqualTo("sam");
                    assertThat(refused.rule()).isEqualTo("approver-group");
                }));

        clock.advance(PAST_TIMEOUT);
        await().atMost(WAIT).untilAsserted(() -> assertThat(view(SAM, "pending", id)).isNotNull()
                .containsEntry("escalationLevel", 1));
        decide(SAM, id, APPROVE).statusCode(200).body("status", equalTo("APPROVED"))
                .body("decisionDeadline", nullValue())
                .body("decisions[0].groups", contains("secops"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(published(probe, id, Approved.class)).singleElement()
                .satisfies(approved -> {
                    assertThat(approved.mode()).isEqualTo(ApprovalMode.EXPEDITED);
                    assertThat(approved.approvers()).containsExactly("sam");
                }));
    }

    @Test
    void expedited_cancelled_neverEscalates() {
        String cancelled = open(expedited(TIMEOUT, List.of("secops")), LOU);
        publish(probe, new RequestCancelled(cancelled, "dave", "fixed it myself"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(view(LOU, "cancelled", cancelled)).isNotNull()
                .doesNotContainKey("decisionDeadline"));

        // a marker opened later with the same timeout: once it escalated, the cancelled one would have too
        String marker = open(expedited(TIMEOUT, List.of("secops")), LOU);
        clock.advance(PAST_TIMEOUT);
        await().atMost(WAIT).untilAsserted(() -> assertThat(published(probe, marker, ApprovalEscalated.class))
                .hasSize(1));
        assertThat(published(probe, cancelled)).isEmpty();
    }

    // ---- STANDARD

    @Test
    void standard_distinctGroups_needApproversFromTwoGroups() {
        String id = open(dual(null, null), SAM);

        decide(SAM, id, APPROVE).statusCode(200).body("status", equalTo("PENDING"));
        decide(BOB, id, APPROVE).statusCode(200).body("status", equalTo("PENDING"))
                .body("approvals", contains("sam", "bob"));
        decide(SAM, id, APPROVE).statusCode(409).body("violations[0].rule", equalTo("one-decision-per-approver"));
        assertThat(published(probe, id, Approved.class)).isEmpty();

        decide(DAN, id, APPROVE).statusCode(200).body("status", equalTo("APPROVED"))
                .body("distinctGroups", equalTo(true)).body("decisions", hasSize(3));
        await().atMost(WAIT).untilAsserted(() -> assertThat(published(probe, id, Approved.class)).singleElement()
                .satisfies(approved -> {
                    assertThat(approved.mode()).isEqualTo(ApprovalMode.STANDARD);
                    assertThat(approved.approvers()).containsExactly("sam", "bob", "dan");
                    assertThat(approved.decisions()).extracting(d -> d.groups())
                            .containsExactly(List.of("secops"), List.of("secops"), List.of("dba-leads"));
                }));
    }

    @Test
    void standard_approverInBothGroups_countsOnce() {
        String id = open(dual(null, null), SAM);

        decide(MAX, id, APPROVE).statusCode(200).body("status", equalTo("PENDING"));
        decide(DAN, id, APPROVE).statusCode(200).body("status", equalTo("APPROVED"));
    }

    @Test
    void standard_anyDenial_vetoes() {
        String id = open(dual(null, null), SAM);
        decide(SAM, id, APPROVE).statusCode(200).body("status", equalTo("PENDING"));

        decide(DAN, id, "{\"decision\":\"DENY\",\"comment\":\"not during the freeze\"}").statusCode(200)
                .body("status", equalTo("DENIED"));
        decide(MAX, id, APPROVE).statusCode(409).body("violations[0].rule", equalTo("pending-only"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(published(probe, id, Denied.class)).singleElement()
                .satisfies(denied -> {
                    assertThat(denied.approver()).isEqualTo("dan");
                    assertThat(denied.reason()).isEqualTo("not during the freeze");
                    assertThat(denied.groups()).containsExactly("dba-leads");
                }));
        assertThat(published(probe, id, Approved.class)).isEmpty();
    }

    @Test
    void standard_undecidedPastItsValidity_expires() {
        String id = open(dual(TIMEOUT, null), SAM);
        decide(SAM, id, APPROVE).statusCode(200).body("status", equalTo("PENDING"))
                .body("validUntil", startsWith(Instant.now().toString().substring(0, 4)));
        clock.advance(PAST_TIMEOUT);

        await().atMost(WAIT).untilAsserted(() -> assertThat(published(probe, id, ApprovalTimedOut.class))
                .singleElement().satisfies(timedOut -> {
                    assertThat(timedOut.reason()).isEqualTo(ApprovalTimedOut.REQUEST_VALIDITY_EXPIRED);
                    assertThat(timedOut.escalationPath()).containsExactly("secops", "dba-leads");
                }));
        assertThat(view(SAM, "expired", id)).containsEntry("status", "EXPIRED");
        decide(DAN, id, APPROVE).statusCode(409).body("violations[0].rule", equalTo("pending-only"));
        assertThat(published(probe, id, Approved.class)).isEmpty();
    }

    // ---- approver MFA (RFC 9470 step-up)

    @Test
    void decide_withoutAcceptedMfaMethod_getsStepUpChallenge_andIsRecorded() {
        String id = open(dual(null, new MfaRequirement(List.of("hwk"), Duration.ofMinutes(5))), SAM);

        decide(SAM, id, APPROVE).statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .header("WWW-Authenticate", startsWith("Bearer error=\"insufficient_user_authentication\""))
                .header("WWW-Authenticate", containsString("max_age=300"))
                .body("violations[0].field", equalTo("amr"))
                .body("violations[0].rule", equalTo("mfa-required"))
                .body("acceptedMethods", contains("hwk"))
                .body("maxAge", equalTo("PT5M"));

        String stale = Fixtures.token("sam", List.of("secops"), List.of("pwd", "hwk"),
                Instant.now().minus(Duration.ofMinutes(20)));
        decide(stale, id, APPROVE).statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer error=\"insufficient_user_authentication\""))
                .body("violations[0].field", equalTo("auth_time"))
                .body("violations[0].rule", equalTo("mfa-max-age"));
        assertThat(view(SAM, "pending", id)).extracting(v -> v.get("decisions")).asList().isEmpty();

        await().atMost(WAIT).untilAsserted(() -> assertThat(published(probe, id, AttemptRefused.class))
                .extracting(AttemptRefused::rule).containsExactly("mfa-required", "mfa-max-age"));

        Instant authTime = Instant.now().minusSeconds(30);
        String fresh = Fixtures.token("sam", List.of("secops"), List.of("pwd", "hwk"), authTime);
        decide(fresh, id, APPROVE).statusCode(200).body("decisions[0].mfa.methods", contains("pwd", "hwk"))
                .body("approverMfa.acceptedMethods", contains("hwk"));
        String danFresh = Fixtures.token("dan", List.of("dba-leads"), List.of("hwk"), authTime);
        decide(danFresh, id, APPROVE).statusCode(200).body("status", equalTo("APPROVED"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(published(probe, id, Approved.class)).singleElement()
                .satisfies(approved -> assertThat(approved.decisions()).allSatisfy(d -> {
                    assertThat(d.mfa()).isNotNull();
                    assertThat(d.mfa().methods()).contains("hwk");
                    assertThat(d.mfa().authTime()).isEqualTo(Instant.ofEpochSecond(authTime.getEpochSecond()));
                })));
    }

    // ---- separation of duties

    @Test
    void separationOfDuties_requesterAndBeneficiary_areRefusedAndRecorded() {
        String id = newId();
        publish(probe, requested(id, "dave", "erin", null, dual(null, null)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(view(SAM, "pending", id)).isNotNull());
        String erin = TestTokens.employee("erin", "dba-leads");

        decide(DAVE, id, APPROVE).statusCode(403).body("violations[0].rule", equalTo("separation-of-duties"));
        decide(erin, id, "{\"decision\":\"DENY\"}").statusCode(403)
                .body("violations[0].field", equalTo("approver"))
                .body("violations[0].rule", equalTo("separation-of-duties"));
        decide(TestTokens.employee("carol", "oncall-dba"), id, APPROVE).statusCode(403)
                .body("violations[0].rule", equalTo("approver-group"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(published(probe, id, AttemptRefused.class))
                .extracting(r -> r.actor().id() + "/" + r.action() + "/" + r.rule())
                .containsExactly("dave/APPROVE/separation-of-duties", "erin/DENY/separation-of-duties",
                        "carol/APPROVE/approver-group"));
        assertThat(view(SAM, "pending", id)).extracting(v -> v.get("decisions")).asList().isEmpty();
    }
}
