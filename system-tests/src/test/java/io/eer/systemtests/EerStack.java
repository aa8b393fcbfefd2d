package io.eer.systemtests;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The six packaged services and the session gateway, each a separate JVM, on the real Kafka and PostgreSQL that
 * {@code ./eer test} started, with an LDAP directory of their own (UnboundID, in this JVM, on a free port, from
 * {@code deploy/local/directory-seed.ldif}). Started once per test JVM; each service gets its own database
 * ({@code sys_<name>}), the default topics, and a free HTTP port, so this can run beside {@code ./eer up}.
 * As deployed: {@code payments-db} is reached only through the gateway (grant-service hands out one-time gateway
 * secrets for it), {@code corp-directory} and {@code hr-portal} are groups in the directory, and review-service
 * fetches the evidence pack's ledger proofs from audit-service.
 */
public final class EerStack {

    /** Short names; {@code gateway} is the module {@code session-gateway}, the others {@code <name>-service}. */
    public static final List<String> SERVICES = List.of("request", "approval", "grant", "expiry", "audit", "review",
            "gateway");
    /** payments-db, the one PostgreSQL target, is behind the gateway. */
    public static final String GATEWAY_SYSTEM = "payments-db";

    private static EerStack instance;

    private final Path repoRoot;
    private final Path logDir;
    private final Path publicKey;
    private final CheckpointKeyFiles checkpointKeys;
    private final String credentialKey = newCredentialKey();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Process> processes = new HashMap<>();
    /** The gateway's PostgreSQL listener (grant-service names it in every gateway secret's answer). */
    private final int gatewayPgPort = freePort();
    private final TestDirectory directory;
    private final HttpClient http = HttpClient.newHttpClient();

    private EerStack(Path repoRoot) throws IOException {
        this.repoRoot = repoRoot;
        this.logDir = repoRoot.resolve("system-tests/target/service-logs");
        Files.createDirectories(logDir);
        this.publicKey = logDir.resolve("publicKey.pem");
        try (InputStream key = EerStack.class.getResourceAsStream("/eer-test-keys/publicKey.pem")) {
            Files.copy(key, publicKey, StandardCopyOption.REPLACE_EXISTING);
        }
        this.checkpointKeys = new CheckpointKeyFiles(logDir);
        // every port first: grant-service names the gateway's, the gateway grant-service's, review audit-service's
        SERVICES.forEach(service -> ports.put(service, freePort()));
        this.directory = TestDirectory.start(repoRoot.resolve("deploy/local/directory-seed.ldif"));
    }

    public static synchronized EerStack get() {
        if (instance == null) {
            try {
                EerStack stack = new EerStack(repoRoot());
                // before any start: a service that fails to get ready must not leave the others running after the
                // test JVM (they would keep consuming, with stale Kafka passwords, into the next run's infra)
                Runtime.getRuntime().addShutdownHook(new Thread(stack::stopAll));
                Runtime.getRuntime().addShutdownHook(new Thread(stack.directory::close));
                try {
                    stack.prepareDatabases();
                    SERVICES.forEach(stack::start);
                    SERVICES.forEach(stack::awaitReady);
                } catch (RuntimeException | IOException | SQLException e) {
                    // the next test class tries again from scratch: no half-started stack may consume beside it
                    stack.stopAll();
                    stack.directory.close();
                    throw e;
                }
                instance = stack;
            } catch (IOException | SQLException e) {
                throw new IllegalStateException("cannot start the EER stack", e);
            }
        }
        return instance;
    }

    public String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    /** Where PostgreSQL clients reach the session gateway. */
    public int gatewayPgPort() {
        return gatewayPgPort;
    }

    /** The stack's LDAP directory (grant-service's corp-directory and hr-portal targets). */
    public TestDirectory directory() {
        return directory;
    }

    /** audit-service's checkpoint public key (PEM), what an auditor verifies evidence with offline. */
    public Path checkpointPublicKey() {
        return checkpointKeys.publicKey;
    }

    public Path root() {
        return repoRoot;
    }

    private static String module(String service) {
        return service.equals("gateway") ? "session-gateway" : service + "-service";
    }

    public void start(String service) {
        int port = ports.computeIfAbsent(service, ignored -> freePort());
        Path jar = repoRoot.resolve(module(service) + "/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run `mvn verify` from the root so services are packaged first");
        }
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx192m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.resolve(service + ".log").toFile()));
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        // six JVMs start at once on 2 shared cores: Flyway's first connection may wait longer than the 5 s default
        env.put("QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", "60S");
        env.put("EER_KAFKA_BOOTSTRAP", Infra.kafka());
        Infra.kafkaCredentials(env, module(service)); // the gateway's principal is session-gateway
        env.put("EER_DB_URL_HOST", Infra.dbHost());
        env.put("EER_DB_PORT", String.valueOf(Infra.dbPort()));
        env.put("EER_DB_USER", Infra.dbUser());
        env.put("EER_DB_PASSWORD", Infra.dbPassword());
        env.put("EER_DB_NAME", "sys_" + service);
        env.put("EER_JWT_PUBLIC_KEY", publicKey.toString());
        env.put("EER_POLICY_FILE", repoRoot.resolve("deploy/local/policy.yaml").toString());
        env.put("EER_TARGET_PAYMENTS_URL", Infra.jdbcUrl(Infra.TARGET_DB));
        env.put("EER_TARGET_PAYMENTS_HOST", Infra.dbHost());
        env.put("EER_TARGET_PAYMENTS_PORT", String.valueOf(Infra.dbPort()));
        // grant-service's connector role from payments-seed.sql (CREATEROLE, not superuser); one credential key per
        // stack, so a restarted grant-service still opens what it sealed
        env.put("EER_TARGET_PAYMENTS_USER", "eer_grant_connector");
        env.put("EER_TARGET_PAYMENTS_PASSWORD", "eer-grant-connector-local");
        env.put("EER_GRANT_CREDENTIAL_KEY", credentialKey);
        env.putAll(checkpointKeys.env()); // audit-service signs checkpoints; the others ignore these
        env.putAll(serviceEnv(service));
        try {
            processes.put(service, builder.start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + service, e);
        }
    }

    /** What one service reads besides the shared settings above. */
    private Map<String, String> serviceEnv(String service) {
        Map<String, String> env = new HashMap<>();
        switch (service) {
            case "grant" -> {
                env.put("EER_GRANT_GATEWAY_SYSTEMS", GATEWAY_SYSTEM);
                env.put("EER_GRANT_GATEWAY_HOST", "127.0.0.1");
                env.put("EER_GRANT_GATEWAY_PORT", String.valueOf(gatewayPgPort));
                // the ldap targets are grant-service's profile `local` (as ./eer up runs it), on this stack's directory
                env.put("QUARKUS_PROFILE", "prod,local");
                env.put("EER_TARGET_DIRECTORY_URL", directory.url());
                env.put("EER_TARGET_DIRECTORY_BIND_DN", TestDirectory.BIND_DN);
                env.put("EER_TARGET_DIRECTORY_PASSWORD", TestDirectory.BIND_PASSWORD);
            }
            case "review" -> {
                env.put("EER_REVIEW_AUDIT_URL", url("audit"));
                env.put("EER_REVIEW_AUDIT_TOKEN", serviceToken("review-service", "auditors"));
            }
            case "gateway" -> {
                env.put("EER_GATEWAY_PG_PORT", String.valueOf(gatewayPgPort));
                env.put("EER_GATEWAY_GRANT_SERVICE_URL", url("grant"));
                env.put("EER_GATEWAY_TOKEN", serviceToken("session-gateway", "session-gateways"));
                // TLS as in the module's tests: a self-signed key store made with keytool at the first start
                env.put("EER_GATEWAY_TLS_KEYSTORE", logDir.resolve("session-gateway.p12").toString());
                env.put("EER_GATEWAY_TLS_GENERATE", "true");
                env.put("EER_GATEWAY_TARGET_SSLMODE", "disable"); // the test PostgreSQL has no TLS
                env.put("EER_GATEWAY_INSTANCE", "system-test");
            }
            default -> {
            }
        }
        return env;
    }

    /** A service's own identity at another service: valid for the whole run (a user's test token lasts an hour). */
    private static String serviceToken(String sub, String group) {
        Map<String, Object> claims = io.eer.support.testing.TestTokens.claims(sub, List.of(group), "EMPLOYEE", false);
        claims.put("exp", java.time.Instant.now().plus(Duration.ofHours(11)).getEpochSecond());
        return io.eer.support.testing.TestTokens.sign(claims);
    }

    /** Stops a service the way an operator or a crash would end it: the process is gone. */
    public void stop(String service) {
        Process process = processes.remove(service);
        if (process != null) {
            process.destroy();
            await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
        }
    }

    public void awaitReady(String service) {
        // seven JVMs start at once: on 2 cores shared with other builds (load 40) that took over 4 minutes
        await().atMost(Duration.ofSeconds(480)).pollInterval(Duration.ofMillis(250))
                .alias(service + " ready (see system-tests/target/service-logs/" + service + ".log)")
                .until(() -> {
                    Process process = processes.get(service);
                    if (process == null || !process.isAlive()) {
                        throw new IllegalStateException(service + " exited; see its log in " + logDir);
                    }
                    return ready(service);
                });
    }

    private boolean ready(String service) {
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(URI.create(url(service) + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void stopAll() {
        processes.values().forEach(Process::destroy);
        processes.values().forEach(process -> {
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private void prepareDatabases() throws SQLException, IOException {
        try (Connection admin = DriverManager.getConnection(Infra.jdbcUrl("postgres"), Infra.dbUser(), Infra.dbPassword());
                Statement sql = admin.createStatement()) {
            for (String service : SERVICES) {
                sql.execute("drop database if exists sys_" + service + " with (force)");
                sql.execute("create database sys_" + service);
            }
        }
        String seed = Files.readString(repoRoot.resolve("deploy/local/payments-seed.sql"));
        try (Connection target = Infra.connect(Infra.TARGET_DB); Statement sql = target.createStatement()) {
            sql.execute(seed);
        }
    }

    /** grant-service's credential key (required): base64 of 32 random bytes. */
    private static String newCredentialKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path repoRoot() {
        String fromEnv = System.getenv("EER_REPO_ROOT");
        Path root = fromEnv != null ? Path.of(fromEnv) : Path.of("..").toAbsolutePath().normalize();
        if (!Files.exists(root.resolve("deploy/local/policy.yaml"))) {
            throw new IllegalStateException("cannot find the repository root from " + root);
        }
        return root;
    }
}
