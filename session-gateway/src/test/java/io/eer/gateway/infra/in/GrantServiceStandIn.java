package io.eer.gateway.infra.in;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.eer.support.testing.ClusterCatalogLock;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * grant-service's redeem endpoint ({@code POST /v1/gateway/sessions}) as the gateway sees it, for the gateway's own
 * module tests: it issues real temporary logins on the real test PostgreSQL ({@code payments}) and honours each
 * one-time secret once, for the gateway's token only. grant-service's real endpoint has its own tests
 * (grant-service {@code GatewaySecretTest}); this stand-in keeps the gateway testable without that service.
 */
public class GrantServiceStandIn implements QuarkusTestResourceLifecycleManager {

    public static final String GATEWAY_TOKEN = "test-gateway-token-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, Issued> SECRETS = new ConcurrentHashMap<>();
    private static HttpServer server;

    /** What was issued: the secret the beneficiary got, and what only the gateway may learn. */
    public record Issued(String secret, String grantId, String requestId, String login, String password,
            Instant expiresAt) {
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/gateway/sessions", GrantServiceStandIn::redeem);
        server.start();
        return Map.of("eer.gateway.grant-service.url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "eer.gateway.grant-service.token", GATEWAY_TOKEN);
    }

    @Override
    public void stop() {
        server.stop(0);
    }

    /** A new grant with a temporary login on {@code payments} (member of nothing; CONNECT and schema gwtest). */
    public static Issued issue(Instant expiresAt) {
        String hex = HexFormat.of().formatHex(RANDOM.generateSeed(8));
        String login = "eer_gwtest_" + hex;
        String password = HexFormat.of().formatHex(RANDOM.generateSeed(16));
        try (Connection c = superuser(); Statement s = c.createStatement()) {
            ClusterCatalogLock.acquire(c); // GRANT ... ON DATABASE beside other modules' tests
            s.execute("create schema if not exists gwtest");
            s.execute("create role " + login + " login password '" + password + "' valid until '" + expiresAt + "'");
            s.execute("grant connect on database payments to " + login);
            s.execute("grant usage, create on schema gwtest to " + login);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Issued issued = new Issued(HexFormat.of().formatHex(RANDOM.generateSeed(24)), UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), login, password, expiresAt);
        SECRETS.put(issued.secret(), issued);
        return issued;
    }

    public static Connection superuser() throws SQLException {
        return superuser("payments");
    }

    /** The test PostgreSQL's superuser on {@code database} ({@code payments}, or the gateway's {@code eer_gateway}). */
    public static Connection superuser(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + host() + ":" + port() + "/" + database,
                System.getenv().getOrDefault("EER_DB_USER", "eer"), System.getenv().getOrDefault("EER_DB_PASSWORD",
                        "eer"));
    }

    public static String host() {
        return System.getenv().getOrDefault("EER_DB_URL_HOST", "127.0.0.1");
    }

    public static int port() {
        return Integer.parseInt(System.getenv().getOrDefault("EER_DB_PORT", "35432"));
    }

    private static void redeem(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!("Bearer " + GATEWAY_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                answer(exchange, 403, "{}");
                return;
            }
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            Issued issued = SECRETS.remove(body.path("secret").asText()); // single use, atomically
            if (issued == null || !issued.grantId().equals(body.path("user").asText())
                    || !Instant.now().isBefore(issued.expiresAt())) {
                answer(exchange, 404, "{\"rule\":\"invalid-secret\"}");
                return;
            }
            answer(exchange, 200, JSON.writeValueAsString(Map.of("grantId", issued.grantId(), "requestId",
                    issued.requestId(), "system", "payments-db", "login", issued.login(), "password",
                    issued.password(), "host", host(), "port", port(), "database", "payments", "expiresAt",
                    issued.expiresAt().toString())));
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
