package io.eer.bench;

import java.io.IOException;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A scratch copy of one service for the phases that must not touch the running stack's data: the service's own jar
 * (as {@code ./eer up} built it) on a database of its own in the same PostgreSQL, reading and writing topics under
 * a prefix of its own ({@code bench-<service>.}, so that two scratch phases may run at once) in the same Kafka with consumer groups of its own, as the {@code admin} principal
 * (the service's own principal may only touch {@code eer.*}). The running stack never sees any of it; the database
 * and topics are dropped afterwards.
 */
final class Scratch implements AutoCloseable {


    record Infra(Path repoRoot, Path logDir, String kafkaBootstrap, String adminPassword, int pgPort) {

        Connection jdbc(String database) throws SQLException {
            return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/" + database, "eer", "eer");
        }

        Properties kafka() {
            Properties p = new Properties();
            p.put("bootstrap.servers", kafkaBootstrap);
            p.put("security.protocol", "SASL_PLAINTEXT");
            p.put("sasl.mechanism", "SCRAM-SHA-512");
            p.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                    + "username=\"admin\" password=\"" + adminPassword + "\";");
            return p;
        }

        KafkaProducer<String, String> producer() {
            Properties p = kafka();
            p.put("acks", "all");
            p.put("linger.ms", "5");
            p.put("key.serializer", StringSerializer.class.getName());
            p.put("value.serializer", StringSerializer.class.getName());
            return new KafkaProducer<>(p);
        }
    }

    private final Infra infra;
    private final String service;
    private final String database;
    private final int port;
    private final String prefix;
    private final List<String> topics;
    private Process process;

    /**
     * @param service  module name, e.g. {@code expiry-service}
     * @param topics   the unprefixed topics it uses (created with 3 partitions under the prefix, deleted at close)
     * @param settings extra {@code -Dkey=value} settings (group ids of its own, ...)
     */
    static Scratch start(Infra infra, String service, int port, List<String> topics, Map<String, String> settings)
            throws Exception {
        Scratch scratch = new Scratch(infra, service, port, topics);
        try {
            scratch.createDatabase();
            scratch.createTopics();
            scratch.launch(settings);
            return scratch;
        } catch (Exception e) {
            scratch.close(); // its database and topics go too
            throw e;
        }
    }

    private Scratch(Infra infra, String service, int port, List<String> topics) {
        this.infra = infra;
        this.service = service;
        this.database = "eer_bench_" + service.replace("-service", "");
        this.port = port;
        this.prefix = "bench-" + service.replace("-service", "") + ".";
        this.topics = topics.stream().map(this::topic).toList();
    }

    /** The scratch name of one of the service's topics. */
    String topic(String topic) {
        return prefix + topic;
    }

    String database() {
        return database;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    private void createDatabase() throws SQLException {
        try (Connection db = infra.jdbc("postgres"); Statement sql = db.createStatement()) {
            sql.execute("drop database if exists " + database + " with (force)");
            sql.execute("create database " + database);
        }
    }

    private void createTopics() throws Exception {
        try (Admin admin = Admin.create(infra.kafka())) {
            deleteTopics(admin);
            admin.createTopics(topics.stream().map(t -> new NewTopic(t, 3, (short) 1)).toList()).all()
                    .get(60, TimeUnit.SECONDS);
        }
    }

    private void deleteTopics(Admin admin) throws Exception {
        var existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
        List<String> ours = topics.stream().filter(existing::contains).toList();
        if (!ours.isEmpty()) {
            admin.deleteTopics(ours).all().get(60, TimeUnit.SECONDS);
            // deletion is asynchronous in the broker: wait until the names are gone before re-creating them
            for (int i = 0; i < 100 && admin.listTopics().names().get().stream().anyMatch(ours::contains); i++) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
    }

    /** Starts (or restarts) the service on the scratch database and waits until it is ready. */
    void launch(Map<String, String> settings) throws Exception {
        Path jar = infra.repoRoot().resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        List<String> command = new ArrayList<>(List.of("java", "-Xmx512m"));
        // e.g. a JFR recording of the scratch service alone: EER_BENCH_SCRATCH_JAVA_OPTS=-XX:StartFlightRecording=...
        String extra = System.getenv().getOrDefault("EER_BENCH_SCRATCH_JAVA_OPTS", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.add("-Deer.service.topic-prefix=" + prefix);
        // Flyway's first connection waits longer than the default 5 s: a busy machine is the normal case for a bench
        command.add("-Dquarkus.datasource.jdbc.acquisition-timeout=PT60S");
        settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(infra.logDir().resolve("scratch-" + service + ".log")
                        .toFile()));
        builder.directory(infra.repoRoot().toFile()); // as ./eer up starts it
        Map<String, String> env = builder.environment(); // ./eer bench exported the stack's service environment
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("EER_HTTP_PORT", Integer.toString(port));
        env.put("EER_DB_NAME", database);
        env.put("EER_KAFKA_USERNAME", "admin");
        env.put("EER_KAFKA_PASSWORD", infra.adminPassword());
        process = builder.start();
        awaitReady();
    }

    private void awaitReady() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(8));
        while (Instant.now().isBefore(giveUp)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("scratch " + service + " exited " + process.exitValue() + "; see "
                        + infra.logDir().resolve("scratch-" + service + ".log"));
            }
            try {
                int code = http.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (code == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new IllegalStateException("scratch " + service + " not ready within 8 minutes");
    }

    /** Stops the service (SIGTERM, then SIGKILL after 30 s); the database and topics stay. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() throws Exception {
        stop();
        try (Admin admin = Admin.create(infra.kafka())) {
            deleteTopics(admin);
        }
        try (Connection db = infra.jdbc("postgres"); Statement sql = db.createStatement()) {
            sql.execute("drop database if exists " + database + " with (force)");
        }
    }

    static String readPassword(Path credentialsEnv) throws IOException {
        return Files.readAllLines(credentialsEnv).stream()
                .filter(l -> l.startsWith("export EER_KAFKA_PASSWORD_ADMIN="))
                .map(l -> l.substring(l.indexOf('=') + 1)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no admin password in " + credentialsEnv));
    }
}
