package io.eer.review.infra.out;

import io.eer.review.config.ReviewSettings;
import io.eer.support.webhook.WebhookSender;
import io.eer.support.webhook.WebhookSigner;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The reviewers' webhook {@link WebhookSender}, built once at start from {@code eer.review.webhook.*}: empty when no
 * URL is set, or a URL without {@code EER_WEBHOOK_SECRET} (an ERROR at start; notifications stay queued, reviews are
 * unaffected). Logs where it posts by host only: the URL is a secret.
 */
@ApplicationScoped
public class ReviewerWebhook {

    private static final Logger LOG = Logger.getLogger(ReviewerWebhook.class);

    private final ReviewSettings.Webhook settings;
    private final Clock clock;
    private volatile Optional<WebhookSender> sender = Optional.empty();

    ReviewerWebhook(ReviewSettings settings, Clock clock) {
        this.settings = settings.webhook();
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        if (settings.url().isEmpty()) {
            LOG.info("reviewer webhook: off");
            return;
        }
        try {
            Optional<WebhookSigner> signer = WebhookSigner.forSender(true, settings.secret(), settings.allowUnsigned());
            // quick retries within one post; the queue backs off longer between attempts
            sender = Optional.of(WebhookSender.to(settings.url().get(), signer, settings.timeout(), 3,
                    Duration.ofMillis(200), clock));
            LOG.infof("reviewer webhook: posting to %s, %s", WebhookSender.target(settings.url().get()),
                    signer.isPresent() ? "signed" : "unsigned");
        } catch (WebhookSigner.UnsignedWebhookException e) {
            LOG.errorf("reviewer webhook: nothing will be posted: %s", e.getMessage());
        }
    }

    public Optional<WebhookSender> sender() {
        return sender;
    }
}
