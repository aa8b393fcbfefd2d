package io.eer.support.webhook;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Posts JSON bodies to one webhook URL, the way every EER service does (Quarkus REST Client): each attempt signed
 * anew over the exact bytes ({@link WebhookSigner}, when a secret is set), bounded by {@code timeout}, and retried on
 * a network error, a 5xx or a 429 with exponential back-off ({@code backoff} doubling, at most {@code attempts} in
 * all). Answers a {@link Result}, never fails.
 *
 * <p><b>Never call it inside a database transaction</b>: a POST may take {@code attempts × timeout}, and holding
 * row locks or a pooled connection that long starves everyone else. The pattern: claim due deliveries in one short
 * transaction (leasing each), post them with none open, record each result in another; on a
 * {@link io.eer.support.poll.DuePoller} that is a handler that leases plus {@code DueWork.afterCommit} that posts and
 * records (audit-service's alert webhook).
 * A crash between posting and recording leaves the delivery to be posted again: at-least-once; the signature's
 * timestamp (and the body) let a receiver recognise a repeat.
 *
 * <p>The URL of an incoming webhook is a secret (it authorises posting): neither it nor the body is ever logged or put
 * in a {@link Result}; {@link #target()} names only scheme, host and port.
 */
public final class WebhookSender {

    private final WebhookClient client;
    private final String target;
    private final Optional<WebhookSigner> signer;
    private final Duration timeout;
    private final int attempts;
    private final Duration backoff;
    private final Clock clock;

    private WebhookSender(WebhookClient client, String target, Optional<WebhookSigner> signer, Duration timeout,
            int attempts, Duration backoff, Clock clock) {
        this.client = client;
        this.target = target;
        this.signer = signer;
        this.timeout = timeout;
        this.attempts = attempts;
        this.backoff = backoff;
        this.clock = clock;
    }

    /**
     * A sender to {@code url} (http or https). {@code signer}: empty posts unsigned (use
     * {@link WebhookSigner#forSender} to decide); {@code attempts}: at least 1.
     */
    public static WebhookSender to(URI url, Optional<WebhookSigner> signer, Duration timeout, int attempts,
            Duration backoff, Clock clock) {
        Objects.requireNonNull(url, "url");
        if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme())) {
            throw new IllegalArgumentException("a webhook URL is http(s)");
        }
        if (timeout.isNegative() || timeout.isZero() || attempts < 1 || backoff.isNegative()) {
            throw new IllegalArgumentException("a webhook sender needs a positive timeout, attempts >= 1, backoff >= 0");
        }
        WebhookClient client = QuarkusRestClientBuilder.newBuilder()
                .baseUri(url)
                .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false) // a redirect could carry the body (and the signature) elsewhere
                .build(WebhookClient.class);
        return new WebhookSender(client, target(url), signer, timeout, attempts, backoff, clock);
    }

    /** What a log may say about a webhook URL: scheme, host and port, never the path or query (the secret part). */
    public static String target(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    public String target() {
        return target;
    }

    public boolean signed() {
        return signer.isPresent();
    }

    /** The longest one {@link #post} can take: every attempt's timeout plus the back-off between them. */
    public Duration worstCase() {
        Duration total = timeout.multipliedBy(attempts);
        Duration delay = backoff;
        for (int i = 1; i < attempts; i++) {
            total = total.plus(delay);
            delay = delay.multipliedBy(2);
        }
        return total;
    }

    /** Posts {@code body}; retries what a retry can fix. */
    public Uni<Result> post(byte[] body) {
        Objects.requireNonNull(body, "body");
        Uni<Result> once = Uni.createFrom().deferred(() -> attempt(body));
        Uni<Result> retried = attempts == 1 ? once
                : once.onFailure(Retryable.class).retry()
                        .withBackOff(backoff.isZero() ? Duration.ofMillis(1) : backoff,
                                backoff.isZero() ? Duration.ofMillis(1) : backoff.multipliedBy(1L << Math.min(attempts, 20)))
                        .atMost(attempts - 1);
        return retried.onFailure().recoverWithItem(WebhookSender::failed);
    }

    private Uni<Result> attempt(byte[] body) {
        // signed at each attempt: the timestamp says when this copy was sent
        String signature = signer.map(s -> s.sign(body, clock.instant())).orElse(null);
        return client.post(signature, body)
                .ifNoItem().after(timeout.plusMillis(250)).fail()
                .onItemOrFailure().transformToUni((response, failure) -> {
                    int status = failure == null ? response.getStatus() : status(failure);
                    if (failure == null && status / 100 == 2) {
                        response.close();
                        return Uni.createFrom().item((Result) new Result.Delivered(status));
                    }
                    if (response != null) {
                        response.close();
                    }
                    String error = status > 0 ? "HTTP " + status : failure.getClass().getSimpleName();
                    boolean retry = status <= 0 || status >= 500 || status == 429;
                    return Uni.createFrom().failure(retry ? new Retryable(error) : new Final(error));
                });
    }

    private static int status(Throwable failure) {
        if (failure instanceof WebApplicationException w && w.getResponse() != null) {
            Response response = w.getResponse();
            return response.getStatus();
        }
        return -1;
    }

    private static Result failed(Throwable failure) {
        String error = failure instanceof Retryable || failure instanceof Final ? failure.getMessage()
                : failure.getClass().getSimpleName();
        return new Result.Failed(error);
    }

    @Override
    public String toString() {
        return "WebhookSender[" + target + (signer.isPresent() ? ", signed" : ", unsigned") + "]";
    }

    /** What a post came to. {@code error} names a status or an exception class: never the URL or the body. */
    public sealed interface Result {
        boolean delivered();

        record Delivered(int status) implements Result {
            @Override
            public boolean delivered() {
                return true;
            }
        }

        record Failed(String error) implements Result {
            @Override
            public boolean delivered() {
                return false;
            }
        }
    }

    /** A failure another attempt may fix (network, timeout, 5xx, 429). No stack trace: the message is all it says. */
    private static final class Retryable extends RuntimeException {
        Retryable(String error) {
            super(error, null, false, false);
        }
    }

    /** A failure no retry fixes (4xx other than 429, 3xx). */
    private static final class Final extends RuntimeException {
        Final(String error) {
            super(error, null, false, false);
        }
    }
}
