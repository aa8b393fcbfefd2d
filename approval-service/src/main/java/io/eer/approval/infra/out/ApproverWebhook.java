package io.eer.approval.infra.out;

import io.eer.approval.config.ApprovalSettings;
import io.eer.support.webhook.WebhookSender;
import io.eer.support.webhook.WebhookSigner;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The notification webhook's {@link WebhookSender}, built once (at start: the notification poller asks for it) from {@code eer.approval.webhook.*}: empty when no
 * URL is set, or when a URL is set without {@code EER_WEBHOOK_SECRET} (an ERROR at start; notifications stay queued,
 * decisions are unaffected). Logs where it posts by host only: the URL is a secret.
 */
@ApplicationScoped
public class ApproverWebhook {

    private static final Logger LOG = Logger.getLogger(ApproverWebhook.class);

    private final ApprovalSettings settings;
    private final Clock clock;
    private volatile Optional<WebhookSender> sender = Optional.empty();

    ApproverWebhook(ApprovalSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @PostConstruct
    void start() {
        ApprovalSettings.Webhook webhook = settings.webhook();
        if (webhook.url().isEmpty()) {
            LOG.info("approver webhook: off");
            return;
        }
        try {
            Optional<WebhookSigner> signer = WebhookSigner.forSender(true, webhook.secret(), webhook.allowUnsigned());
            sender = Optional.of(WebhookSender.to(webhook.url().get(), signer, webhook.timeout(),
                    webhook.attemptsPerPost(),
                    // quick retries within one delivery; the queue backs off longer between deliveries
                    webhook.backoff().compareTo(java.time.Duration.ofSeconds(1)) < 0 ? webhook.backoff()
                            : java.time.Duration.ofSeconds(1), clock));
            LOG.infof("approver webhook: posting to %s, %s", WebhookSender.target(webhook.url().get()),
                    signer.isPresent() ? "signed" : "unsigned");
        } catch (WebhookSigner.UnsignedWebhookException e) {
            // decisions go on; notifications wait in the queue until a secret is configured
            LOG.errorf("approver webhook: nothing will be posted: %s", e.getMessage());
        }
    }

    /** The sender, when notifications may be posted. */
    public Optional<WebhookSender> sender() {
        return sender;
    }
}
