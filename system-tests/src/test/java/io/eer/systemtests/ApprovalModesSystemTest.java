package io.eer.systemtests;

import static io.eer.systemtests.Actors.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.eer.contracts.EventEnvelope;
import io.eer.contracts.Topics;
import io.eer.contracts.events.ApprovalEscalated;
import io.eer.contracts.events.ApprovalTimedOut;
import io.eer.contracts.events.Approved;
import io.eer.contracts.events.AttemptRefused;
import io.eer.contracts.events.Denied;
import io.eer.contracts.events.EmergencyRequested;
import io.eer.contracts.events.Values.ApprovalMode;
import io.eer.contracts.events.Values.ApprovalPlan;
import io.eer.contracts.events.Values.MfaEvidence;
import io.eer.contracts.events.Values.MfaRequirement;
import io.eer.contracts.events.Values.Origin;
import io.eer.contracts.events.Values.PolicyRef;
import io.eer.contracts.events.Values.Principal;
import io.eer.contracts.events.Values.PrincipalType;
import io.eer.contracts.events.Values.RequestKind;
import io.eer.contracts.events.Values.ReviewPlan;
import io.eer.support.testing.TestTokens;
import io.eer.support.testing.TopicProbe;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The approval modes on the running stack. Each request is published to {@code eer.requests} exactly as
 * request-service would after its policy check (so the plan, with second-long timeouts, does not depend on
 * deploy/local/policy.yaml); decisions go over REST to the packaged approval-service, outcomes are read from
 * {@code eer.approvals}.
 */
class ApprovalModesSystemTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final PolicyRef POLICY = new PolicyRef("eer-system-test", "1");
    private static final String LOU = TestTokens.employee("lou", "oncall-leads");
    private static final String SAM = TestTokens.employee("sam", "secops");
    private static final String BOB = TestTokens.employee("bob", "secops");
    private static final String DAN = TestTokens.employee("dan", "dba-leads");
    private static final String ERIN = TestTokens.employee("erin", "dba-leads");
    private static final String APPROVE = "{\"decision\":\"APPROVE\",\"comment\":\"checked\"}";
    private static final PrivateKey KEY = key();

    private static TopicProbe probe;

    @BeforeAll
    static void start() {
        EerStack.get();
        probe = new TopicProbe(Topics.APPROVALS);
    }

    @AfterAll
    static void close() {
        probe.close();
    }

    // ---- EXPEDITED

    @Test
    void expedited_escalatesOnTimeout_andExpiresAtTheEndOfTheChain() {
        String id = request("dave", "dave", new ApprovalPlan(ApprovalMode.EXPEDITED, List.of("oncall-leads"), 1,
                false, Duration.ofSeconds(2), List.of("secops"), null, null));

        await().atMost(WAIT).untilAsserted(() -> assertThat(events(id, ApprovalEscalated.class)).singleElement()
                .satisfies(escalated -> {
                    assertThat(escalated.fromGroup()).isEqualTo("oncall-leads");
                    assertThat(escalated.toGroup()).isEqualTo("secops");
                    assertThat(escalated.level()).isEqualTo(1);
                }));
        await().atMost(WAIT).untilAsserted(() -> assertThat(events(id, ApprovalTimedOut.class)).singleElement()
                .satisfies(timedOut -> {
                    assertThat(timedOut.reason()).isEqualTo(ApprovalTimedOut.DECISION_TIMEOUT);
                    assertThat(timedOut.escalationPath()).containsExactly("oncall-leads", "secops");
                }));
        decide(SAM, id, APPROVE).statusCode(409).body("violations[0].rule", equalTo("pending-only"));
        assertThat(events(id, Approved.class)).isEmpty();
    }

    @Test
    void expedited_nextGroupApproves_onceEscalated() {
        String id = request("dave", "dave", new ApprovalPlan(ApprovalMode.EXPEDITED, List.of("oncall-leads"), 1,
                false, Duration.ofSeconds(2), List.of("secops"), null, null));
        awaitVisible(LOU, id);
        decide(SAM, id, APPROVE).statusCode(403).body("violations[0].rule", equalTo("approver-group"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(events(id, ApprovalEscalated.class)).hasSize(1));
        decide(SAM, id, APPROVE).statusCode(200).body("status", equalTo("APPROVED"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(events(id, Approved.class)).singleElement()
                .satisfies(approved -> {
                    assertThat(approved.mode()).isEqualTo(ApprovalMode.EXPEDITED);
                    assertThat(approved.approvers()).containsExactly("sam");
                }));
    }

    // ---- STANDARD

    @Test
    void standard_quorumOfTwo_fromDistinctGroups() {
        String id = request("dave", "dave", dual(null, null));
        awaitVisible(SAM, id);

        decide(SAM, id, APPROVE).statusCode(200).body("status", equalTo("PENDING"));
        decide(BOB, id, APPROVE).statusCode(200).body("status", equalTo("PENDING"));
        decide(DAN, id, APPROVE).statusCode(200).body("status", equalTo("APPROVED"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(events(id, Approved.class)).singleElement()
                .satisfies(approved -> {
                    assertThat(approved.approvers()).containsExactly("sam", "bob", "dan");
                    assertThat(approved.decisions()).extracting(d -> d.approver() + ":" + d.groups())
                            .containsExactly("sam:[secops]", "bob:[secops]", "dan:[dba-leads]");
                }));
    }

    @Test
    void standard_oneDenial_vetoes() {
        String id = request("dave", "dave", dual(null, null));
        awaitVisible(SAM, id);
        decide(SAM, id, APPROVE).statusCode(200);

        decide(DAN, id, "{\"decision\":\"DENY\",\"comment\":\"change freeze\"}").statusCode(200)
                .body("status", equalTo("DENIED"));
        decide(ERIN, id, APPROVE).statusCode(409).body("violations[0].rule", equalTo("pending-only"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(events(id, Denied.class)).singleElement()
                .satisfies(denied -> assertThat(denied.reason()).isEqualTo("change freeze")));
        assertThat(events(id, Approved.class)).isEmpty();
    }

    @Test
    void standard_undecidedWithinItsValidity_expires() {
        String id = request("dave", "dave", dual(Duration.ofSeconds(3), null));
        awaitVisible(SAM, id);
        decide(SAM, id, APPROVE).statusCode(200).body("status", equalTo("PENDING"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(events(id, ApprovalTimedOut.class)).singleElement()
                .satisfies(timedOut -> assertThat(timedOut.reason())
                        .isEqualTo(ApprovalTimedOut.REQUEST_VALIDITY_EXPIRED)));
        decide(DAN, id, APPROVE).statusCode(409);
        assertThat(events(id, Approved.class)).isEmpty();
    }

    // ---- identity assurance

    @Test
    void decision_needingMfa_getsTheStepUpAnswer_thenCountsWithItsEvidence() {
        String id = request("dave", "dave", dual(null, new MfaRequirement(List.of("hwk"), Duration.ofMinutes(5))));
        awaitVisible(SAM, id);

        decide(SAM, id, APPROVE).statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer error=\"insufficient_user_authentication\""))
                .contentType(startsWith("application/problem+json"))
                .body("acceptedMethods", contains("hwk"))
                .body("maxAge", equalTo("PT5M"))
                .body("violations[0].rule", equalTo("mfa-required"));

        decide(token("sam", "secops", Instant.now()), id, APPROVE).statusCode(200);
        decide(token("dan", "dba-leads", Instant.now()), id, APPROVE).statusCode(200)
                .body("status", equalTo("APPROVED"));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(events(id, AttemptRefused.class)).extracting(AttemptRefused::rule)
                    .containsExactly("mfa-required");
            assertThat(events(id, Approved.class)).singleElement().satisfies(approved -> assertThat(
                    approved.decisions()).allSatisfy(d -> assertThat(d.mfa().methods()).contains("hwk")));
        });
    }

    @Test
    void separationOfDuties_matrix() {
        String id = request("dave", "erin", dual(null, null));
        awaitVisible(SAM, id);

        decide(Actors.DAVE, id, APPROVE).statusCode(403).body("violations[0].field", equalTo("approver"))
                .body("violations[0].rule", equalTo("separation-of-duties"));
        decide(ERIN, id, APPROVE).statusCode(403).body("violations[0].rule", equalTo("separation-of-duties"));
        decide(Actors.CAROL, id, APPROVE).statusCode(403).body("violations[0].rule", equalTo("approver-group"));
        decide(SAM, id, APPROVE).statusCode(200);
        decide(SAM, id, APPROVE).statusCode(409).body("violations[0].rule", equalTo("one-decision-per-approver"));
        as(SAM, "approval").get("/v1/approvals?status=all").then().statusCode(200);

        await().atMost(WAIT).untilAsserted(() -> assertThat(events(id, AttemptRefused.class))
                .extracting(r -> r.actor().id() + "/" + r.rule())
                .containsExactly("dave/separation-of-duties", "erin/separation-of-duties", "carol/approver-group"));
        Map<String, Object> view = view(SAM, id);
        assertThat(view.get("status")).isEqualTo("PENDING");
        assertThat(view.get("approvals")).isEqualTo(List.of("sam"));
    }

    @Test
    void decision_retriedWithItsIdempotencyKey_isAnsweredOnce() {
        String id = request("dave", "dave", dual(null, null));
        awaitVisible(SAM, id);
        String key = UUID.randomUUID().toString();

        String first = decide(SAM, id, key, APPROVE).statusCode(200).extract().asString();
        String again = decide(SAM, id, key, APPROVE).statusCode(200).header("Idempotent-Replayed", "true")
                .extract().asString();
        assertThat(again).isEqualTo(first);
        decide(SAM, id, key, "{\"decision\":\"DENY\"}").statusCode(422)
                .body("violations[0].field", equalTo("Idempotency-Key"))
                .body("violations[0].rule", equalTo("idempotency-key-reuse"));
        assertThat((List<?>) view(SAM, id).get("decisions")).hasSize(1); // the retry recorded nothing
    }

    // ---- helpers

    private static ApprovalPlan dual(Duration validity, MfaRequirement mfa) {
        return new ApprovalPlan(ApprovalMode.STANDARD, List.of("secops", "dba-leads"), 2, true, null, null, validity,
                mfa);
    }

    /** Publishes the request as request-service would once its policy accepted it. */
    private static String request(String requester, String beneficiary, ApprovalPlan plan) {
        String id = UUID.randomUUID().toString();
        EmergencyRequested requested = new EmergencyRequested(id, RequestKind.JIT,
                requester.equals(beneficiary) ? Origin.EMPLOYEE_SELF : Origin.ON_BEHALF,
                new Principal(requester, PrincipalType.EMPLOYEE, List.of("oncall-dba")), beneficiary, "hr-portal",
                "viewer", "System test of approval modes", null, Duration.ofMinutes(20),
                new MfaEvidence(List.of("pwd", "mfa"), Instant.now()), POLICY, plan,
                new ReviewPlan(List.of("secops"), Duration.ofDays(7)), "SYS-1", Duration.ofHours(1), "system-test");
        probe.publish(Topics.REQUESTS, EventEnvelope.of(UUID.randomUUID().toString(), "/eer/request-service",
                Instant.now(), requested));
        return id;
    }

    private static <T> List<T> events(String requestId, Class<T> type) {
        return probe.events().stream().filter(e -> e.subject().equals(requestId)).map(EventEnvelope::data)
                .filter(type::isInstance).map(type::cast).toList();
    }

    private static void awaitVisible(String token, String id) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(view(token, id)).isNotNull());
    }

    private static Map<String, Object> view(String token, String id) {
        List<Map<String, Object>> all = as(token, "approval").get("/v1/approvals?status=all&limit=1000")
                .then().statusCode(200).extract().path("$");
        return all.stream().filter(v -> id.equals(v.get("requestId"))).findFirst().orElse(null);
    }

    private static ValidatableResponse decide(String token, String id, String body) {
        return as(token, "approval").body(body).post("/v1/approvals/" + id + "/decisions").then();
    }

    private static ValidatableResponse decide(String token, String id, String key, String body) {
        return given().baseUri(EerStack.get().url("approval")).auth().oauth2(token).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(body).post("/v1/approvals/" + id + "/decisions").then();
    }

    /** A token whose amr holds a hardware key (RFC 8176 "hwk"), authenticated at {@code authTime}. */
    private static String token(String sub, String group, Instant authTime) {
        Map<String, Object> claims = new LinkedHashMap<>();
        long now = Instant.now().getEpochSecond();
        claims.put("iss", TestTokens.ISSUER);
        claims.put("aud", TestTokens.AUDIENCE);
        claims.put("sub", sub);
        claims.put("upn", sub);
        claims.put("groups", List.of(group));
        claims.put("employee_type", "EMPLOYEE");
        claims.put("amr", List.of("pwd", "hwk"));
        claims.put("auth_time", authTime.getEpochSecond());
        claims.put("iat", now);
        claims.put("exp", now + 3600);
        claims.put("jti", UUID.randomUUID().toString());
        return TestTokens.sign(claims, KEY);
    }

    private static PrivateKey key() {
        try (InputStream in = ApprovalModesSystemTest.class.getResourceAsStream("/eer-test-keys/privateKey.pem")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
