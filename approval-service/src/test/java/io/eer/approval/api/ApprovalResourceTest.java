package io.eer.approval.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.Approved;
import io.eer.contracts.events.AttemptRefused;
import io.eer.contracts.events.Denied;
import io.eer.contracts.events.DomainEvent;
import io.eer.contracts.events.EmergencyRequested;
import io.eer.contracts.events.RequestCancelled;
import io.eer.contracts.events.Values.ApprovalMode;
import io.eer.contracts.events.Values.ApprovalPlan;
import io.eer.contracts.events.Values.MfaEvidence;
import io.eer.contracts.events.Values.Origin;
import io.eer.contracts.events.Values.PolicyRef;
import io.eer.contracts.events.Values.Principal;
import io.eer.contracts.events.Values.PrincipalType;
import io.eer.contracts.events.Values.RequestKind;
import io.eer.contracts.events.Values.ReviewPlan;
import io.eer.support.testing.TestTokens;
import io.eer.support.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ApprovalResourceTest {

    private static final String REQUESTS = "test-approval.eer.requests";
    private static final String APPROVALS = "test-approval.eer.approvals";
    private static final String DEAD_LETTERS = "test-approval.eer.dlq.approval";
    private static final PolicyRef POLICY = new PolicyRef("eer-local", "2026-11-26.1");

    /** Security admins: approvers. */
    private static final String ALICE = TestTokens.employee("alice", "secops");
    private static final String BOB = TestTokens.employee("bob", "secops");
    /** On-call DBA who is in secops too: still never approves his own request. */
    private static final String DAVE = TestTokens.employee("dave", "oncall-dba", "secops");
    /** Secops member for whom someone else asked access. */
    private static final String ERIN = TestTokens.employee("erin", "secops");
    /** On-call contractor: no approver. */
    private static final String CAROL = TestTokens.contractor("carol", "oncall-dba");

    private static final String APPROVE = "{\"decision\":\"APPROVE\",\"comment\":\"checked the ticket\"}";

    private static TopicProbe probe;
    private static TopicProbe deadLetters;

    @BeforeAll
    static void probes() {
        probe = new TopicProbe(APPROVALS);
        deadLetters = new TopicProbe(DEAD_LETTERS);
    }

    @AfterAll
    static void close() {
        probe.close();
        deadLetters.close();
    }

    // ---- break-glass

    @Test
    void preApproved_isApprovedByPolicyAtOnce() {
        String id = newId();
        probe.publish(REQUESTS, envelope(requested(id, "carol", "carol", ApprovalMode.PRE_APPROVED, 0)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(published(id)).singleElement()
                .satisfies(event -> {
                    assertThat(event.source()).isEqualTo("/eer/approval-service");
                    assertThat(event.data()).isEqualTo(new Approved(id, List.of("policy:eer-local@2026-11-26.1"),
                            ApprovalMode.PRE_APPROVED, Duration.ofMinutes(30), "carol", "carol", "payments-db",
                            "read_only", POLICY));
                }));
        assertThat(probe.records()).filteredOn(record -> id.equals(record.key())).hasSize(1);
        approval(ALICE, "approved", id)
                .body(item(id, "status"), equalTo("APPROVED"))
                .body(item(id, "mode"), equalTo("PRE_APPROVED"))
                .body(item(id, "approvals"), contains("policy:eer-local@2026-11-26.1"));
    }

    @Test
    void preApproved_whenDeliveredTwice_isApprovedOnce() {
        String id = newId();
        EventEnvelope requested = envelope(requested(id, "carol", "carol", ApprovalMode.PRE_APPROVED, 0));
        probe.publish(REQUESTS, requested);
        probe.publish(REQUESTS, requested);
        // the same request again under a new event id, as a producer that re-sent it would
        probe.publish(REQUESTS, envelope(requested.data()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(published(id)).isNotEmpty());

        // a marker behind the repeats on the same partition: once its approval is out, the repeats were handled
        String marker = newId();
        probe.publishRaw(REQUESTS, id,
                EventCodec.encodeToString(envelope(requested(marker, "carol", "carol", ApprovalMode.PRE_APPROVED, 0))));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(published(marker)).hasSize(1));
        assertThat(published(id)).hasSize(1);
    }

    // ---- standard: listing

    @Test
    void pending_isListedForApprovers_notForTheRequester() {
        String id = pendingStandard("dave", "dave", 1);

        approval(ALICE, "pending", id)
                .body(item(id, "status"), equalTo("PENDING"))
                .body(item(id, "requester"), equalTo("dave"))
                .body(item(id, "beneficiary"), equalTo("dave"))
                .body(item(id, "system"), equalTo("payments-db"))
                .body(item(id, "role"), equalTo("read_only"))
                .body(item(id, "kind"), equalTo("JIT"))
                .body(item(id, "justification"), equalTo("Month-end reconciliation check"))
                .body(item(id, "incident"), nullValue())
                .body(item(id, "requestedDuration"), equalTo("PT30M"))
                .body(item(id, "mode"), equalTo("STANDARD"))
                .body(item(id, "approverGroups"), contains("secops"))
                .body(item(id, "quorum"), equalTo(1))
                .body(item(id, "approvals"), empty());
        assertThat(ids(DAVE, "pending")).doesNotContain(id);
        assertThat(ids(CAROL, "pending")).doesNotContain(id);
        assertThat(ids(CAROL, "all")).doesNotContain(id);
    }

    // ---- standard: deciding

    @Test
    void approve_whenRequesterIsApprover_isForbidden() {
        String id = pendingStandard("dave", "dave", 1);

        decide(DAVE, id, APPROVE).statusCode(403).contentType(startsWith("application/problem+json"))
                .body("violations[0].rule", equalTo("separation-of-duties"));

        approval(ALICE, "pending", id).body(item(id, "status"), equalTo("PENDING"))
                .body(item(id, "decisions"), empty());
        // the refused attempt is evidence; nothing else is published
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(published(id)).singleElement()
                .satisfies(event -> assertThat(event.data()).isInstanceOfSatisfying(AttemptRefused.class, refused -> {
                    assertThat(refused.actor().id()).isEqualTo("dave");
                    assertThat(refused.action()).isEqualTo("APPROVE");
                    assertThat(refused.rule()).isEqualTo("separation-of-duties");
                    assertThat(refused.policy()).isEqualTo(POLICY);
                })));
    }

    @Test
    void approve_whenBeneficiaryDecides_isForbidden() {
        String id = pendingStandard("dave", "erin", 1);
        assertThat(ids(ERIN, "pending")).doesNotContain(id);

        decide(ERIN, id, APPROVE).statusCode(403).body("violations[0].rule", equalTo("separation-of-duties"));
        approval(ALICE, "pending", id).body(item(id, "decisions"), empty());
    }

    @Test
    void approve_bySecops_publishesApprovedWithApproverId() {
        String id = pendingStandard("dave", "dave", 1);

        decide(ALICE, id, APPROVE).statusCode(200)
                .body("requestId", equalTo(id))
                .body("status", equalTo("APPROVED"))
                .body("approvals", contains("alice"))
                .body("decisions[0].comment", equalTo("checked the ticket"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(published(id)).singleElement()
                .satisfies(event -> {
                    Approved approved = (Approved) event.data();
                    assertThat(approved.approvers()).containsExactly("alice");
                    assertThat(approved.mode()).isEqualTo(ApprovalMode.STANDARD);
                    assertThat(approved.grantedDuration()).isEqualTo(Duration.ofMinutes(30));
                    assertThat(approved.policy()).isEqualTo(POLICY);
                    assertThat(approved.decisions()).singleElement().satisfies(d -> {
                        assertThat(d.approver()).isEqualTo("alice");
                        assertThat(d.groups()).containsExactly("secops");
                        assertThat(d.comment()).isEqualTo("checked the ticket");
                        assertThat(d.mfa()).as("the plan asked for no approver MFA").isNull();
                    });
                }));
        assertThat(ids(ALICE, "pending")).doesNotContain(id);
        assertThat(ids(ALICE, "approved")).contains(id);
        decide(BOB, id, APPROVE).statusCode(409).body("violations[0].rule", equalTo("pending-only"));
    }

    @Test
    void deny_publishesDenied_andEndsTheApproval() {
        String id = pendingStandard("dave", "dave", 2);
        decide(BOB, id, APPROVE).statusCode(200).body("status", equalTo("PENDING"));

        decide(ALICE, id, "{\"decision\":\"DENY\",\"comment\":\"no incident ticket\"}").statusCode(200)
                .body("status", equalTo("DENIED"))
                .body("approvals", contains("bob"))
                .body("decisions.decision", contains("APPROVE", "DENY"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(published(id)).singleElement()
                .satisfies(event -> assertThat(event.data())
                        .isEqualTo(new Denied(id, "alice", "no incident ticket", POLICY, null, List.of("secops")))));
        assertThat(ids(ALICE, "denied")).contains(id);
        decide(ERIN, id, APPROVE).statusCode(409).contentType(startsWith("application/problem+json"));
    }

    @Test
    void approve_withQuorumOfTwo_waitsForTheSecondApprover() {
        String id = pendingStandard("dave", "dave", 2);

        decide(ALICE, id, APPROVE).statusCode(200).body("status", equalTo("PENDING")).body("approvals", contains("alice"));
        decide(ALICE, id, APPROVE).statusCode(409).body("violations[0].rule", equalTo("one-decision-per-approver"));
        assertThat(ids(ALICE, "pending")).doesNotContain(id);
        assertThat(ids(BOB, "pending")).contains(id);
        assertThat(published(id)).isEmpty();

        decide(BOB, id, APPROVE).statusCode(200).body("status", equalTo("APPROVED")).body("approvals", contains("alice", "bob"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(published(id)).singleElement()
                .satisfies(event -> assertThat(((Approved) event.data()).approvers()).containsExactly("alice", "bob")));
    }

    @Test
    void decide_whenNotInApproverGroup_isForbidden() {
        String id = pendingStandard("dave", "dave", 1);

        decide(CAROL, id, APPROVE).statusCode(403).contentType(startsWith("application/problem+json"))
                .body("violations[0].rule", equalTo("approver-group"));
        approval(ALICE, "pending", id).body(item(id, "decisions"), empty());
    }

    @Test
    void decide_whenDecisionInvalid_isBadRequest() {
        String id = pendingStandard("dave", "dave", 1);

        decide(ALICE, id, "{\"decision\":\"MAYBE\"}").statusCode(400).contentType(startsWith("application/problem+json"))
                .body("violations[0].field", equalTo("decision"));
        decide(ALICE, id, "{\"comment\":\"fine\"}").statusCode(400)
                .body("violations[0].field", equalTo("decision")).body("violations[0].rule", equalTo("required"));
        decide(ALICE, id, "{\"decision\":").statusCode(400).body("violations[0].rule", equalTo("json-syntax"));
        decide(ALICE, id, "{\"decision\":\"APPROVE\",\"comment\":\"" + "x".repeat(2001) + "\"}").statusCode(400)
                .body("violations[0].field", equalTo("comment"));

        approval(ALICE, "pending", id).body(item(id, "decisions"), empty());
    }

    @Test
    void decide_whenRequestUnknown_isNotFound() {
        decide(ALICE, newId(), APPROVE).statusCode(404).contentType(startsWith("application/problem+json"));
    }

    @Test
    void cancelled_request_isClosed_andTakesNoDecision() {
        String id = pendingStandard("dave", "dave", 1);

        probe.publish(REQUESTS, envelope(new RequestCancelled(id, "dave")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ids(ALICE, "cancelled")).contains(id));
        assertThat(ids(ALICE, "pending")).doesNotContain(id);

        decide(ALICE, id, APPROVE).statusCode(409).body("violations[0].rule", equalTo("pending-only"));
        assertThat(published(id)).isEmpty();
    }

    @Test
    void poisonEvent_goesToDeadLetterTopic_andDoesNotBlock() {
        String poison = "{\"specversion\":\"1.0\",\"poison\":\"" + newId() + "\"}";
        probe.publishRaw(REQUESTS, "poison", poison);
        String id = pendingStandard("dave", "dave", 1);

        assertThat(id).isNotNull();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(deadLetters.records())
                .anySatisfy(record -> assertThat(record.value()).isEqualTo(poison)));
    }

    // ---- input and security

    @Test
    void list_whenStatusInvalid_isBadRequest() {
        given().auth().oauth2(ALICE).get("/v1/approvals?status=sideways")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("violations[0].field", equalTo("status"));
        given().auth().oauth2(ALICE).get("/v1/approvals?status=all&limit=0")
                .then().statusCode(400).body("violations[0].field", equalTo("limit"));
    }

    @Test
    void list_withoutToken_isUnauthorized() {
        given().get("/v1/approvals?status=pending")
                .then().statusCode(401).contentType(startsWith("application/problem+json"))
                .header("WWW-Authenticate", startsWith("Bearer"));
        given().contentType(ContentType.JSON).body(APPROVE).post("/v1/approvals/" + newId() + "/decisions")
                .then().statusCode(401).contentType(startsWith("application/problem+json"));
    }

    // ---- helpers

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    static EmergencyRequested requested(String id, String requester, String beneficiary, ApprovalMode mode, int quorum) {
        return new EmergencyRequested(id, RequestKind.JIT,
                requester.equals(beneficiary) ? Origin.EMPLOYEE_SELF : Origin.ON_BEHALF,
                new Principal(requester, PrincipalType.EMPLOYEE, List.of("oncall-dba", "secops")), beneficiary,
                "payments-db", "read_only", "Month-end reconciliation check",
                mode == ApprovalMode.PRE_APPROVED ? "INC-4711" : null, Duration.ofMinutes(30),
                new MfaEvidence(List.of("pwd", "mfa"), Instant.now()), POLICY,
                new ApprovalPlan(mode, List.of("secops"), quorum), new ReviewPlan(List.of("secops"), Duration.ofDays(7)));
    }

    /** As request-service publishes it. */
    private static EventEnvelope envelope(DomainEvent event) {
        return EventEnvelope.of(newId(), "/eer/request-service", Instant.now(), event);
    }

    /** Publishes a STANDARD request and waits until the service shows it to an approver. */
    private static String pendingStandard(String requester, String beneficiary, int quorum) {
        String id = newId();
        probe.publish(REQUESTS, envelope(requested(id, requester, beneficiary, ApprovalMode.STANDARD, quorum)));
        String approver = "alice".equals(beneficiary) ? BOB : ALICE;
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ids(approver, "pending")).contains(id));
        return id;
    }

    private static List<EventEnvelope> published(String requestId) {
        return probe.events().stream().filter(event -> event.subject().equals(requestId)).toList();
    }

    private static List<String> ids(String token, String status) {
        return given().auth().oauth2(token).get("/v1/approvals?status=" + status)
                .then().statusCode(200).extract().path("requestId");
    }

    private static ValidatableResponse approval(String token, String status, String id) {
        return given().auth().oauth2(token).get("/v1/approvals?status=" + status).then().statusCode(200)
                .body(item(id, "requestId"), equalTo(id));
    }

    private static String item(String id, String field) {
        return "find { it.requestId == '" + id + "' }." + field;
    }

    private static ValidatableResponse decide(String token, String id, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/v1/approvals/" + id + "/decisions").then();
    }
}
