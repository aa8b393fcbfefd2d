package io.eer.review.infra.out;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eer.review.config.ReviewSettings;
import io.eer.review.projection.LedgerProofs.Ledger;
import io.eer.review.projection.LedgerProofs.LedgerEntry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * audit-service's ledger, over its REST API with this service's own token: a request's entries
 * ({@code GET /v1/requests/{id}/timeline}), the last signed checkpoint ({@code GET /v1/audit/checkpoints}), each
 * entry's exact record ({@code GET /v1/audit/events?from=i&limit=1}) and inclusion proof under that checkpoint
 * ({@code GET /v1/audit/proofs/inclusion}). Never fails: a missing setting or an unreachable service gives a ledger
 * section that says why it is unavailable. Call with no transaction open (each call may take the timeout).
 */
@ApplicationScoped
public class AuditLedger {

    // strict like the ledger itself: a duplicate name or trailing bytes are not one record
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Logger LOG = Logger.getLogger(AuditLedger.class);
    private static final int CHECKPOINT_PAGE = 1000;


    private final ReviewSettings.Audit settings;
    private final HttpClient http;

    AuditLedger(ReviewSettings settings) {
        this.settings = settings.audit();
        this.http = HttpClient.newBuilder().connectTimeout(this.settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The ledger section of a pack: the request's entries of this grant (and of none), with their proofs. */
    public Uni<Ledger> proofs(String requestId, String grantId) {
        if (settings.url().isEmpty() || settings.token().filter(t -> !t.isBlank()).isEmpty()) {
            return Uni.createFrom().item(Ledger.unavailable(
                    "audit-service is not configured (eer.review.audit.url, eer.review.audit.token)"));
        }
        Context context = Vertx.currentContext();
        Uni<Ledger> fetched = get("/v1/requests/" + encode(requestId) + "/timeline")
                .chain(timeline -> lastCheckpoint(0, null).chain(checkpoint -> {
                    if (checkpoint == null) {
                        return Uni.createFrom().item(Ledger.unavailable("no signed checkpoint yet"));
                    }
                    // {"seq","checkpoint":{signed body},"signature"}, as audit-service shows every checkpoint
                    long size = checkpoint.path("checkpoint").path("size").asLong();
                    List<JsonNode> events = new ArrayList<>();
                    timeline.path("events").forEach(event -> {
                        String grant = event.path("data").path("grantId").asText(null);
                        if (grant == null || grant.equals(grantId)) {
                            events.add(event);
                        }
                    });
                    return entries(events, size, checkpoint);
                }))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("evidence pack of request %s: ledger proofs unavailable: %s", requestId,
                            failure.toString());
                    return Ledger.unavailable("audit-service: " + failure.getMessage());
                });
        // the HTTP client completes on its own threads; the request goes on on its Vert.x context
        return context == null ? fetched : fetched.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    private Uni<Ledger> entries(List<JsonNode> events, long size, JsonNode checkpoint) {
        List<LedgerEntry> entries = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (JsonNode event : events) {
            long index = event.path("index").asLong();
            String eventId = event.path("id").asText();
            if (index >= size) {
                pending.add(eventId); // appended after the last signed checkpoint: proved by a later pack
                continue;
            }
            chain = chain.chain(() -> getLine(index).chain(line -> get("/v1/audit/proofs/inclusion?index=" + index
                    + "&size=" + size).invoke(proof -> {
                        ObjectNode record = line.deepCopy();
                        String leaf = record.path("leaf").asText();
                        record.remove("leaf");
                        record.remove("chain");
                        List<String> path = new ArrayList<>();
                        proof.path("proof").forEach(hash -> path.add(hash.asText()));
                        entries.add(new LedgerEntry(eventId, event.path("type").asText(), index, record,
                                leaf, path));
                    }))).replaceWithVoid();
        }
        return chain.map(ignored -> new Ledger("included", null, checkpoint, entries, pending));
    }

    /** The last checkpoint, paging through {@code GET /v1/audit/checkpoints}; null when none was signed. */
    private Uni<JsonNode> lastCheckpoint(long from, JsonNode last) {
        return get("/v1/audit/checkpoints?from=" + from + "&limit=" + CHECKPOINT_PAGE).chain(body -> {
            JsonNode page = body.path("checkpoints");
            JsonNode newest = page.size() == 0 ? last : page.get(page.size() - 1);
            return page.size() < CHECKPOINT_PAGE ? Uni.createFrom().item(newest)
                    : lastCheckpoint(from + CHECKPOINT_PAGE, newest);
        });
    }

    private Uni<ObjectNode> getLine(long index) {
        return send("/v1/audit/events?from=" + index + "&limit=1").map(text -> {
            String line = text.strip();
            int newline = line.indexOf('\n');
            return (ObjectNode) json(newline < 0 ? line : line.substring(0, newline));
        });
    }

    private Uni<JsonNode> get(String path) {
        return send(path).map(AuditLedger::json);
    }

    // audit-service's answers are plain JSON documents (a timeline, a page of checkpoints, a ledger record), not
    // CloudEvents, so they are read as such; a reader that insisted on a CloudEvent refused every one of them
    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit-service answered with something that is not JSON", e);
        }
    }

    private Uni<String> send(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + path))
                .timeout(settings.timeout())
                .header("Authorization", "Bearer " + settings.token().orElseThrow())
                .GET().build();
        return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .map(response -> {
                    if (response.statusCode() != 200) {
                        // the path names no secret; the token is never part of a message
                        throw new IllegalStateException("HTTP " + response.statusCode() + " for "
                                + path.replaceAll("\\?.*", ""));
                    }
                    return response.body();
                });
    }

    private String base() {
        String url = settings.url().orElseThrow().toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
