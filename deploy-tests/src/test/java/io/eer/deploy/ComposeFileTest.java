package io.eer.deploy;

import static io.eer.deploy.Repo.at;
import static io.eer.deploy.Repo.list;
import static io.eer.deploy.Repo.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.eer.deploy.Repo.Service;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docker-compose.yml, read statically (no Docker engine runs on the development machine). */
class ComposeFileTest {

    private static final Path COMPOSE_DIR = Repo.ROOT.resolve("deploy/compose");
    private final Map<String, Object> compose = map(Repo.yamlDocuments(Repo.ROOT.resolve("docker-compose.yml")).get(0),
            "docker-compose.yml");
    private final Map<String, Object> services = map(compose.get("services"), "services");

    @Test
    void everyServiceVariable_isOneTheServiceReads_andNoneItNeedsIsMissing() {
        List<String> problems = new ArrayList<>();
        for (Service service : Repo.services()) {
            problems.addAll(Expectations.environment(service, envNames(service), "docker-compose.yml"));
        }
        Expectations.assertNone(problems);
    }

    @Test
    void secrets_comeFromFiles_neverInline() {
        List<String> problems = new ArrayList<>();
        Map<String, Object> declared = map(compose.get("secrets"), "secrets");
        String makeSecrets = String.join("\n", Repo.lines(COMPOSE_DIR.resolve("make-secrets.sh")));
        declared.forEach((name, spec) -> {
            Object file = at(spec, "file");
            if (!(file instanceof String path) || !path.startsWith("./deploy/compose/secrets/")) {
                problems.add("secret " + name + " is not a file under deploy/compose/secrets: " + spec);
            } else if (!makeSecrets.contains(path.substring(path.lastIndexOf('/') + 1))) {
                problems.add("secret " + name + ": make-secrets.sh does not write " + path);
            }
        });
        services.forEach((name, spec) -> {
            Map<String, Object> env = environment(spec);
            env.forEach((key, value) -> {
                if (Repo.isSecretName(key) && !key.endsWith("_FILE")) { // *_FILE: the path of a secret file
                    problems.add(name + " sets " + key + " inline; it must come from a secret file");
                }
                if (String.valueOf(value).startsWith("/run/secrets/")) {
                    String secret = String.valueOf(value).substring("/run/secrets/".length());
                    if (!secretTargets(spec).contains(secret)) {
                        problems.add(name + ": " + key + " points at " + value + ", which is not mounted");
                    }
                }
            });
            for (Object s : list(at(spec, "secrets"))) {
                String source = s instanceof Map<?, ?> m ? String.valueOf(m.get("source")) : String.valueOf(s);
                if (!declared.containsKey(source)) {
                    problems.add(name + " uses secret " + source + ", which is not declared");
                }
            }
        });
        Expectations.assertNone(problems);
    }

    @Test
    void ports_healthChecks_buildAndStartOrder_matchTheServiceTable() {
        List<String> problems = new ArrayList<>();
        for (Service service : Repo.services()) {
            Object spec = services.get(service.name());
            if (spec == null) {
                problems.add(service.name() + " is not in docker-compose.yml");
                continue;
            }
            String port = String.valueOf(service.port());
            List<String> published = Repo.ports(service).stream().map(p -> p + ":" + p).toList();
            if (!list(at(spec, "ports")).equals(published)) {
                problems.add(service.name() + " publishes " + at(spec, "ports") + ", it listens on " + published);
            }
            if (!String.valueOf(at(spec, "healthcheck.test")).contains("localhost:" + port + "/q/health/ready")) {
                problems.add(service.name() + ": no readiness health check on port " + port);
            }
            if (!("./" + service.name()).equals(at(spec, "build.context"))
                    || !"src/main/docker/Dockerfile.jvm".equals(at(spec, "build.dockerfile"))
                    || !Files.exists(Repo.ROOT.resolve(service.name()).resolve("src/main/docker/Dockerfile.jvm"))) {
                problems.add(service.name() + " is not built from its src/main/docker/Dockerfile.jvm: " + at(spec, "build"));
            }
            if (!"service_completed_successfully".equals(at(spec, "depends_on.kafka-init.condition"))
                    || !"service_healthy".equals(at(spec, "depends_on.postgres.condition"))) {
                problems.add(service.name() + " does not wait for kafka-init and a healthy postgres: " + at(spec, "depends_on"));
            }
        }
        for (String infra : List.of("kafka", "postgres")) {
            if (at(services.get(infra), "healthcheck.test") == null) {
                problems.add(infra + " has no health check");
            }
        }
        if (!"service_healthy".equals(at(services.get("kafka-init"), "depends_on.kafka.condition"))) {
            problems.add("kafka-init does not wait for a healthy kafka");
        }
        if (!String.valueOf(at(services.get("kafka"), "image")).startsWith("apache/kafka:")) {
            problems.add("kafka is not the apache/kafka image");
        }
        Expectations.assertNone(problems);
    }

    @Test
    void kafka_runsKraftWithScramAndDenyByDefault() {
        String start = String.join("\n", Repo.lines(COMPOSE_DIR.resolve("kafka/start.sh")));
        assertThat(start).contains("process.roles=broker,controller", "sasl.enabled.mechanisms=SCRAM-SHA-512",
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "allow.everyone.if.no.acl.found=false", "--add-scram", "auto.create.topics.enable=false");
        assertThat(start).doesNotContainPattern("(?<!SASL_)PLAINTEXT://"); // every listener authenticates
    }

    @Test
    void kafkaInit_createsEveryTopic_aUserPerService_andExactlyTheAclsEachServiceNeeds() {
        List<String> init = Repo.lines(COMPOSE_DIR.resolve("kafka/init.sh"));
        Set<String> topics = new TreeSet<>();
        Set<String> users = new TreeSet<>();
        Map<String, Map<String, Set<String>>> acls = new TreeMap<>(); // principal -> "Write topic" -> names
        Pattern allow = Pattern.compile("^allow (\\S+) (Read|Write) (topic|group) (\\S+)$");
        for (String line : init) {
            if (line.startsWith("topic ")) {
                topics.add(line.substring(6).trim());
            } else if (line.startsWith("user ")) {
                users.add(line.split("\\s+")[1]);
            }
            Matcher m = allow.matcher(line.trim());
            if (m.matches()) {
                acls.computeIfAbsent(m.group(1), k -> new TreeMap<>())
                        .computeIfAbsent(m.group(2) + " " + m.group(3), k -> new TreeSet<>()).add(m.group(4));
            }
        }
        assertThat(topics).isEqualTo(Repo.topics());
        List<String> problems = new ArrayList<>();
        for (Service service : Repo.services()) {
            Object username = environment(services.get(service.name())).get("EER_KAFKA_USERNAME");
            if (!service.name().equals(username)) {
                problems.add(service.name() + " logs into Kafka as " + username + ", the principal is " + service.name());
            }
            if (!users.contains(service.name())) {
                problems.add("no SCRAM user " + service.name());
            }
            Map<String, Set<String>> own = acls.getOrDefault(service.name(), Map.of());
            problems.addAll(Expectations.acls(service, own.getOrDefault("Write topic", Set.of()),
                    own.getOrDefault("Read topic", Set.of()), own.getOrDefault("Read group", Set.of()), "kafka/init.sh"));
            own.values().forEach(names -> names.stream()
                    .filter(n -> n.startsWith("eer.") && !topics.contains(n))
                    .forEach(n -> problems.add("ACL on " + n + ", which init.sh does not create")));
        }
        Expectations.assertNone(problems);
    }

    @Test
    void postgres_hasADatabaseAndOwnerRolePerService_thePaymentsTarget_andTheRolesServicesLogInAs() {
        String init = String.join("\n", Repo.lines(COMPOSE_DIR.resolve("postgres/init.sh")));
        Matcher loop = Pattern.compile("for svc in ([a-z ]+); do").matcher(init);
        assertThat(loop.find()).as("the per-service database loop in postgres/init.sh").isTrue();
        Set<String> perService = new TreeSet<>(List.of(loop.group(1).trim().split(" ")));
        List<String> problems = new ArrayList<>();
        for (Service service : Repo.services()) {
            Map<String, Object> env = environment(services.get(service.name()));
            String db = String.valueOf(Repo.envPlaceholders(service).get("EER_DB_NAME"));
            if (!perService.contains(service.shortName()) || !db.equals("eer_" + service.shortName())) {
                problems.add(service.name() + " uses database " + db + ", not created by postgres/init.sh");
            }
            if (!("eer_" + service.shortName()).equals(env.get("EER_DB_USER"))) {
                problems.add(service.name() + " logs in as " + env.get("EER_DB_USER") + ", its owner role is eer_"
                        + service.shortName());
            }
            for (String roleVar : List.of("EER_AUDIT_DB_USER", "EER_TARGET_PAYMENTS_USER")) {
                Object role = env.get(roleVar);
                if (role != null && !init.contains("CREATE ROLE " + role + " ")) {
                    problems.add(service.name() + ": " + roleVar + "=" + role + " is not created by postgres/init.sh");
                }
            }
        }
        assertThat(init).contains("CREATE DATABASE payments", "/eer/payments-seed.sql");
        Expectations.assertNone(problems);
    }

    private Set<String> envNames(Service service) {
        Object spec = services.get(service.name());
        Set<String> names = new TreeSet<>(environment(spec).keySet());
        secretTargets(spec).stream().filter(t -> t.startsWith("EER_")).forEach(names::add);
        return names;
    }

    private static Map<String, Object> environment(Object spec) {
        Object env = at(spec, "environment");
        return env == null ? Map.of() : map(env, "environment");
    }

    /** The file names secrets get under /run/secrets (the target, else the source's name). */
    private static Set<String> secretTargets(Object spec) {
        Set<String> targets = new TreeSet<>();
        for (Object s : list(at(spec, "secrets"))) {
            if (s instanceof Map<?, ?> m) {
                targets.add(String.valueOf(m.get("target") != null ? m.get("target") : m.get("source")));
            } else {
                targets.add(String.valueOf(s));
            }
        }
        return targets;
    }
}
