package io.eer.systemtests;

import static io.eer.systemtests.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The beneficiary's side of the session gateway: a one-time secret from grant-service, then a real {@code psql} or
 * pgJDBC through the gateway with {@code sslmode=require}; and the operator's look at the target's logins.
 */
final class GatewayClient {

    /** What {@code GET /v1/grants/{id}/credentials} answers for a system behind the gateway. */
    record Secret(String user, String secret, String host, int port, String database, String jdbcUrl) {
    }

    /** What psql printed (stdout and stderr) and its exit status. */
    record PsqlRun(int exitCode, String output) {
    }

    private GatewayClient() {
    }

    /** A new one-time secret; the answer never carries the target login or its password. */
    static Secret secret(String token, String grantId) {
        Map<String, Object> answer = as(token, "grant").get("/v1/grants/" + grantId + "/credentials")
                .then().statusCode(200).header("Cache-Control", "no-store").extract().as(Map.class);
        assertThat(answer).containsEntry("via", "session-gateway").containsEntry("user", grantId)
                .doesNotContainKeys("password", "username");
        assertThat(answer.get("port")).isEqualTo(EerStack.get().gatewayPgPort());
        return new Secret((String) answer.get("user"), (String) answer.get("secret"), (String) answer.get("host"),
                (Integer) answer.get("port"), (String) answer.get("database"), (String) answer.get("jdbcUrl"));
    }

    /** pgJDBC through the gateway, with the URL grant-service gave ({@code sslmode=require}). */
    static Connection connect(Secret secret) throws SQLException {
        assertThat(secret.jdbcUrl()).contains("sslmode=require");
        return DriverManager.getConnection(secret.jdbcUrl(), secret.user(), secret.secret());
    }

    /** Runs the real psql through the gateway: one {@code -c} per command (each its own simple Query), TLS required. */
    static PsqlRun psql(Secret secret, String... commands) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(psqlBinary(), "-X", "-A", "-t", "-w"));
        for (String sql : commands) {
            command.add("-c");
            command.add(sql);
        }
        command.add("host=" + secret.host() + " port=" + secret.port() + " dbname=" + secret.database() + " user="
                + secret.user() + " sslmode=require connect_timeout=10");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", secret.secret());
        builder.environment().remove("PGSERVICE");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("psql did not end in 60 s: " + output);
        }
        return new PsqlRun(process.exitValue(), output);
    }

    /**
     * psql from PATH (Debian's postgresql-client; {@code ./eer test} checks for it). Never skipped: a machine without
     * it fails here, with one line saying what is missing.
     */
    static String psqlBinary() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "psql");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("psql is not installed: the gateway system tests need a real psql on PATH"
                + " (Debian: apt-get install postgresql-client)");
    }

    /** Whether the temporary login still exists on the target, as the target's owner sees it. */
    static boolean loginExists(String account) throws SQLException {
        try (Connection target = Infra.connect(Infra.TARGET_DB);
                PreparedStatement sql = target.prepareStatement("select 1 from pg_roles where rolname = ?")) {
            sql.setString(1, account);
            try (ResultSet rows = sql.executeQuery()) {
                return rows.next();
            }
        }
    }
}
