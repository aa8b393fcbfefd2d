package io.eer.audit.insight.infra.out;

import io.eer.audit.insight.config.SocSettings;

import io.eer.support.webhook.WebhookSigner;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * POSTs queued alerts to the configured webhook, away from the ledger path: a delivery that fails (refused,
 * non-2xx, timeout) is retried with a doubling back-off, up to {@code max-attempts}, then marked failed and logged.
 * Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several instances never send the same one at once.
 * Every body is signed ({@link WebhookSigner}, header {@code X-EER-Signature}) at each attempt; with a URL but no
 * secret nothing is posted (the alerts stay queued and still reach {@code eer.alerts}).
 */
@ApplicationScoped
public class WebhookSender {

    private static final Logger LOG = Logger.getLogger(WebhookSender.class);
    private static final int BATCH = 20;

    private final Optional<URI> url;
    private final SocSettings.Webhook settings;
    private final Clock clock;
    private final HttpClient http;
    private final Optional<WebhookSigner> signer;
    private final boolean refused;

    WebhookSender(SocSettings settings, Clock clock) {
        this.url = settings.webhook().url().filter(value -> !value.isBlank()).map(URI::create);
        this.settings = settings.webhook();
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.webhook().timeout()).build();
        Optional<WebhookSigner> signing = Optional.empty();
        boolean refuse = false;
        try {
            signing = WebhookSigner.forSender(url.isPresent(), settings.webhook().secret(),
                    settings.webhook().allowUnsigned());
        } catch (WebhookSigner.UnsignedWebhookException e) {
            // the ledger must not stop over a webhook setting: alerts stay queued until a secret is configured
            LOG.errorf("alert webhook: nothing will be posted: %s", e.getMessage());
            refuse = true;
        }
        this.signer = signing;
        this.refused = refuse;
    }

    @Scheduled(every = "${eer.soc.webhook.poll-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> deliverDue() {
        if (url.isEmpty() || refused) {
            return Uni.createFrom().voidItem();
        }
        Context context = Vertx.currentContext();
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                select * from webhook_delivery where delivered_at is null and failed_at is null
                and next_attempt_at <= ?1 order by id limit %d for update skip locked""".formatted(BATCH),
                WebhookDeliveryRow.class).setParameter(1, clock.instant()).getResultList())
                .chain(rows -> deliverAll(rows, context)))
                .onFailure().invoke(e -> LOG.warnf("webhook sender will retry: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<Void> deliverAll(List<WebhookDeliveryRow> rows, Context context) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (WebhookDeliveryRow row : rows) {
            done = done.chain(() -> post(row.body)
                    // the response arrives on an HTTP client thread; the session belongs to this context
                    .emitOn(task -> context.runOnContext(ignored -> task.run()))
                    .invoke(error -> record(row, error))
                    .replaceWithVoid());
        }
        return done;
    }

    /** Null when delivered, otherwise what went wrong. */
    private Uni<String> post(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(url.orElseThrow())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        // signed over the exact bytes sent, at each attempt (the receiver checks the timestamp's age)
        signer.ifPresent(hmac -> request.header(WebhookSigner.HEADER, hmac.sign(bytes, clock.instant())));
        return Uni.createFrom().completionStage(() -> http.sendAsync(request.build(),
                HttpResponse.BodyHandlers.discarding()))
                .map(response -> response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode())
                .onFailure().recoverWithItem(e -> e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    private void record(WebhookDeliveryRow row, String error) {
        row.attempts++;
        if (error == null) {
            row.deliveredAt = clock.instant();
            row.lastError = null;
            return;
        }
        row.lastError = error.length() > 500 ? error.substring(0, 500) : error;
        if (row.attempts >= settings.maxAttempts()) {
            row.failedAt = clock.instant();
            LOG.errorf("alert %s not delivered to the webhook after %d attempts: %s", row.alertId, row.attempts, error);
            return;
        }
        Duration delay = settings.backoff().multipliedBy(1L << Math.min(row.attempts - 1, 20));
        row.nextAttemptAt = clock.instant().plus(delay.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff()
                : delay);
        LOG.warnf("alert %s: webhook attempt %d failed (%s), next at %s", row.alertId, row.attempts, error,
                row.nextAttemptAt);
    }
}
