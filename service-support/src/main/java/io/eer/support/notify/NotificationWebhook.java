package io.eer.support.notify;

import io.eer.support.webhook.WebhookSender;
import io.eer.support.webhook.WebhookSigner;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The sender a service's {@link NotificationQueue} posts with, built once at start from its settings: empty when no
 * URL is set, or when a URL is set without a secret ({@code EER_WEBHOOK_SECRET}; an ERROR at start: notifications stay
 * queued, the service's decisions are unaffected). Logs where it posts by host only: the URL is a secret.
 */
public final class NotificationWebhook {

    private static final Logger LOG = Logger.getLogger(NotificationWebhook.class);

    private NotificationWebhook() {
    }

    /**
     * {@code name}: how the log names it ("approver webhook"); {@code attemptsPerPost} quick retries within one
     * delivery, {@code quickBackoff} apart (the queue backs off longer between deliveries).
     */
    public static Optional<WebhookSender> sender(String name, Optional<URI> url, Optional<String> secret,
            boolean allowUnsigned, Duration timeout, int attemptsPerPost, Duration quickBackoff, Clock clock) {
        if (url.isEmpty()) {
            LOG.infof("%s: off", name);
            return Optional.empty();
        }
        try {
            Optional<WebhookSigner> signer = WebhookSigner.forSender(true, secret, allowUnsigned);
            WebhookSender sender = WebhookSender.to(url.get(), signer, timeout, attemptsPerPost, quickBackoff, clock);
            LOG.infof("%s: posting to %s, %s", name, WebhookSender.target(url.get()),
                    signer.isPresent() ? "signed" : "unsigned");
            return Optional.of(sender);
        } catch (WebhookSigner.UnsignedWebhookException e) {
            LOG.errorf("%s: nothing will be posted: %s", name, e.getMessage());
            return Optional.empty();
        }
    }
}
