package io.eer.request.api;

import static io.eer.request.api.Fixtures.ADMIN;
import static io.eer.request.api.Fixtures.ALICE;
import static io.eer.request.api.Fixtures.ASYNC;
import static io.eer.request.api.Fixtures.CAROL;
import static io.eer.request.api.Fixtures.CAROL_NO_MFA;
import static io.eer.request.api.Fixtures.DAVE;
import static io.eer.request.api.Fixtures.LEE;
import static io.eer.request.api.Fixtures.MALLORY;
import static io.eer.request.api.Fixtures.REQUESTS;
import static io.eer.request.api.Fixtures.as;
import static io.eer.request.api.Fixtures.authenticatedAgo;
import static io.eer.request.api.Fixtures.breakGlass;
import static io.eer.request.api.Fixtures.events;
import static io.eer.request.api.Fixtures.marker;
import static io.eer.request.api.Fixtures.onBehalf;
import static io.eer.request.api.Fixtures.storedEventsContaining;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.eer.contracts.events.EmergencyRequested;
import io.eer.contracts.events.RequestRejected;
import io.eer.contracts.events.Values.ApprovalMode;
import io.eer.contracts.events.Values.Origin;
import io.eer.support.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Submitting requests: origins, MFA step-up, Idempotency-Key, bad input, evaluate. Real Kafka and PostgreSQL. */
@QuarkusTest
class RequestIntakeTest {

    private static TopicProbe requests;

    @BeforeAll
    static void probe() {
        requests = new TopicProbe(REQUESTS);
    }

    @AfterAll
    static void close() {
        requests.close();
    }

    // origins ---------------------------------------------------------------------------------------------------

    @Test
    void submit_onBehalf_recordsRequesterAndBeneficiary_andTheBeneficiaryMayRead() {
        String requestId = as(LEE).body(onBehalf("dave", "CONTRACTOR", "new contractor needs a look"))
                .post("/v1/requests")
                .then().statusCode(201).body("rule", equalTo("jit-dba-on-behalf")).extract().path("requestId");

        EmergencyRequested requested = await().atMost(ASYNC).until(() -> events(requests, EmergencyRequested.class,
                requestId), list -> !list.isEmpty()).get(0);
        assertThat(requested.origin()).isEqualTo(Origin.ON_BEHALF);
        assertThat(requested.requester().id()).isEqualTo("lee");
        assertThat(requested.beneficiary()).isEqualTo("dave");
        assertThat(requested.ticket()).isEqualTo("CHG-77");
        assertThat(requested.rule()).isEqualTo("jit-dba-on-behalf");
        assertThat(requested.approval().mode()).isEqualTo(ApprovalMode.STANDARD);
        assertThat(requested.approval().approverGroups()).containsExactly("secops");

        given().auth().oauth2(DAVE).get("/v1/requests/" + requestId).then().statusCode(200)
                .body("requester", equalTo("lee")).body("beneficiary", equalTo("dave"))
                .body("origin", equalTo("ON_BEHALF")).body("status", equalTo("PENDING_APPROVAL"));
        given().auth().oauth2(ALICE).get("/v1/requests/" + requestId).then().statusCode(200);
        given().auth().oauth2(MALLORY).get("/v1/requests/" + requestId).then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void submit_onBehalf_bySomeoneOutsideTheSupervisorGroups_isRefused() {
        as(DAVE).body(onBehalf("carol", "CONTRACTOR", "x")).post("/v1/requests")
                .then().statusCode(422).contentType("application/problem+json")
                .body("violations.field", hasItem("requester"))
                .body("violations.rule", hasItem("supervisor-group"));
        as(LEE).body(onBehalf("lee", "EMPLOYEE", "x")).post("/v1/requests")
                .then().statusCode(422).body("violations.rule", hasItem("not-self"));
    }

    @Test
    void submit_employeeSelf_withContractorToken_isRefused() {
        as(CAROL).body(breakGlass("x").replace("CONTRACTOR_SELF", "EMPLOYEE_SELF")).post("/v1/requests")
                .then().statusCode(422).body("violations.rule", hasItem("origin-matches-caller"));
    }

    @Test
    void submit_withoutDuration_getsTheRulesDefault() {
        String requestId = as(CAROL).body(breakGlass("default please").replace("\"duration\":\"PT30M\",", ""))
                .post("/v1/requests").then().statusCode(201).body("duration", equalTo("PT30M"))
                .extract().path("requestId");
        EmergencyRequested requested = await().atMost(ASYNC).until(() -> events(requests, EmergencyRequested.class,
                requestId), list -> !list.isEmpty()).get(0);
        assertThat(requested.requestedDuration()).isEqualTo(Duration.ofMinutes(30));
        assertThat(requested.maxDuration()).isEqualTo(Duration.ofHours(1));
    }

    // MFA ---------------------------------------------------------------------------------------------------------

    @Test
    void submit_recordsTheMfaEvidence() {
        Instant before = Instant.now();
        String requestId = as(CAROL).body(breakGlass("mfa evidence")).post("/v1/requests")
                .then().statusCode(201).extract().path("requestId");

        EmergencyRequested requested = await().atMost(ASYNC).until(() -> events(requests, EmergencyRequested.class,
                requestId), list -> !list.isEmpty()).get(0);
        assertThat(requested.mfa().methods()).contains("mfa", "otp");
        assertThat(requested.mfa().authTime()).isBefore(before.plusSeconds(1)).isAfter(before.minusSeconds(3600));
        assertThat(requested.approval().mode()).isEqualTo(ApprovalMode.PRE_APPROVED);
        assertThat(requested.review().reviewerGroups()).containsExactly("secops");
        assertThat(requested.policy().id()).isEqualTo("eer-local");
        assertThat(requested.policy().version()).isNotBlank();
        assertThat(requested.requester().id()).isEqualTo("carol");
    }

    @Test
    void submit_withoutMfa_isAskedToStepUp_rfc9470() {
        Response answer = as(CAROL_NO_MFA).body(breakGlass("no mfa")).post("/v1/requests");

        answer.then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer error=\"insufficient_user_authentication\""))
                .header("WWW-Authenticate", containsString("max_age=1800"))
                .body("type", equalTo(StepUp.TYPE))
                .body("violations[0].field", equalTo("amr"))
                .body("violations[0].rule", equalTo("mfa-method"))
                .body("acceptedMethods", hasItems("mfa", "otp", "hwk"))
                .body("maxAge", equalTo("PT30M"))
                .body("presentedMethods", hasItem("pwd"));
        String requestId = answer.header("EER-Request-Id");
        RequestRejected rejected = await().atMost(ASYNC).until(() -> events(requests, RequestRejected.class,
                requestId), list -> !list.isEmpty()).get(0);
        assertThat(rejected.violations()).extracting(v -> v.rule()).containsExactly("mfa-method");
        assertThat(rejected.violations().get(0).message()).contains("[pwd]");
    }

    @Test
    void submit_withStaleAuthentication_isAskedToStepUp() {
        String stale = authenticatedAgo("carol", "CONTRACTOR", Duration.ofMinutes(45), "oncall-dba");

        as(stale).body(breakGlass("stale")).post("/v1/requests")
                .then().statusCode(401)
                .header("WWW-Authenticate", containsString("insufficient_user_authentication"))
                .body("violations[0].field", equalTo("auth_time"))
                .body("violations[0].rule", equalTo("mfa-max-age"))
                .body("authAgeSeconds", notNullValue());
        as(authenticatedAgo("carol", "CONTRACTOR", Duration.ofMinutes(10), "oncall-dba")).body(breakGlass("fresh"))
                .post("/v1/requests").then().statusCode(201);
    }

    // Idempotency-Key ------------------------------------------------------------------------------------------

    @Test
    void idempotencyKey_sameBody_returnsTheFirstAnswer_andCreatesNothingNew() {
        String key = UUID.randomUUID().toString();
        String marker = marker();
        Response first = as(CAROL).header("Idempotency-Key", key).body(breakGlass(marker)).post("/v1/requests");
        first.then().statusCode(201);
        // the same JSON with other whitespace and member order is the same body
        String reordered = """
                { "incident": "INC-1234", "justification": "%s", "duration": "PT30M", "role": "db_admin",
                  "system": "payments-db", "origin": "CONTRACTOR_SELF", "kind": "EMERGENCY" }""".formatted(marker);
        Response second = as(CAROL).header("Idempotency-Key", key).body(reordered).post("/v1/requests");

        second.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(second.<String>path("requestId")).isEqualTo(first.<String>path("requestId"));
        assertThat(second.header("Location")).isEqualTo(first.header("Location"));
        assertThat(second.asString()).isEqualTo(first.asString());
        assertThat(storedEventsContaining(marker)).isEqualTo(1);
    }

    @Test
    void idempotencyKey_differentBody_is422() {
        String key = UUID.randomUUID().toString();
        as(CAROL).header("Idempotency-Key", key).body(breakGlass(marker())).post("/v1/requests").then().statusCode(201);
        String other = marker();

        as(CAROL).header("Idempotency-Key", key).body(breakGlass(other)).post("/v1/requests")
                .then().statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("Idempotency-Key"))
                .body("violations[0].rule", equalTo("idempotency-key-reuse"));
        assertThat(storedEventsContaining(other)).isZero();
    }

    @Test
    void idempotencyKey_isPerCaller() {
        String key = UUID.randomUUID().toString();
        String first = as(CAROL).header("Idempotency-Key", key).body(breakGlass("per caller")).post("/v1/requests")
                .then().statusCode(201).extract().path("requestId");
        String second = as(DAVE).header("Idempotency-Key", key)
                .body(breakGlass("per caller").replace("CONTRACTOR_SELF", "EMPLOYEE_SELF")).post("/v1/requests")
                .then().statusCode(201).extract().path("requestId");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void idempotencyKey_replaysARefusal() {
        String key = UUID.randomUUID().toString();
        String body = breakGlass(marker()).replace("PT30M", "PT2H");
        String first = as(CAROL).header("Idempotency-Key", key).body(body).post("/v1/requests")
                .then().statusCode(422).extract().header("EER-Request-Id");
        as(CAROL).header("Idempotency-Key", key).body(body).post("/v1/requests")
                .then().statusCode(422).header("EER-Request-Id", first).header("Idempotent-Replayed", "true")
                .body("violations[0].rule", equalTo("max-duration"));
    }

    @Test
    void idempotencyKey_afterStepUp_theRetryIsDecidedAfresh() {
        String key = UUID.randomUUID().toString();
        String body = breakGlass(marker());
        as(CAROL_NO_MFA).header("Idempotency-Key", key).body(body).post("/v1/requests").then().statusCode(401);
        as(CAROL).header("Idempotency-Key", key).body(body).post("/v1/requests").then().statusCode(201);
        as(CAROL).header("Idempotency-Key", key).body(body).post("/v1/requests").then().statusCode(201)
                .header("Idempotent-Replayed", "true");
    }

    @Test
    void idempotencyKey_malformed_is400() {
        as(CAROL).header("Idempotency-Key", "has spaces in it").body(breakGlass("x")).post("/v1/requests")
                .then().statusCode(400).body("violations[0].field", equalTo("Idempotency-Key"))
                .body("violations[0].rule", equalTo("format"));
    }

    // bad input ---------------------------------------------------------------------------------------------------

    @Test
    void badInput_isNamed_andChangesNothing() {
        String marker = marker();
        badInput(given().auth().oauth2(CAROL).contentType("text/plain").body(breakGlass(marker)), 415,
                "Content-Type", "media-type");
        badInput(given().auth().oauth2(CAROL).body(breakGlass(marker)), 415, "Content-Type", "media-type");
        badInput(as(CAROL).body("{\"kind\":\"EMERGENCY\", " + marker), 400, "body", "json-syntax");
        badInput(as(CAROL).body("[1,2]"), 400, "body", "json-object");
        badInput(as(CAROL).body(""), 400, "body", "required");
        badInput(as(CAROL).body(breakGlass(marker) + "{}"), 400, "body", "json-syntax");
        badInput(as(CAROL).body(breakGlass(marker).replace("\"kind\"", "\"incdent\":\"x\",\"kind\"")), 400,
                "incdent", "unknown-field");
        badInput(as(CAROL).body(breakGlass(marker).replace("EMERGENCY", "PANIC")), 400, "kind", "invalid-value");
        badInput(as(CAROL).body(breakGlass(marker).replace("PT30M", "thirty minutes")), 400, "duration", "iso-8601");
        badInput(as(CAROL).body(breakGlass(marker + "x".repeat(2001))), 400, "justification", "max-length");
        badInput(as(CAROL).body(breakGlass(marker).replace("INC-1234", "INC-1\\u0007")), 400, "incident",
                "no-control-characters");
        badInput(as(CAROL).body(breakGlass(marker).replace("\"kind\"", "\"beneficiary\":\"dave\",\"kind\"")), 400,
                "beneficiary", "type");
        badInput(as(CAROL).body(breakGlass(marker).replace("\"kind\":\"EMERGENCY\"",
                "\"kind\":\"EMERGENCY\",\"kind\":\"JIT\"")), 400, "body", "duplicate-field");
        assertThat(storedEventsContaining(marker)).isZero();
    }

    private static void badInput(io.restassured.specification.RequestSpecification request, int status, String field,
            String rule) {
        request.post("/v1/requests").then().log().ifValidationFails()
                .statusCode(status).contentType("application/problem+json")
                .header("EER-Request-Id", nullValue())
                .body("violations.field", hasItem(field))
                .body("violations.rule", hasItem(rule));
    }

    @Test
    void policyRefusals_areNamed_andRecordedAsEvidence() {
        refused(breakGlass("x").replace("payments-db", "nosuch-db"), "system", "system-exists");
        refused(breakGlass("x").replace("db_admin", "superuser"), "role", "role-offered");
        refused(breakGlass("x").replace("PT30M", "PT2H"), "duration", "max-duration");
        refused(breakGlass("x").replace("INC-1234", "ticket 5"), "incident", "reference-pattern");
        refused(breakGlass("x").replace(",\"incident\":\"INC-1234\"", ""), "incident", "incident-required");
        refused(breakGlass("x").replace("PT30M", "PT0S"), "duration", "positive");
        // payments-db's scope in the policy is payments.*: a request may narrow it, never widen it
        refused(withScope(breakGlass("x"), "\"payments.invoices\",\"public.users\""), "scope.objects[1]",
                "within-policy-scope");
        refused(withScope(breakGlass("x"), "\"*\""), "scope.objects[0]", "within-policy-scope");
    }

    private static String withScope(String body, String objects) {
        return body.replace("\"kind\"", "\"scope\":{\"objects\":[" + objects + "]},\"kind\"");
    }

    // incident scope ----------------------------------------------------------------------------------------------

    @Test
    void submit_carriesTheDecidedIncidentScope_thePolicysOrTheNarrowerOneAsked() {
        String policyScope = as(CAROL).body(breakGlass("scope of the policy")).post("/v1/requests")
                .then().statusCode(201).extract().path("requestId");
        String narrowed = as(CAROL).body(withScope(breakGlass("narrowed scope"),
                "\"payments.invoices\",\"payments.refund_*\"")).post("/v1/requests")
                .then().statusCode(201).extract().path("requestId");
        // hr-portal has no scope in the policy: the request carries none
        String noScope = as(CAROL).body("""
                {"kind":"JIT","origin":"CONTRACTOR_SELF","system":"hr-portal","role":"viewer","duration":"PT1H",
                 "justification":"no scope named"}""").post("/v1/requests")
                .then().log().ifValidationFails().statusCode(201).extract().path("requestId");

        assertThat(await().atMost(ASYNC).until(() -> events(requests, EmergencyRequested.class, policyScope),
                list -> !list.isEmpty()).get(0).scope().objects()).containsExactly("payments.*");
        assertThat(await().atMost(ASYNC).until(() -> events(requests, EmergencyRequested.class, narrowed),
                list -> !list.isEmpty()).get(0).scope().objects())
                .containsExactly("payments.invoices", "payments.refund_*");
        assertThat(await().atMost(ASYNC).until(() -> events(requests, EmergencyRequested.class, noScope),
                list -> !list.isEmpty()).get(0).scope()).isNull();
    }

    @Test
    void badScope_isNamed_andChangesNothing() {
        String marker = marker();
        badInput(as(CAROL).body(withScope(breakGlass(marker), "\"drop table x\"")), 400, "scope.objects[0]",
                "object-name");
        badInput(as(CAROL).body(withScope(breakGlass(marker), "")), 400, "scope.objects", "required");
        badInput(as(CAROL).body(withScope(breakGlass(marker), String.join(",",
                java.util.Collections.nCopies(101, "\"payments.x\"")))), 400, "scope.objects", "max-items");
        assertThat(storedEventsContaining(marker)).isZero();
    }

    private void refused(String body, String field, String rule) {
        String requestId = as(CAROL).body(body).post("/v1/requests")
                .then().log().ifValidationFails().statusCode(422).contentType("application/problem+json")
                .body("violations.field", hasItem(field)).body("violations.rule", hasItem(rule))
                .extract().header("EER-Request-Id");
        RequestRejected rejected = await().atMost(ASYNC).until(() -> events(requests, RequestRejected.class,
                requestId), list -> !list.isEmpty()).get(0);
        assertThat(rejected.violations()).extracting(v -> v.rule()).contains(rule);
        assertThat(rejected.policy().id()).isEqualTo("eer-local");
    }

    // evaluate ----------------------------------------------------------------------------------------------------

    @Test
    void evaluate_answersWhatWouldHappen_withoutCreatingAnything() {
        String marker = marker();
        as(CAROL).body(breakGlass(marker)).post("/v1/requests:evaluate")
                .then().statusCode(200)
                .body("allowed", equalTo(true))
                .body("outcome", equalTo("PENDING_APPROVAL"))
                .body("rule", equalTo("break-glass-dba"))
                .body("duration", equalTo("PT30M"))
                .body("policy.id", equalTo("eer-local"))
                .body("approval.mode", equalTo("PRE_APPROVED"))
                .body("review.reviewerGroups", hasItem("secops"))
                .body("mfa.required", equalTo(true))
                .body("mfa.satisfied", equalTo(true))
                .body("rules.find { it.id == 'break-glass-dba' }.selected", equalTo(true))
                .body("rules.find { it.id == 'jit-dba' }.failures.rule", hasItem("rule-kind"));

        as(DAVE).body("""
                {"kind":"JIT","origin":"EMPLOYEE_SELF","system":"hr-portal","role":"hr_admin","justification":"%s",
                 "ticket":"TCK-1"}""".formatted(marker)).post("/v1/requests:evaluate")
                .then().statusCode(200)
                .body("allowed", equalTo(false))
                .body("outcome", equalTo("REJECTED"))
                .body("violations.rule", hasItem("requester-group"))
                .body("rules.find { it.id == 'jit-hr-admin' }.failures.rule", hasItem("requester-group"));

        as(CAROL_NO_MFA).body(breakGlass(marker)).post("/v1/requests:evaluate")
                .then().statusCode(200)
                .body("allowed", equalTo(false))
                .body("outcome", equalTo("STEP_UP_REQUIRED"))
                .body("mfa.satisfied", equalTo(false))
                .body("mfa.methods", hasItems("mfa", "otp", "hwk"));

        // the colon sent as is (REST Assured otherwise sends it as %3A, which is equivalent)
        as(CAROL).urlEncodingEnabled(false).body(breakGlass(marker)).post("/v1/requests:evaluate")
                .then().statusCode(200).body("allowed", equalTo(true));
        as(CAROL).body("{").post("/v1/requests:evaluate").then().statusCode(400)
                .body("violations[0].rule", equalTo("json-syntax"));
        assertThat(storedEventsContaining(marker)).isZero();
    }

    @Test
    void evaluate_showsTheApprovalPathOfAQuorumRule() {
        String hrOps = io.eer.support.testing.TestTokens.employee("hana", "hr-ops");
        as(hrOps).body("""
                {"kind":"JIT","origin":"EMPLOYEE_SELF","system":"hr-portal","role":"hr_admin","justification":"payroll fix",
                 "ticket":"TCK-9"}""").post("/v1/requests:evaluate")
                .then().statusCode(200)
                .body("allowed", equalTo(true))
                .body("rule", equalTo("jit-hr-admin"))
                .body("duration", equalTo("PT2H"))
                .body("approval.mode", equalTo("STANDARD"))
                .body("approval.quorum", equalTo(2))
                .body("approval.distinctGroups", equalTo(true))
                .body("approval.approverGroups", hasItems("secops", "hr-managers"))
                .body("approval.validity", equalTo("PT48H"));
    }

    @Test
    void status_ofSomeoneElsesRequest_isForbidden_andAdminsMayRead() {
        String requestId = as(CAROL).body(breakGlass("mine")).post("/v1/requests").then().statusCode(201)
                .extract().path("requestId");
        given().auth().oauth2(DAVE).get("/v1/requests/" + requestId).then().statusCode(403);
        given().auth().oauth2(ADMIN).get("/v1/requests/" + requestId).then().statusCode(200)
                .body("rule", equalTo("break-glass-dba")).body("policy.id", equalTo("eer-local"));
        given().auth().oauth2(CAROL).get("/v1/requests/" + UUID.randomUUID()).then().statusCode(404);
    }
}
