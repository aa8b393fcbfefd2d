package io.eer.approval.api;

import static io.restassured.RestAssured.given;

import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.DomainEvent;
import io.eer.contracts.events.EmergencyRequested;
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

/** Shared helpers of the service-level tests: requests as request-service publishes them, tokens, REST calls. */
final class Fixtures {

    static final String REQUESTS = "test-approval.eer.requests";
    static final String APPROVALS = "test-approval.eer.approvals";
    static final PolicyRef POLICY = new PolicyRef("eer-local", "2026-11-26.2");
    private static final PrivateKey KEY = key();

    private Fixtures() {
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    static EmergencyRequested requested(String id, String requester, String beneficiary, String incident,
            ApprovalPlan plan) {
        return new EmergencyRequested(id, incident == null ? RequestKind.JIT : RequestKind.EMERGENCY,
                requester.equals(beneficiary) ? Origin.EMPLOYEE_SELF : Origin.ON_BEHALF,
                new Principal(requester, PrincipalType.EMPLOYEE, List.of("oncall-dba")), beneficiary, "payments-db",
                "db_admin", "Replica lag on payments", incident, Duration.ofMinutes(45),
                new MfaEvidence(List.of("pwd", "mfa"), Instant.now()), POLICY, plan,
                new ReviewPlan(List.of("secops"), Duration.ofDays(2)), null, Duration.ofHours(1), "test-rule");
    }

    static EventEnvelope envelope(DomainEvent event) {
        return EventEnvelope.of(newId(), "/eer/request-service", Instant.now(), event);
    }

    static void publish(TopicProbe probe, DomainEvent event) {
        probe.publish(REQUESTS, envelope(event));
    }

    static List<EventEnvelope> published(TopicProbe probe, String requestId) {
        return probe.events().stream().filter(event -> event.subject().equals(requestId)).toList();
    }

    static <T> List<T> published(TopicProbe probe, String requestId, Class<T> type) {
        return published(probe, requestId).stream().map(EventEnvelope::data).filter(type::isInstance).map(type::cast)
                .toList();
    }

    /** A token with chosen authentication methods (RFC 8176 amr) and auth_time. */
    static String token(String sub, List<String> groups, List<String> amr, Instant authTime) {
        Map<String, Object> claims = new LinkedHashMap<>();
        long now = Instant.now().getEpochSecond();
        claims.put("iss", TestTokens.ISSUER);
        claims.put("aud", TestTokens.AUDIENCE);
        claims.put("sub", sub);
        claims.put("upn", sub);
        claims.put("groups", groups);
        claims.put("employee_type", "EMPLOYEE");
        claims.put("amr", amr);
        claims.put("auth_time", authTime.getEpochSecond());
        claims.put("iat", now);
        claims.put("exp", now + 3600);
        claims.put("jti", newId());
        return TestTokens.sign(claims, KEY);
    }

    static ValidatableResponse decide(String token, String id, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/v1/approvals/" + id + "/decisions").then();
    }

    static ValidatableResponse decide(String token, String id, String key, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/v1/approvals/" + id + "/decisions").then();
    }

    static List<Map<String, Object>> list(String token, String status) {
        return given().auth().oauth2(token).get("/v1/approvals?status=" + status + "&limit=1000")
                .then().statusCode(200).extract().path("$");
    }

    static Map<String, Object> view(String token, String status, String id) {
        return list(token, status).stream().filter(v -> id.equals(v.get("requestId"))).findFirst().orElse(null);
    }

    private static PrivateKey key() {
        try (InputStream in = Fixtures.class.getResourceAsStream("/eer-test-keys/privateKey.pem")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
