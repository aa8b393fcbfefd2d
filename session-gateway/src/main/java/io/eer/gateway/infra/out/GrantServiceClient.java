package io.eer.gateway.infra.out;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eer.gateway.config.GatewaySettings;
import io.eer.gateway.domain.SessionTicket;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Redeems a one-time secret at grant-service ({@code POST /v1/gateway/sessions}, as the gateway's own identity):
 * grant-service marks it used atomically and answers the temporary login, its password and the deadline. Blocking;
 * called on the connection's own thread. Neither the secret nor the password is ever logged.
 */
@ApplicationScoped
public class GrantServiceClient {

    private static final Logger LOG = Logger.getLogger(GrantServiceClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewaySettings.GrantService settings;
    private final HttpClient http;

    GrantServiceClient(GatewaySettings settings) {
        this.settings = settings.grantService();
        this.http = HttpClient.newBuilder().connectTimeout(this.settings.timeout()).build();
    }

    /** The ticket, or empty when grant-service refuses the secret (unknown, used, expired, not for this user). */
    public Optional<SessionTicket> redeem(String secret, String user, String database)
            throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("secret", secret, "user", user, "database", database));
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.url().replaceAll("/+$", "")
                        + "/v1/gateway/sessions"))
                .timeout(settings.timeout())
                .header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
            JsonNode n = JSON.readTree(response.body());
            return Optional.of(new SessionTicket(n.path("grantId").asText(), n.path("requestId").asText(),
                    n.path("system").asText(), n.path("login").asText(), n.path("password").asText().toCharArray(),
                    n.path("host").asText(), n.path("port").asInt(), n.path("database").asText(),
                    Instant.parse(n.path("expiresAt").asText()), false));
        }
        if (response.statusCode() >= 400 && response.statusCode() < 500 && response.statusCode() != 401
                && response.statusCode() != 403 && response.statusCode() != 429) {
            return Optional.empty();
        }
        // the gateway's own identity was refused, or grant-service is unwell: not the client's fault
        LOG.errorf("grant-service answered %d to a redeem", response.statusCode());
        throw new IOException("grant-service answered " + response.statusCode());
    }

    private String token() throws IOException {
        if (settings.tokenFile().isPresent()) {
            return Files.readString(Path.of(settings.tokenFile().get())).trim();
        }
        return settings.token().orElseThrow(() -> new IOException(
                "no token for grant-service: set eer.gateway.grant-service.token or token-file"));
    }
}
