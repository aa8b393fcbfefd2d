package io.eer.audit.insight.infra.out;

import io.eer.audit.insight.config.SocSettings;
import io.eer.support.webhook.WebhookSender;
import io.eer.support.webhook.WebhookSigner;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The alert webhook's {@link WebhookSender} (service-support's, Quarkus REST Client), built once from
 * {@code eer.soc.webhook.*}: empty when no URL is set, or when a URL is set without {@code EER_WEBHOOK_SECRET} or is
 * not http(s) (an ERROR at start; the ledger is not stopped over a webhook setting: alerts still reach
 * {@code eer.alerts}, the deliveries stay queued). One attempt per post: the delivery queue
 * ({@link AlertWebhookQueue}) owns retries and their back-off, so {@code max-attempts} counts posts. Logs where it
 * posts by host only: the URL is a secret.
 */
@ApplicationScoped
public class AlertWebhook {

    private static final Logger LOG = Logger.getLogger(AlertWebhook.class);

    private final Optional<WebhookSender> sender;

    AlertWebhook(SocSettings settings, Clock clock) {
        this.sender = build(settings.webhook(), clock);
    }

    private static Optional<WebhookSender> build(SocSettings.Webhook webhook, Clock clock) {
        Optional<String> url = webhook.url().filter(value -> !value.isBlank());
        if (url.isEmpty()) {
            LOG.info("alert webhook: off");
            return Optional.empty();
        }
        try {
            Optional<WebhookSigner> signer = WebhookSigner.forSender(true, webhook.secret(), webhook.allowUnsigned());
            URI target = URI.create(url.get());
            WebhookSender sender = WebhookSender.to(target, signer, webhook.timeout(), 1, java.time.Duration.ZERO,
                    clock);
            LOG.infof("alert webhook: posting to %s, %s", WebhookSender.target(target),
                    signer.isPresent() ? "signed" : "unsigned");
            return Optional.of(sender);
        } catch (WebhookSigner.UnsignedWebhookException e) {
            LOG.errorf("alert webhook: nothing will be posted: %s", e.getMessage());
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            // the message could quote the URL, which is a secret
            LOG.error("alert webhook: nothing will be posted: eer.soc.webhook.url is not an http(s) URL");
            return Optional.empty();
        }
    }

    /** The sender, when alerts may be posted. */
    public Optional<WebhookSender> sender() {
        return sender;
    }
}
