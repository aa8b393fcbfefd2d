package io.eer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * P8, the session gateway's cost per statement (issue #13): the same prepared {@code select $1::int + 1}, one at a
 * time, on a direct connection to the target PostgreSQL ({@code payments}, as the local superuser) and through the
 * gateway (a real break-glass grant on {@code payments-db}, one-time secrets from grant-service, the JDBC URL it
 * hands out, so TLS as a beneficiary gets it). Then {@code sessions} gateway sessions of that grant run the same loop
 * at once: the statements per second they reach together (the gateway commits each statement's record, group
 * commit, before relaying it). Needs {@code payments-db} behind the gateway ({@code EER_GRANT_GATEWAY_SYSTEMS});
 * otherwise it says so and measures nothing.
 */
final class GatewayPhase {

    static final String SYSTEM = "payments-db";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WARMUP = 50;

    /** Per-statement latencies (µs) direct and through the gateway, and the concurrent run's totals. */
    record Result(Histogram direct, Histogram gateway, int sessions, long concurrentStatements,
            long concurrentNanos) {

        /** Median through the gateway less median direct, in µs: what the gateway adds to one statement. */
        long overheadMicros() {
            return gateway.getValueAtPercentile(50) - direct.getValueAtPercentile(50);
        }

        double statementsPerSecond() {
            return concurrentNanos <= 0 ? 0 : concurrentStatements * 1e9 / concurrentNanos;
        }

        /** The lines the bench prints (and repeats under its table). */
        List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add(String.format("P8 gateway, one statement at a time (%d each): direct p50 %s / p99 %s ms, "
                    + "through the gateway p50 %s / p99 %s ms; overhead per statement (p50) %s ms",
                    direct.getTotalCount(), ms(direct.getValueAtPercentile(50)), ms(direct.getValueAtPercentile(99)),
                    ms(gateway.getValueAtPercentile(50)), ms(gateway.getValueAtPercentile(99)), ms(overheadMicros())));
            if (sessions > 0) {
                lines.add(String.format("P8 gateway, %d sessions at once: %,d statements in %.1f s = %,.0f "
                        + "statements/s", sessions, concurrentStatements, concurrentNanos / 1e9,
                        statementsPerSecond()));
            }
            return lines;
        }

        private static String ms(long micros) {
            return String.format("%.2f", micros / 1000.0);
        }
    }

    private final HttpClient http;
    private final Tokens tokens;
    private final String requestUrl;
    private final String grantUrl;
    private final Scratch.Infra infra;

    GatewayPhase(HttpClient http, Tokens tokens, String requestUrl, String grantUrl, Scratch.Infra infra) {
        this.http = http;
        this.tokens = tokens;
        this.requestUrl = requestUrl;
        this.grantUrl = grantUrl;
        this.infra = infra;
    }

    /**
     * {@code statements} per connection; {@code sessions} concurrent gateway sessions afterwards (0 skips them).
     * Throws {@link IllegalStateException} with the reason when the gateway cannot be measured.
     */
    Result run(int statements, int sessions) throws Exception {
        String requester = "bench-gateway-" + UUID.randomUUID().toString().substring(0, 8);
        String token = tokens.mint(requester, List.of("oncall-dba"), "CONTRACTOR");
        String grantId = grant(token);
        Histogram direct;
        try (Connection c = infra.jdbc("payments")) {
            direct = loop(c, statements);
        }
        Histogram gateway;
        try (Connection c = gatewayConnection(grantId, token)) {
            gateway = loop(c, statements);
        }
        if (sessions <= 0) {
            return new Result(direct, gateway, 0, 0, 0);
        }
        List<Connection> connections = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        try {
            for (int i = 0; i < sessions; i++) {
                connections.add(gatewayConnection(grantId, token));
            }
            long t0 = System.nanoTime();
            List<Future<Histogram>> runs = new ArrayList<>();
            for (Connection c : connections) {
                runs.add(pool.submit(() -> loop(c, statements)));
            }
            long total = 0;
            for (Future<Histogram> run : runs) {
                total += run.get(10, TimeUnit.MINUTES).getTotalCount() + WARMUP;
            }
            return new Result(direct, gateway, sessions, total, System.nanoTime() - t0);
        } finally {
            pool.shutdownNow();
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    /** A break-glass grant on payments-db for {@code token}'s requester; answers its grant id. */
    private String grant(String token) throws Exception {
        String body = """
                {"kind":"EMERGENCY","origin":"CONTRACTOR_SELF","system":"%s","role":"db_admin",
                 "duration":"PT15M","justification":"benchmark: session gateway overhead","incident":"INC-8"}"""
                .formatted(SYSTEM);
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(requestUrl + "/v1/requests"))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (posted.statusCode() != 201) {
            throw new IllegalStateException("POST /v1/requests answered " + posted.statusCode());
        }
        String requestId = JSON.readTree(posted.body()).path("requestId").asText();
        long giveUpAt = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < giveUpAt) {
            HttpResponse<String> grants = get(grantUrl + "/v1/grants?requestId=" + requestId, token);
            JsonNode list = grants.statusCode() == 200 ? JSON.readTree(grants.body()) : JSON.createArrayNode();
            for (JsonNode g : list) {
                if ("ACTIVE".equals(g.path("status").asText())) {
                    return g.path("grantId").asText();
                }
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IllegalStateException("request " + requestId + " was not granted within 2 minutes");
    }

    /** A new one-time secret from grant-service, then a JDBC connection through the gateway with it. */
    private Connection gatewayConnection(String grantId, String token) throws Exception {
        HttpResponse<String> answer = get(grantUrl + "/v1/grants/" + grantId + "/credentials", token);
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("GET credentials answered " + answer.statusCode());
        }
        JsonNode credentials = JSON.readTree(answer.body());
        if (!"session-gateway".equals(credentials.path("via").asText())) {
            throw new IllegalStateException(SYSTEM + " is not behind the session gateway (set "
                    + "EER_GRANT_GATEWAY_SYSTEMS=" + SYSTEM + " for grant-service)");
        }
        Properties props = new Properties();
        props.setProperty("user", credentials.path("user").asText());
        props.setProperty("password", credentials.path("secret").asText());
        return DriverManager.getConnection(credentials.path("jdbcUrl").asText(), props);
    }

    private HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@value #WARMUP} unmeasured runs, then {@code statements} measured ones (µs each). */
    static Histogram loop(Connection c, int statements) throws SQLException {
        Histogram took = new Histogram(3);
        try (PreparedStatement ps = c.prepareStatement("select ?::int + 1")) {
            for (int i = 0; i < WARMUP + statements; i++) {
                long t0 = System.nanoTime();
                ps.setInt(1, i);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getInt(1) != i + 1) {
                        throw new IllegalStateException("wrong answer to select " + i + " + 1");
                    }
                }
                if (i >= WARMUP) {
                    took.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
                }
            }
        }
        return took;
    }
}
