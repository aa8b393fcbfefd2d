package io.eer.grant.infra.out.connector;

import io.eer.grant.config.GrantSettings;
import io.eer.support.webhook.WebhookSigner;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Clock;
import java.util.List;

/**
 * {@code connector=webhook}: a target that provisions and revokes itself when EER calls it over HTTPS. Settings of
 * the target: {@code url} (the base; EER posts to {@code <url>/provision}, {@code /revoke}, {@code /inspect}),
 * {@code secret} (HMAC-SHA256 key of {@code X-EER-Signature}, required: EER never calls unsigned), optional
 * {@code roles}, {@code connect-timeout} (per call), {@code attempts} and {@code backoff}.
 */
@ApplicationScoped
public class WebhookConnectorFactory implements ConnectorFactory {

    public static final String TYPE = "webhook";

    private final Vertx vertx;
    private final Clock clock;

    WebhookConnectorFactory(Vertx vertx, Clock clock) {
        this.vertx = vertx;
        this.clock = clock;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Connector create(String system, GrantSettings.Target target) {
        String prefix = "eer.grant.targets.\"" + system + "\".";
        URI url = URI.create(target.url().orElseThrow(() -> new IllegalArgumentException(prefix + "url is required")));
        if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException(prefix + "url: an http(s) URL expected");
        }
        WebhookSigner signer;
        try {
            signer = WebhookSigner.withSecret(target.secret().orElse(""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + "secret is required (calls are never sent unsigned)");
        }
        if (target.attempts() < 1 || target.backoff().isNegative() || target.connectTimeout().isZero()) {
            throw new IllegalArgumentException(prefix + "attempts must be >= 1, backoff >= 0, connect-timeout > 0");
        }
        List<String> roles = target.roles().orElse(List.of());
        var client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) target.connectTimeout().toMillis())
                .setSsl("https".equals(url.getScheme())));
        return new WebhookConnector(system, client, url, signer, new WebhookConnector.Retry(target.connectTimeout(),
                target.attempts(), target.backoff()), roles, clock);
    }
}
