package io.eer.approval.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.eer.support.webhook.WebhookSender;
import io.eer.support.webhook.WebhookSigner;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * service-support's {@link WebhookSender} against a real receiver: it retries what a retry can fix (at most
 * {@code attempts} posts), does not follow a redirect, gives up on a hanging receiver after its timeout, and never
 * puts the URL (its secret part) into what it answers.
 */
@QuarkusTest
@QuarkusTestResource(WebhookRecorder.class)
class WebhookSenderTest {

    private static final byte[] BODY = "{\"text\":\"hello\"}".getBytes(StandardCharsets.UTF_8);
    private static final Optional<WebhookSigner> SIGNER = Optional.of(WebhookSigner.withSecret("s"));

    private static WebhookSender sender(String path, Duration timeout, int attempts) {
        return WebhookSender.to(URI.create(WebhookRecorder.base() + path), SIGNER, timeout, attempts,
                Duration.ofMillis(50), Clock.systemUTC());
    }

    @Test
    void post_toABrokenReceiver_retriesUpToItsAttempts_thenFails_namingOnlyTheStatus() {
        int before = WebhookRecorder.hits("broken");
        WebhookSender.Result result = sender("/hooks/broken?token=SECRET-PART", Duration.ofSeconds(5), 3).post(BODY)
                .await().atMost(Duration.ofSeconds(30));

        assertThat(result).isEqualTo(new WebhookSender.Result.Failed("HTTP 500"));
        assertThat(WebhookRecorder.hits("broken") - before).isEqualTo(3);
    }

    @Test
    void post_neverFollowsARedirect() {
        int before = WebhookRecorder.hits("redirect");
        int delivered = WebhookRecorder.postsAbout("hello").size();
        WebhookSender.Result result = sender("/hooks/redirect", Duration.ofSeconds(5), 3).post(BODY)
                .await().atMost(Duration.ofSeconds(30));

        assertThat(result).isEqualTo(new WebhookSender.Result.Failed("HTTP 302"));
        assertThat(WebhookRecorder.hits("redirect") - before).as("a 3xx is not retried").isEqualTo(1);
        assertThat(WebhookRecorder.postsAbout("hello")).as("the body went nowhere else").hasSize(delivered);
    }

    @Test
    void post_toAHangingReceiver_givesUpAfterItsTimeout() {
        long start = System.nanoTime();
        WebhookSender.Result result = sender("/hooks/slow", Duration.ofMillis(500), 1).post(BODY)
                .await().atMost(Duration.ofSeconds(30));

        assertThat(result.delivered()).isFalse();
        assertThat(((WebhookSender.Result.Failed) result).error()).doesNotContain("127.0.0.1", "/hooks");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void target_namesSchemeHostAndPort_neverThePath() {
        assertThat(WebhookSender.target(URI.create("https://hooks.slack.com/services/T0/B0/XYZSECRET?x=1")))
                .isEqualTo("https://hooks.slack.com");
    }
}
