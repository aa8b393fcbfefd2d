package io.eer.approval.infra;

import io.eer.approval.projection.NotificationRow;
import io.eer.support.webhook.WebhookSigner;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Posts queued approver notifications to the webhook. Each round claims the due ones in a short transaction
 * ({@code FOR UPDATE SKIP LOCKED}, then leased by moving {@code next_attempt_at} past the POST's timeout, so two
 * instances never post the same one at once), posts them with no transaction open, and records each result in its
 * own transaction: delivered on a 2xx, else retried with exponential backoff until {@code max-attempts}, then kept
 * as failed with its last error. Decisions never wait for the webhook. Every body is signed at each attempt
 * ({@link WebhookSigner}: {@code X-EER-Signature: t=<unix>,v1=<hex HMAC-SHA256>} over {@code <t>.<body>}); with a URL
 * but no secret nothing is posted (the notifications stay queued).
 */
@ApplicationScoped
public class WebhookDelivery {

    public static final String JOB = "approval-webhook";
    private static final Logger LOG = Logger.getLogger(WebhookDelivery.class);
    private static final int BATCH = 20;
    private static final String DUE = "select * from approval_notification"
            + " where delivered_at is null and failed_at is null and next_attempt_at <= ?1"
            + " order by id limit ?2 for update skip locked";

    private final ApprovalSettings settings;
    private final Clock clock;
    private final HttpClient http;
    private volatile Optional<WebhookSigner> signer = Optional.empty();
    private volatile boolean refused;

    WebhookDelivery(ApprovalSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.webhook().timeout()).build();
    }

    void check(@Observes StartupEvent event) {
        ApprovalSettings.Webhook webhook = settings.webhook();
        if (webhook.maxAttempts() < 1) {
            throw new IllegalStateException("eer.approval.webhook.max-attempts must be at least 1");
        }
        webhook.url().ifPresent(url -> {
            if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme())) {
                throw new IllegalStateException("eer.approval.webhook.url must be an http(s) URL");
            }
        });
        try {
            signer = WebhookSigner.forSender(webhook.url().isPresent(), webhook.secret(), webhook.allowUnsigned());
        } catch (WebhookSigner.UnsignedWebhookException e) {
            // decisions go on; notifications wait in the queue until a secret is configured
            LOG.errorf("approver webhook: nothing will be posted: %s", e.getMessage());
            refused = true;
        }
        // the URL authorises posting: say where, never the URL itself
        LOG.infof("approver webhook: %s", webhook.url().map(u -> "posting to host " + u.getHost()
                + (signer.isPresent() ? ", signed" : refused ? ", refused (no secret)" : ", unsigned")).orElse("off"));
    }

    @Scheduled(identity = JOB, every = "${eer.approval.webhook.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> deliverDue() {
        if (settings.webhook().url().isEmpty() || refused) {
            return Uni.createFrom().voidItem();
        }
        URI url = settings.webhook().url().get();
        Context context = Vertx.currentContext();
        return claim().chain(rows -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (NotificationRow row : rows) {
                chain = chain.chain(() -> post(url, row.payload)
                        // the HTTP client completes on its own thread; the reactive session belongs to this context
                        .emitOn(task -> context.runOnContext(ignored -> task.run()))
                        .chain(error -> record(row.id, error)));
            }
            return chain;
        }).onFailure().invoke(e -> LOG.warnf("webhook delivery round failed, the next one retries: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<List<NotificationRow>> claim() {
        Instant now = now();
        Instant leasedUntil = now.plus(settings.webhook().timeout()).plusSeconds(5);
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(DUE, NotificationRow.class)
                        .setParameter(1, now)
                        .setParameter(2, BATCH)
                        .getResultList())
                .invoke(rows -> rows.forEach(row -> {
                    row.attempts++;
                    row.nextAttemptAt = leasedUntil;
                })));
    }

    /** Posts one body; the item is {@code null} on a 2xx, else what went wrong (never the URL). */
    private Uni<String> post(URI url, String payload) {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(settings.webhook().timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        // over the exact bytes sent, at each attempt, so the receiver can check the timestamp's age
        signer.ifPresent(hmac -> request.header(WebhookSigner.HEADER, hmac.sign(body, clock.instant())));
        return Uni.createFrom().completionStage(() -> http.sendAsync(request.build(),
                HttpResponse.BodyHandlers.discarding()))
                .map(response -> response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode())
                .onFailure().recoverWithItem(e -> e.getClass().getSimpleName());
    }

    private Uni<Void> record(Long id, String error) {
        Instant now = now();
        return Panache.withTransaction(() -> NotificationRow.<NotificationRow>findById(id).invoke(row -> {
            if (row == null) {
                return;
            }
            if (error == null) {
                row.deliveredAt = now;
                row.lastError = null;
            } else if (row.attempts >= settings.webhook().maxAttempts()) {
                row.failedAt = now;
                row.lastError = error;
                LOG.errorf("approver notification %d for request %s given up after %d attempts: %s", row.id,
                        row.requestId, row.attempts, error);
            } else {
                row.lastError = error;
                row.nextAttemptAt = now.plus(backoff(row.attempts));
                LOG.warnf("approver notification %d for request %s failed (attempt %d): %s; retrying", row.id,
                        row.requestId, row.attempts, error);
            }
        })).replaceWithVoid();
    }

    private Duration backoff(int attempts) {
        Duration max = settings.webhook().maxBackoff();
        Duration delay = settings.webhook().backoff();
        for (int i = 1; i < attempts && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
