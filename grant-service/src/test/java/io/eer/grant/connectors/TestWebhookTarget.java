package io.eer.grant.connectors;

import io.eer.support.webhook.WebhookSigner;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP receiver playing a webhook target: it verifies {@code X-EER-Signature} (401 otherwise), keeps which
 * account handles hold access, answers {@code /eer/provision}, {@code /eer/extend}, {@code /eer/revoke} and
 * {@code /eer/inspect}, and lets the test read what it was sent ({@code GET /_calls}) and choose how it answers
 * revocations ({@code POST /_revoke/confirm|refuse|fail}: confirm, 200 without the confirmation, 503) and extensions
 * ({@code POST /_extend/confirm|refuse}). Configures
 * {@code partner-portal} (the right secret) and {@code partner-rogue} (a wrong one).
 */
public class TestWebhookTarget implements QuarkusTestResourceLifecycleManager {

    public static final String SECRET = "webhook-test-secret-d41d8cd9";

    private Vertx vertx;
    private final List<JsonObject> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> present = new ConcurrentHashMap<>();
    private volatile String revokeMode = "confirm";
    private volatile String extendMode = "confirm";

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        WebhookSigner signer = WebhookSigner.withSecret(SECRET);
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(buffer -> {
            String path = request.path();
            if (path.equals("/_calls")) {
                request.response().putHeader("Content-Type", "application/json").end(new JsonArray(List.copyOf(calls))
                        .encode());
                return;
            }
            if (path.startsWith("/_extend/")) {
                extendMode = path.substring("/_extend/".length());
                request.response().setStatusCode(204).end();
                return;
            }
            if (path.startsWith("/_revoke/")) {
                revokeMode = path.substring("/_revoke/".length());
                request.response().setStatusCode(204).end();
                return;
            }
            byte[] body = buffer.getBytes();
            boolean signed = signer.verify(body, request.getHeader(WebhookSigner.HEADER), Instant.now(),
                    Duration.ofMinutes(5));
            JsonObject json = body.length == 0 ? new JsonObject() : new JsonObject(buffer);
            String operation = path.substring(path.lastIndexOf('/') + 1);
            calls.add(new JsonObject().put("operation", operation).put("signed", signed).put("body", json));
            if (!signed) {
                request.response().setStatusCode(401).end();
                return;
            }
            String account = json.getString("account");
            JsonObject answer = new JsonObject();
            switch (operation) {
                case "provision" -> {
                    present.put(account, true);
                    answer.put("provisioned", true);
                }
                case "revoke" -> {
                    if (revokeMode.equals("fail")) {
                        request.response().setStatusCode(503).end();
                        return;
                    }
                    if (revokeMode.equals("confirm")) {
                        present.put(account, false);
                    }
                    answer.put("revoked", revokeMode.equals("confirm"));
                }
                case "extend" -> answer.put("extended", extendMode.equals("confirm"));
                case "inspect" -> answer.put("present", present.getOrDefault(account, false));
                default -> {
                    request.response().setStatusCode(404).end();
                    return;
                }
            }
            request.response().putHeader("Content-Type", "application/json").end(answer.encode());
        }));
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the test webhook target did not start", e);
        }
        String url = "http://127.0.0.1:" + server.actualPort();
        Map<String, String> settings = new HashMap<>();
        for (String system : List.of("partner-portal", "partner-rogue")) {
            String target = "eer.grant.targets.\"" + system + "\".";
            settings.put(target + "connector", "webhook");
            settings.put(target + "url", url + "/eer");
            settings.put(target + "secret", system.equals("partner-portal") ? SECRET : "not-the-receivers-secret");
            settings.put(target + "roles", "partner_admin");
            settings.put(target + "attempts", "2");
            settings.put(target + "backoff", "0.1s");
            settings.put(target + "connect-timeout", "2s");
        }
        settings.put("test.webhook-target.url", url);
        return settings;
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
