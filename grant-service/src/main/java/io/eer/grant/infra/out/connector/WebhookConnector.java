package io.eer.grant.infra.out.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eer.grant.domain.Accounts;
import io.eer.support.webhook.WebhookSender;
import io.eer.support.webhook.WebhookSigner;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Provisions, extends and revokes by calling the target: {@code POST <url>/provision}, {@code /extend},
 * {@code /revoke} and {@code /inspect}, JSON bodies signed like every EER webhook ({@code X-EER-Signature:
 * t=<unix s>,v1=<hex HMAC-SHA256(secret, "t.body")>}, service-support's {@link WebhookSigner}, signed anew at each
 * attempt). The target must confirm each call explicitly in a 2xx answer ({@code {"provisioned":true}},
 * {@code {"extended":true}}, {@code {"revoked":true}}, {@code {"present":false}} after a revocation); a network error, a timeout, any other status or an answer without that confirmation is
 * retried with doubling back-off and, when the attempts are spent, fails the call: a revocation is then recorded as
 * {@code RevocationFailed} and retried by the sweeper. <b>Nothing but the target's answer confirms a revocation.</b>
 *
 * <p>Each grant gets its own account handle ({@code eer_} + 32 hex of SHA-256 of the request id, as for PostgreSQL
 * logins): the same for a redelivered {@code Approved}, so the target can treat a repeat as one, and never shared by
 * two grants; a target that maps several grants onto one membership counts the handles it holds itself. The URL
 * (whose path may be a secret) and the bodies are never logged; no secret travels in a body.
 */
final class WebhookConnector implements Connector {

    private static final Logger LOG = Logger.getLogger(WebhookConnector.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ANSWER = 64 * 1024;

    /** Per call: each attempt's timeout, how many attempts, the first pause (doubling). */
    record Retry(Duration timeout, int attempts, Duration backoff) {
    }

    private final String system;
    private final HttpClient client;
    private final URI base;
    private final String target;
    private final WebhookSigner signer;
    private final Retry retry;
    private final List<String> roles;
    private final Clock clock;

    WebhookConnector(String system, HttpClient client, URI base, WebhookSigner signer, Retry retry,
            List<String> roles, Clock clock) {
        this.system = system;
        this.client = client;
        this.base = base;
        this.target = WebhookSender.target(base);
        this.signer = signer;
        this.retry = retry;
        this.roles = List.copyOf(roles);
        this.clock = clock;
    }

    @Override
    public String type() {
        return WebhookConnectorFactory.TYPE;
    }

    @Override
    public String system() {
        return system;
    }

    @Override
    public void close() {
        client.close().subscribe().with(ignored -> { }, e -> { });
    }

    @Override
    public Uni<Provisioned> provision(Provisioning request) {
        return Uni.createFrom().deferred(() -> {
            checkRole(request.role());
            String account = Accounts.forRequest(request.requestId());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("system", system);
            body.put("grantId", request.grantId());
            body.put("requestId", request.requestId());
            body.put("beneficiary", request.beneficiary());
            body.put("role", request.role());
            body.put("account", account);
            body.put("expiresAt", request.expiresAt().toString());
            return call("provision", body, answer -> answer.path("provisioned").asBoolean(false))
                    .map(answer -> new Provisioned(account, null, null, null, null))
                    // no confirmation (timeout, error) does not mean nothing was done: take it back, best effort
                    .onFailure().call(e -> revoke(account, request.role()).onFailure().recoverWithNull());
        });
    }

    @Override
    public Uni<Revocation> revoke(String account, String role) {
        return Uni.createFrom().deferred(() -> {
            Map<String, Object> body = accountBody(account, role);
            return call("revoke", body, answer -> answer.path("revoked").asBoolean(false))
                    // and look again: the target must no longer report the access
                    .chain(() -> call("inspect", body, answer -> answer.path("present").isBoolean()
                            && !answer.path("present").asBoolean()))
                    .map(answer -> {
                        LOG.infof("%s: %s revoked, confirmed by the target (%s)", system, account, target);
                        return new Revocation(0, true, "");
                    });
        });
    }

    /**
     * {@code POST <url>/extend} {@code {system, account, role, expiresAt}}, signed and retried like the other calls;
     * the target confirms with {@code {"extended":true}} (it was told the first deadline at provision). Unconfirmed:
     * the extension fails.
     */
    @Override
    public Uni<Void> extend(String account, String role, Instant expiresAt) {
        return Uni.createFrom().deferred(() -> {
            Map<String, Object> body = accountBody(account, role);
            body.put("expiresAt", expiresAt.toString());
            return call("extend", body, answer -> answer.path("extended").asBoolean(false))
                    .invoke(() -> LOG.infof("%s: %s extended to %s, confirmed by the target (%s)", system, account,
                            expiresAt, target))
                    .replaceWithVoid();
        });
    }

    /** {@code {system, account, role}} for one of our own account handles (anything else is refused, untouched). */
    private Map<String, Object> accountBody(String account, String role) {
        if (!Accounts.isTemporaryAccount(account)) {
            throw new IllegalArgumentException("'" + account + "' is not an EER account handle; not touching it");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("system", system);
        body.put("account", account);
        body.put("role", role);
        return body;
    }

    private void checkRole(String role) {
        if (role == null || role.isBlank() || (!roles.isEmpty() && !roles.contains(role))) {
            throw new IllegalArgumentException("role '" + role + "' may not be granted on " + system
                    + (roles.isEmpty() ? "" : " (grantable: " + String.join(", ", roles) + ")"));
        }
    }

    /** One call, retried until the target answers 2xx with the confirmation {@code confirmed} looks for. */
    private Uni<JsonNode> call(String operation, Map<String, Object> body, java.util.function.Predicate<JsonNode> confirmed) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            return Uni.createFrom().failure(e);
        }
        String uri = base.toString().replaceAll("/+$", "") + "/" + operation;
        Uni<JsonNode> once = Uni.createFrom().deferred(() -> attempt(operation, uri, bytes, confirmed));
        Uni<JsonNode> retried = retry.attempts() <= 1 ? once : once.onFailure().retry()
                .withBackOff(retry.backoff().isZero() ? Duration.ofMillis(1) : retry.backoff(),
                        (retry.backoff().isZero() ? Duration.ofMillis(1) : retry.backoff())
                                .multipliedBy(1L << Math.min(retry.attempts(), 16)))
                .atMost(retry.attempts() - 1);
        return retried.onFailure().invoke(e -> LOG.warnf("%s: %s call to %s failed after %d attempt(s): %s", system,
                operation, target, retry.attempts(), e.getMessage()));
    }

    private Uni<JsonNode> attempt(String operation, String uri, byte[] body,
            java.util.function.Predicate<JsonNode> confirmed) {
        // signed at each attempt: the timestamp says when this copy was sent (a receiver refuses old ones)
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(uri)
                .setFollowRedirects(false)
                .putHeader("Content-Type", "application/json")
                .putHeader(WebhookSigner.HEADER, signer.sign(body, clock.instant()));
        return client.request(options)
                .chain(request -> request.send(Buffer.buffer(body)))
                .chain(response -> response.body().map(answer -> {
                    if (response.statusCode() / 100 != 2) {
                        throw new TargetRefused(operation + ": HTTP " + response.statusCode());
                    }
                    JsonNode node = parse(answer);
                    if (node == null || !confirmed.test(node)) {
                        throw new TargetRefused(operation + ": HTTP " + response.statusCode()
                                + " without the confirmation");
                    }
                    return node;
                }))
                .ifNoItem().after(retry.timeout()).failWith(() -> new TargetRefused(operation + ": no answer within "
                        + retry.timeout()));
    }

    private static JsonNode parse(Buffer answer) {
        if (answer.length() == 0 || answer.length() > MAX_ANSWER) {
            return null;
        }
        try {
            return JSON.readTree(answer.getBytes());
        } catch (IOException e) {
            return null;
        }
    }

    /** The target did not confirm: a status, a timeout, or an answer without the confirmation. Never its body. */
    static final class TargetRefused extends RuntimeException {
        TargetRefused(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public String toString() {
        return "WebhookConnector[" + system + ", " + target + "]";
    }
}
