package io.eer.gateway.infra.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.eer.gateway.config.GatewaySettings;
import io.eer.gateway.domain.SessionTicket;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's token for grant-service is renewed without a restart: Kubernetes updates a mounted Secret in place
 * (a new timestamped directory, then the {@code ..data} link is swapped atomically), and the next redeem must carry
 * the new token. Against a real HTTP endpoint that, like grant-service, accepts only the current token.
 */
class GrantServiceTokenRefreshTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path mount;

    private HttpServer server;
    private final AtomicReference<String> accepted = new AtomicReference<>();
    private final List<String> presented = new CopyOnWriteArrayList<>();

    @BeforeEach
    void grantService() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        server.createContext("/v1/gateway/sessions", this::redeem);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aRotatedSecretFile_isUsedByTheNextRedeem_withoutARestart() throws Exception {
        secretVolume("token-1", "token-one\n");
        GrantServiceClient client = new GrantServiceClient(settings(mount.resolve("token").toString()));

        accepted.set("token-one");
        assertThat(client.redeem("s1", "grant-1", "payments")).map(SessionTicket::login).contains("eer_tmp_1");

        // the old token expires at grant-service; the Secret is refreshed the way the kubelet does it
        accepted.set("token-two");
        secretVolume("token-2", "token-two\n");
        assertThat(client.redeem("s2", "grant-1", "payments")).map(SessionTicket::login).contains("eer_tmp_1");

        assertThat(presented).containsExactly("Bearer token-one", "Bearer token-two");
    }

    @Test
    void aStaleToken_isTheGatewaysFault_notTheClients() throws Exception {
        secretVolume("token-1", "token-one");
        GrantServiceClient client = new GrantServiceClient(settings(mount.resolve("token").toString()));
        accepted.set("token-two");

        // 401 is not "invalid secret" (empty): the connection fails as a server-side error
        assertThatThrownBy(() -> client.redeem("s1", "grant-1", "payments")).isInstanceOf(IOException.class)
                .hasMessageContaining("401");
    }

    /** The layout of a mounted Secret: {@code token -> ..data/token}, {@code ..data -> ..<version>}. */
    private void secretVolume(String version, String token) throws IOException {
        Path dir = Files.createDirectory(mount.resolve(".." + version));
        Files.writeString(dir.resolve("token"), token);
        Path next = Files.createSymbolicLink(mount.resolve("..data_tmp"), dir.getFileName());
        Files.move(next, mount.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (!Files.exists(mount.resolve("token"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(mount.resolve("token"), Path.of("..data/token"));
        }
    }

    private void redeem(HttpExchange exchange) throws IOException {
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            presented.add(authorization);
            boolean current = ("Bearer " + accepted.get()).equals(authorization);
            byte[] body = (current ? JSON.writeValueAsString(Map.of("grantId", "grant-1", "requestId", "request-1",
                    "system", "payments-db", "login", "eer_tmp_1", "password", "pw", "host", "127.0.0.1", "port", 5432,
                    "database", "payments", "expiresAt", Instant.now().plusSeconds(600).toString())) : "{}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(current ? 200 : 401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private GatewaySettings settings(String tokenFile) {
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        GatewaySettings.GrantService grantService = new GatewaySettings.GrantService() {
            @Override
            public String url() {
                return url;
            }

            @Override
            public Optional<String> token() {
                return Optional.empty();
            }

            @Override
            public Optional<String> tokenFile() {
                return Optional.of(tokenFile);
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(5);
            }
        };
        return new GatewaySettings() {
            @Override
            public Listener listener() {
                return null;
            }

            @Override
            public GrantService grantService() {
                return grantService;
            }

            @Override
            public Target target() {
                return null;
            }

            @Override
            public Recording recording() {
                return null;
            }

            @Override
            public Duration deadlineCheck() {
                return Duration.ofMillis(200);
            }
        };
    }
}
