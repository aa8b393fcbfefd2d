package io.eer.systemtests;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Several packaged audit-service processes sharing one database and one set of topics of their own (a fresh
 * {@code sys_audit_ha} database, topics prefixed with a random {@link #prefix}), apart from {@link EerStack}.
 */
final class AuditInstances implements AutoCloseable {

    static final String DATABASE = "sys_audit_ha";

    // under audit-service's test topic prefix: its ACLs allow test-audit* under ./eer test (deploy/local/kafka-acls.conf)
    final String prefix = "test-audit-ha-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    final CheckpointKeyFiles keys;
    private final Path repoRoot;
    private final Path logDir;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();

    AuditInstances() {
        repoRoot = Path.of(System.getenv().getOrDefault("EER_REPO_ROOT", "..")).toAbsolutePath().normalize();
        logDir = repoRoot.resolve("system-tests/target/service-logs/audit-ha");
        keys = new CheckpointKeyFiles(logDir);
        try (Connection admin = DriverManager.getConnection(Infra.jdbcUrl("postgres"), Infra.dbUser(),
                Infra.dbPassword()); Statement sql = admin.createStatement()) {
            sql.execute("drop database if exists " + DATABASE + " with (force)");
            sql.execute("create database " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create " + DATABASE, e);
        }
    }

    Connection database() throws SQLException {
        return Infra.connect(DATABASE);
    }

    String url(String name) {
        return "http://127.0.0.1:" + ports.get(name);
    }

    void start(String name) {
        Path jar = repoRoot.resolve("audit-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package audit-service first");
        }
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx192m", "-XX:TieredStopAtLevel=1", "-jar",
                jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.resolve(name + ".log").toFile()));
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("EER_KAFKA_BOOTSTRAP", Infra.kafka());
        Infra.kafkaCredentials(env, "audit-service");
        env.put("EER_DB_URL_HOST", Infra.dbHost());
        env.put("EER_DB_PORT", String.valueOf(Infra.dbPort()));
        env.put("EER_DB_USER", Infra.dbUser());
        env.put("EER_DB_PASSWORD", Infra.dbPassword());
        env.put("EER_DB_NAME", DATABASE);
        env.put("EER_SERVICE_TOPIC_PREFIX", prefix);
        env.put("EER_JWT_PUBLIC_KEY", EerStackKeys.jwtPublicKey(logDir).toString());
        env.put("EER_AUDIT_CHECKPOINT_INTERVAL", "1s");
        env.put("EER_AUDIT_CHECKPOINT_HEARTBEAT", "2s");
        env.put("EER_AUDIT_INSTANCE", name); // its ledger consumer's client id: <name>-ledger
        env.putAll(keys.env());
        try {
            processes.put(name, builder.start());
            ports.put(name, port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .alias(name + " ready (see " + logDir.resolve(name + ".log") + ")")
                .until(() -> {
                    if (!processes.get(name).isAlive()) {
                        throw new IllegalStateException(name + " exited; see " + logDir.resolve(name + ".log"));
                    }
                    return ready(port);
                });
    }

    /** {@code kill -9}: no shutdown hook, no goodbye to Kafka or PostgreSQL. */
    void kill(String name) {
        Process process = processes.remove(name);
        process.destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
    }

    boolean alive(String name) {
        Process process = processes.get(name);
        return process != null && process.isAlive();
    }

    private boolean ready(int port) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        processes.values().forEach(Process::destroy);
        processes.values().forEach(process -> await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive()));
        processes.clear();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The test-only JWT public key the tokens of {@code TestTokens} verify with, as a file. */
    static final class EerStackKeys {
        private EerStackKeys() {
        }

        static Path jwtPublicKey(Path dir) {
            Path key = dir.resolve("publicKey.pem");
            try (var in = AuditInstances.class.getResourceAsStream("/eer-test-keys/publicKey.pem")) {
                Files.copy(in, key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                return key;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
