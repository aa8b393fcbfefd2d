package io.eer.grant.api;

import static io.eer.grant.api.Fixtures.APPROVALS;
import static io.eer.grant.api.Fixtures.ASYNC;
import static io.eer.grant.api.Fixtures.EXPIRIES;
import static io.eer.grant.api.Fixtures.GRANTS;
import static io.eer.grant.api.Fixtures.events;
import static io.eer.grant.api.Fixtures.expired;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eer.contracts.events.AccessExtended;
import io.eer.contracts.events.AccessGranted;
import io.eer.contracts.events.AccessRevoked;
import io.eer.contracts.events.GrantFailed;
import io.eer.contracts.events.RevocationFailed;
import io.eer.grant.connectors.TestWebhookTarget;
import io.eer.grant.domain.Accounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook connector against a real HTTP receiver ({@link TestWebhookTarget}, which checks every signature):
 * signed provision, extend, revoke and inspect calls; a revocation or an extension counts only when the target
 * confirms it.
 */
@QuarkusTest
class WebhookConnectorTest extends ConnectorFixture {

    static final String SYSTEM = "partner-portal";
    @AfterEach
    void confirmAgain() {
        receiver("/_revoke/confirm");
        receiver("/_extend/confirm");
    }

    static String receiverUrl() {
        return ConfigProvider.getConfig().getValue("test.webhook-target.url", String.class);
    }

    static void receiver(String path) {
        given().baseUri(receiverUrl()).post(path).then().statusCode(204);
    }

    /** The calls the receiver got for {@code account}: operation, whether the signature held, body. */
    static List<Map<String, Object>> callsFor(String account) {
        List<Map<String, Object>> calls = JsonPath.from(given().baseUri(receiverUrl()).get("/_calls").asString())
                .getList("$");
        return calls.stream().filter(call -> account.equals(((Map<?, ?>) call.get("body")).get("account"))).toList();
    }

    static List<String> operations(String account) {
        return callsFor(account).stream().map(call -> (String) call.get("operation")).toList();
    }

    @Test
    void grant_isASignedProvisionCall_expiry_aConfirmedRevokeAndInspect() {
        AccessGranted granted = grant("carol", SYSTEM, "partner_admin");

        String account = Accounts.forRequest(granted.requestId());
        assertThat(granted.connector()).isEqualTo("webhook");
        assertThat(granted.account()).isEqualTo(account);
        Map<String, Object> provision = callsFor(account).get(0);
        assertThat(provision.get("operation")).isEqualTo("provision");
        assertThat(provision.get("signed")).isEqualTo(true);
        assertThat((Map<String, Object>) provision.get("body")).containsEntry("beneficiary", "carol")
                .containsEntry("role", "partner_admin").containsEntry("grantId", granted.grantId())
                .containsEntry("requestId", granted.requestId()).containsEntry("system", SYSTEM)
                .containsEntry("expiresAt", granted.expiresAt().toString());

        grants.publish(EXPIRIES, expired(granted.grantId(), granted.requestId()));

        AccessRevoked revoked = revoked(granted);
        assertThat(revoked.confirmed()).isTrue();
        assertThat(operations(account)).containsExactly("provision", "revoke", "inspect");
        assertThat(callsFor(account)).allSatisfy(call -> assertThat(call.get("signed")).isEqualTo(true));
    }

    @Test
    void extend_isASignedExtendCall_andWithoutTheTargetsConfirmation_nothingIsExtended() {
        AccessGranted granted = grant("carol", SYSTEM, "partner_admin");
        String account = Accounts.forRequest(granted.requestId());
        String extend = "/v1/grants/" + granted.grantId() + "/extend";
        String body = "{\"duration\":\"PT10M\",\"reason\":\"partner migration\"}";

        receiver("/_extend/refuse"); // 200 with {"extended":false}: not a confirmation
        given().auth().oauth2(Fixtures.CAROL).contentType("application/json").body(body).post(extend).then()
                .statusCode(503).contentType("application/problem+json");
        given().auth().oauth2(Fixtures.CAROL).get("/v1/grants/" + granted.grantId()).then().statusCode(200)
                .body("expiresAt", org.hamcrest.Matchers.equalTo(granted.expiresAt().toString()));
        assertThat(events(grants, AccessExtended.class, x -> x.grantId().equals(granted.grantId()))).isEmpty();

        receiver("/_extend/confirm");
        java.time.Instant wanted = granted.grantedAt().plus(java.time.Duration.ofMinutes(10));
        given().auth().oauth2(Fixtures.CAROL).contentType("application/json").body(body).post(extend).then()
                .statusCode(200).body("expiresAt", org.hamcrest.Matchers.equalTo(wanted.toString()));
        List<Map<String, Object>> extendCalls = callsFor(account).stream()
                .filter(call -> "extend".equals(call.get("operation"))).toList();
        assertThat(extendCalls).isNotEmpty().allSatisfy(call -> assertThat(call.get("signed")).isEqualTo(true));
        assertThat((Map<String, Object>) extendCalls.get(extendCalls.size() - 1).get("body"))
                .containsEntry("expiresAt", wanted.toString()).containsEntry("system", SYSTEM)
                .containsEntry("role", "partner_admin");
        await().atMost(ASYNC).until(() -> events(grants, AccessExtended.class,
                x -> x.grantId().equals(granted.grantId())), list -> list.size() == 1);
    }

    @Test
    void revocationWithoutTheTargetsConfirmation_isRevocationFailed_andRetriedUntilConfirmed() {
        AccessGranted granted = grant("dave", SYSTEM, "partner_admin");
        String account = Accounts.forRequest(granted.requestId());
        // 200, but {"revoked":false}: not a confirmation
        receiver("/_revoke/refuse");

        grants.publish(EXPIRIES, expired(granted.grantId(), granted.requestId()));

        RevocationFailed failed = await().atMost(ASYNC).until(
                () -> events(grants, RevocationFailed.class, f -> f.requestId().equals(granted.requestId())),
                list -> !list.isEmpty()).get(0);
        assertThat(failed.error()).isEqualTo("TargetRefused");
        assertThat(events(grants, AccessRevoked.class, r -> r.requestId().equals(granted.requestId()))).isEmpty();
        given().auth().oauth2(Fixtures.ADMIN).get("/v1/grants/" + granted.grantId()).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("ACTIVE"));

        // then 503s (retried, still failing), then the target confirms: the sweeper's next attempt succeeds
        receiver("/_revoke/fail");
        await().atMost(ASYNC).until(() -> events(grants, RevocationFailed.class,
                f -> f.requestId().equals(granted.requestId())).size() >= 2);
        receiver("/_revoke/confirm");

        AccessRevoked revoked = revoked(granted);
        assertThat(revoked.confirmed()).isTrue();
        assertThat(operations(account)).endsWith("revoke", "inspect");
    }

    @Test
    void aCallTheReceiverCannotVerify_isRefused_andTheGrantFails() {
        String requestId = UUID.randomUUID().toString();
        grants.publish(APPROVALS, approved(requestId, "erin", "partner-rogue", "partner_admin"));

        GrantFailed failed = await().atMost(ASYNC).until(
                () -> events(grants, GrantFailed.class, f -> f.requestId().equals(requestId)),
                list -> !list.isEmpty()).get(0);
        assertThat(failed.connector()).isEqualTo("webhook");
        assertThat(failed.error()).contains("HTTP 401").doesNotContain(receiverUrl());
        String account = Accounts.forRequest(requestId);
        assertThat(callsFor(account)).isNotEmpty()
                .allSatisfy(call -> assertThat(call.get("signed")).isEqualTo(false));
    }
}
