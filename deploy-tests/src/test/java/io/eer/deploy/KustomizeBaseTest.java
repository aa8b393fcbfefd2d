package io.eer.deploy;

import static io.eer.deploy.Repo.at;
import static io.eer.deploy.Repo.list;
import static io.eer.deploy.Repo.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.eer.deploy.Repo.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * deploy/k8s/base, parsed manifest by manifest (no cluster runs on the development machine), with the references
 * between them checked: topics, Kafka users and their ACLs, database roles and databases, secrets and config
 * maps with their keys, ports, probes and network policies.
 */
class KustomizeBaseTest {

    private static final Path BASE = Repo.ROOT.resolve("deploy/k8s/base");

    private Map<String, Object> kustomization;
    private final List<Map<String, Object>> manifests = new ArrayList<>();
    /** secret name -> keys, from the generators and from Strimzi (a KafkaUser's Secret has key "password"). */
    private final Map<String, Set<String>> secrets = new HashMap<>();
    private final Map<String, Set<String>> configMaps = new HashMap<>();

    @BeforeEach
    void parse() throws IOException {
        kustomization = map(Repo.yamlDocuments(BASE.resolve("kustomization.yaml")).get(0), "kustomization");
        for (Object resource : list(kustomization.get("resources"))) {
            Path file = BASE.resolve(String.valueOf(resource));
            assertThat(file).as("kustomization resource").exists();
            for (Object doc : Repo.yamlDocuments(file)) {
                Map<String, Object> manifest = map(doc, file.toString());
                assertThat(manifest).as(file + ": a manifest").containsKeys("apiVersion", "kind", "metadata");
                manifests.add(manifest);
            }
        }
        applyPatches();
        generated("secretGenerator", secrets);
        generated("configMapGenerator", configMaps);
        kinds("KafkaUser").forEach(u -> secrets.put(name(u), Set.of("password", "sasl.jaas.config")));
        kinds("ConfigMap").forEach(c -> configMaps.put(name(c), map(c.get("data"), "data").keySet()));
    }

    @Test
    void everyManifestFile_isAResource_andEveryGeneratorInput_isPrepared() throws IOException {
        Set<String> listed = list(kustomization.get("resources")).stream().map(String::valueOf).collect(Collectors.toSet());
        try (Stream<Path> files = Stream.concat(Files.list(BASE), Files.list(GeneratedManifestsTest.GENERATED))) {
            Set<String> onDisk = files.map(p -> BASE.relativize(p).toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml")).collect(Collectors.toSet());
            assertThat(listed).isEqualTo(onDisk);
        }
        String prepare = String.join("\n", Repo.lines(Repo.ROOT.resolve("deploy/k8s/prepare.sh")))
                + String.join("\n", Repo.lines(Repo.ROOT.resolve("deploy/compose/make-secrets.sh")));
        List<String> problems = new ArrayList<>();
        for (String generator : List.of("secretGenerator", "configMapGenerator")) {
            for (Object g : list(kustomization.get(generator))) {
                for (Object file : list(at(g, "files"))) {
                    String path = String.valueOf(file).substring(String.valueOf(file).indexOf('=') + 1);
                    String fileName = path.substring(path.lastIndexOf('/') + 1);
                    if (!path.startsWith("secrets/") || !prepare.contains(fileName)) {
                        problems.add(generator + " " + at(g, "name") + " reads " + path + ", which prepare.sh does not write");
                    }
                }
            }
        }
        Expectations.assertNone(problems);
    }

    @Test
    void kafka_isKraftWithScram_topicsAreEveryEerTopic_andEachServiceUserHasExactlyItsAcls() {
        List<Map<String, Object>> kafkas = kinds("Kafka");
        assertThat(kafkas).hasSize(1);
        Map<String, Object> kafka = kafkas.get(0);
        String cluster = name(kafka);
        assertThat(at(kafka, "metadata.annotations")).asString().contains("strimzi.io/kraft=enabled");
        assertThat(kinds("KafkaNodePool")).allSatisfy(pool -> {
            assertThat(at(pool, "metadata.labels")).asString().contains("strimzi.io/cluster=" + cluster);
            assertThat(list(at(pool, "spec.roles"))).contains("controller", "broker");
        });
        List<Object> listeners = list(at(kafka, "spec.kafka.listeners"));
        assertThat(listeners).isNotEmpty().allSatisfy(l ->
                assertThat(at(l, "authentication.type")).isEqualTo("scram-sha-512"));
        assertThat(at(kafka, "spec.kafka.authorization.type")).isEqualTo("simple");

        Set<String> topics = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> topic : kinds("KafkaTopic")) {
            topics.add(String.valueOf(at(topic, "spec.topicName")));
            if (!cluster.equals(at(topic, "metadata.labels.strimzi.io/cluster"))) {
                problems.add("KafkaTopic " + name(topic) + " is not labelled for " + cluster);
            }
        }
        assertThat(topics).isEqualTo(Repo.topics());
        for (Service service : Repo.services()) {
            Map<String, Object> user = named("KafkaUser", service.name());
            if (user == null) {
                problems.add("no KafkaUser " + service.name());
                continue;
            }
            if (!cluster.equals(at(user, "metadata.labels.strimzi.io/cluster"))
                    || !"scram-sha-512".equals(at(user, "spec.authentication.type"))) {
                problems.add("KafkaUser " + service.name() + " is not a SCRAM user of " + cluster);
            }
            Set<String> write = new TreeSet<>();
            Set<String> read = new TreeSet<>();
            Set<String> groups = new TreeSet<>();
            for (Object acl : list(at(user, "spec.authorization.acls"))) {
                String type = String.valueOf(at(acl, "resource.type"));
                String name = String.valueOf(at(acl, "resource.name"));
                List<Object> ops = list(at(acl, "operations"));
                Object pattern = at(acl, "resource.patternType");
                if (type.equals("group") && "prefix".equals(pattern)) {
                    name = name + "*"; // per-instance groups (the gateway's): compared with the channels' prefix
                } else if (!"literal".equals(pattern)) {
                    problems.add(service.name() + ": ACL on " + name + " is not literal");
                }
                if (type.equals("topic") && !topics.contains(name)) {
                    problems.add(service.name() + ": ACL on " + name + ", which is no KafkaTopic");
                }
                if (type.equals("topic") && ops.contains("Write")) {
                    write.add(name);
                }
                if (type.equals("topic") && ops.contains("Read")) {
                    read.add(name);
                }
                if (type.equals("group") && ops.contains("Read")) {
                    groups.add(name);
                }
                if (ops.stream().anyMatch(op -> !Set.of("Read", "Write", "Describe").contains(op))) {
                    problems.add(service.name() + ": ACL " + ops + " on " + name + " grants more than read/write");
                }
            }
            problems.addAll(Expectations.acls(service, write, read, groups, "KafkaUser"));
        }
        Expectations.assertNone(problems);
    }

    @Test
    void deployments_matchTheTable_readEveryVariableTheyGet_andReferenceOnlyExistingSecretsRolesAndDatabases() {
        String kafkaBootstrap = name(kinds("Kafka").get(0)) + "-kafka-bootstrap:9092";
        String dbHost = name(kinds("Cluster").get(0)) + "-rw";
        Map<String, Object> cnpg = kinds("Cluster").get(0);
        Map<String, String> roles = new HashMap<>(); // role -> password secret
        for (Object r : list(at(cnpg, "spec.managed.roles"))) {
            if (Boolean.TRUE.equals(at(r, "login"))) { // a login role needs a password; group roles have none
                roles.put(String.valueOf(at(r, "name")), String.valueOf(at(r, "passwordSecret.name")));
            }
        }
        Map<String, String> databases = new HashMap<>(); // database -> owner
        kinds("Database").forEach(d -> databases.put(String.valueOf(at(d, "spec.name")), String.valueOf(at(d, "spec.owner"))));
        kinds("Database").forEach(d -> assertThat(at(d, "spec.cluster.name")).isEqualTo(name(cnpg)));
        roles.values().forEach(secret -> assertThat(secrets).as("role password secret").containsKey(secret));

        List<String> problems = new ArrayList<>();
        for (Service service : Repo.services()) {
            Map<String, Object> deployment = named("Deployment", service.name());
            if (deployment == null) {
                problems.add("no Deployment " + service.name());
                continue;
            }
            String where = "Deployment " + service.name();
            if (!(at(deployment, "spec.replicas") instanceof Integer replicas) || replicas < 2) {
                problems.add(where + " has fewer than 2 replicas");
            }
            Object pod = at(deployment, "spec.template");
            Object container = list(at(pod, "spec.containers")).get(0);
            if (!at(deployment, "spec.selector.matchLabels").equals(
                    filter(map(at(pod, "metadata.labels"), "labels"), map(at(deployment, "spec.selector.matchLabels"), "")))) {
                problems.add(where + ": the selector does not match the pod's labels");
            }
            // as sets: quarkus-kubernetes lists a deployable's ports in a different order from build to build
            List<Object> containerPorts = list(at(container, "ports")).stream().map(p -> at(p, "containerPort")).toList();
            if (containerPorts.size() != Repo.ports(service).size() || !Set.copyOf(containerPorts).equals(Set.copyOf(Repo.ports(service)))) {
                problems.add(where + " listens on " + containerPorts + ", it should on " + Repo.ports(service));
            }
            for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
                Object get = at(container, probe + ".httpGet");
                if (get == null || !String.valueOf(at(get, "path")).startsWith("/q/health/")
                        || !Objects.equals(at(get, "port"), service.port())) {
                    problems.add(where + ": " + probe + " is not a /q/health check on " + service.port());
                }
            }
            if (at(container, "resources.requests") == null || at(container, "resources.limits.memory") == null) {
                problems.add(where + " has no resource requests and memory limit");
            }
            if (!Boolean.TRUE.equals(at(pod, "spec.securityContext.runAsNonRoot"))
                    || !Boolean.FALSE.equals(at(container, "securityContext.allowPrivilegeEscalation"))) {
                problems.add(where + " may run as root or escalate privileges");
            }
            // mounted Secret/ConfigMap files belong to root: without an fsGroup the non-root user reads them as "other"
            boolean fsGroup = at(pod, "spec.securityContext.fsGroup") != null;
            for (Object volume : list(at(pod, "spec.volumes"))) {
                Object secretMode = at(volume, "secret.defaultMode");
                Object mode = secretMode != null ? secretMode : at(volume, "configMap.defaultMode");
                if (mode instanceof Integer m && (m & (fsGroup ? 0040 : 0004)) == 0) {
                    problems.add(where + ": the files of volume " + at(volume, "name") + " (mode 0"
                            + Integer.toOctalString(m) + ") are not readable by its non-root user");
                }
            }
            Map<String, String> literal = new HashMap<>();
            Set<String> names = new TreeSet<>();
            for (Object from : list(at(container, "envFrom"))) {
                String cm = String.valueOf(at(from, "configMapRef.name"));
                if (!configMaps.containsKey(cm)) {
                    problems.add(where + ": envFrom config map " + cm + " does not exist");
                    continue;
                }
                Object data = at(named("ConfigMap", cm), "data");
                map(data, cm).forEach((k, v) -> {
                    names.add(k);
                    literal.put(k, String.valueOf(v));
                });
            }
            Map<String, String> secretRefs = new HashMap<>(); // env -> secret/key
            for (Object env : list(at(container, "env"))) {
                String name = String.valueOf(at(env, "name"));
                if (name.equals("KUBERNETES_NAMESPACE") && "metadata.namespace".equals(at(env, "valueFrom.fieldRef.fieldPath"))) {
                    continue; // quarkus-kubernetes adds it to every Deployment; nothing reads it, and it holds no secret
                }
                names.add(name);
                if (at(env, "value") != null) {
                    literal.put(name, String.valueOf(at(env, "value")));
                    if (Repo.isSecretName(name)) {
                        problems.add(where + " sets " + name + " inline; it must come from a Secret");
                    }
                }
                Object ref = at(env, "valueFrom.secretKeyRef");
                if (ref != null) {
                    String secret = String.valueOf(at(ref, "name"));
                    String key = String.valueOf(at(ref, "key"));
                    secretRefs.put(name, secret + "/" + key);
                    if (!secrets.getOrDefault(secret, Set.of()).contains(key)) {
                        problems.add(where + ": " + name + " reads key " + key + " of secret " + secret + ", which does not exist");
                    }
                }
            }
            problems.addAll(Expectations.environment(service, names, where));
            problems.addAll(mountedFiles(where, pod, container, literal));
            if (!kafkaBootstrap.equals(literal.get("EER_KAFKA_BOOTSTRAP")) || !dbHost.equals(literal.get("EER_DB_URL_HOST"))) {
                problems.add(where + " does not point at " + kafkaBootstrap + " and " + dbHost);
            }
            if (!service.name().equals(literal.get("EER_KAFKA_USERNAME"))
                    || !(service.name() + "/password").equals(secretRefs.get("EER_KAFKA_PASSWORD"))) {
                problems.add(where + " does not log into Kafka as its KafkaUser " + service.name());
            }
            String dbSecret = String.valueOf(secretRefs.get("EER_DB_USER")).split("/")[0];
            String role = generatedLiteral(dbSecret, "username");
            String database = Repo.envPlaceholders(service).get("EER_DB_NAME");
            if (role == null || !roles.containsKey(role) || !dbSecret.equals(roles.get(role))
                    || !(dbSecret + "/password").equals(secretRefs.get("EER_DB_PASSWORD"))) {
                problems.add(where + ": EER_DB_USER/PASSWORD (" + dbSecret + ") are not a managed role's credentials");
            } else if (!role.equals(databases.get(database))) {
                problems.add(where + ": database " + database + " is not a Database owned by " + role);
            }
            for (String extra : List.of("EER_AUDIT_DB_USER", "EER_TARGET_PAYMENTS_USER")) {
                if (secretRefs.containsKey(extra)) {
                    String secret = secretRefs.get(extra).split("/")[0];
                    String user = generatedLiteral(secret, "username");
                    if (user == null || !secret.equals(roles.get(user))) {
                        problems.add(where + ": " + extra + " (" + secret + ") is not a managed role");
                    }
                }
            }
            Map<String, Object> svc = named("Service", service.name());
            List<Object> servicePorts = svc == null ? List.of() : list(at(svc, "spec.ports"));
            if (svc == null || !at(svc, "spec.selector").equals(at(deployment, "spec.selector.matchLabels"))
                    || servicePorts.size() != Repo.ports(service).size()
                    || !servicePorts.stream().map(p -> at(p, "port")).collect(Collectors.toSet()).equals(Set.copyOf(Repo.ports(service)))
                    || servicePorts.stream().anyMatch(p -> !Objects.equals(at(p, "port"), at(p, "targetPort")))) {
                problems.add("Service " + service.name() + " does not expose ports " + Repo.ports(service) + " of its pods");
            }
            Object pdb = at(named("PodDisruptionBudget", service.name()), "spec.selector.matchLabels");
            if (pdb == null || !pdb.equals(at(deployment, "spec.selector.matchLabels"))) {
                problems.add("no PodDisruptionBudget selects the pods of " + service.name());
            }
        }
        Expectations.assertNone(problems);
    }

    @Test
    void theGatewaysService_keepsAClientOnOnePod_andItsTokenFile_isTheMountedRefreshedSecret() {
        // a CancelRequest arrives on a new connection and only the pod holding the session knows its key
        assertThat(at(named("Service", "session-gateway"), "spec.sessionAffinity")).isEqualTo("ClientIP");

        Object container = list(at(named("Deployment", "session-gateway"), "spec.template.spec.containers")).get(0);
        String tokenFile = list(at(container, "env")).stream().filter(e -> "EER_GATEWAY_TOKEN_FILE".equals(at(e, "name")))
                .map(e -> String.valueOf(at(e, "value"))).findFirst().orElseThrow();
        Object mount = list(at(container, "volumeMounts")).stream()
                .filter(m -> tokenFile.startsWith(at(m, "mountPath") + "/")).findFirst().orElseThrow();
        Object volume = list(at(named("Deployment", "session-gateway"), "spec.template.spec.volumes")).stream()
                .filter(v -> Objects.equals(at(v, "name"), at(mount, "name"))).findFirst().orElseThrow();
        // a subPath mount is never updated in place: the gateway would keep reading the first token
        assertThat(at(mount, "subPath")).as("subPath mount").isNull();
        String secret = String.valueOf(at(volume, "secret.secretName"));
        String key = tokenFile.substring(String.valueOf(at(mount, "mountPath")).length() + 1);

        // the refresh example (not part of the base) writes that Secret's key
        Path example = Repo.ROOT.resolve("deploy/k8s/examples/gateway-token-refresh.yaml");
        assertThat(Repo.lines(example).get(0)).as("marked as an example").startsWith("# EXAMPLE");
        assertThat(String.valueOf(Repo.yamlDocuments(example))).contains("secret generic " + secret)
                .contains("--from-literal=" + key + "=");
        assertThat(list(kustomization.get("resources"))).noneMatch(r -> String.valueOf(r).contains("example"));
    }

    @Test
    void networkPolicies_letEachServiceReachOnlyWhatItUses() {
        String kafka = name(kinds("Kafka").get(0));
        String postgres = name(kinds("Cluster").get(0));
        List<String> problems = new ArrayList<>();
        boolean defaultDeny = kinds("NetworkPolicy").stream().anyMatch(p ->
                "service".equals(at(p, "spec.podSelector.matchLabels.eer.io/tier"))
                        && at(p, "spec.ingress") == null && at(p, "spec.egress") == null
                        && list(at(p, "spec.policyTypes")).containsAll(List.of("Ingress", "Egress")));
        if (!defaultDeny) {
            problems.add("no default-deny policy for eer.io/tier=service pods");
        }
        for (Service service : Repo.services()) {
            Map<String, Object> deployment = named("Deployment", service.name());
            if (!"service".equals(at(deployment, "spec.template.metadata.labels.eer.io/tier"))) {
                problems.add(service.name() + "'s pods are not labelled eer.io/tier=service");
            }
            Map<String, Object> policy = kinds("NetworkPolicy").stream()
                    .filter(p -> service.name().equals(at(p, "spec.podSelector.matchLabels.app.kubernetes.io/name")))
                    .findFirst().orElse(null);
            if (policy == null) {
                problems.add("no NetworkPolicy selects " + service.name());
                continue;
            }
            Set<Object> ingressPorts = list(at(policy, "spec.ingress")).stream()
                    .flatMap(rule -> list(at(rule, "ports")).stream().map(p -> at(p, "port"))).collect(Collectors.toSet());
            if (!ingressPorts.equals(Set.copyOf(Repo.ports(service)))) {
                problems.add(service.name() + " accepts ports " + ingressPorts + ", should be " + Repo.ports(service));
            }
            Set<String> egress = new TreeSet<>();
            for (Object rule : list(at(policy, "spec.egress"))) {
                for (Object to : list(at(rule, "to"))) {
                    for (Object port : list(at(rule, "ports"))) {
                        Object labels = at(to, "podSelector.matchLabels");
                        String peer = to instanceof Map<?, ?> m && m.containsKey("ipBlock") ? "external"
                                : String.valueOf(labels);
                        egress.add(peer + ":" + at(port, "port"));
                    }
                }
            }
            Set<String> want = new TreeSet<>(Set.of("{k8s-app=kube-dns}:53", "{strimzi.io/cluster=" + kafka + "}:9092",
                    "{cnpg.io/cluster=" + postgres + "}:5432"));
            // services with an outbound webhook (a *_WEBHOOK_URL setting) post over HTTPS
            if (Repo.envPlaceholders(service).keySet().stream().anyMatch(n -> n.endsWith("WEBHOOK_URL"))) {
                want.add("external:443");
            }
            // other EER deployables it calls (a URL setting such as EER_GATEWAY_GRANT_SERVICE_URL=http://grant-service:8083),
            // whose own policy must then admit it on that port
            for (String[] peer : internalPeers(deployment)) {
                want.add("{app.kubernetes.io/name=" + peer[0] + "}:" + peer[1]);
                if (!admits(peer[0], Integer.parseInt(peer[1]), map(at(deployment, "spec.template.metadata.labels"), ""))) {
                    problems.add(peer[0] + "'s NetworkPolicy does not admit " + service.name() + " on " + peer[1]);
                }
            }
            if (!egress.equals(want)) {
                problems.add(service.name() + " may reach " + egress + ", it uses " + want);
            }
        }
        Map<String, Object> pg = kinds("NetworkPolicy").stream()
                .filter(p -> postgres.equals(at(p, "spec.podSelector.matchLabels.cnpg.io/cluster"))).findFirst().orElse(null);
        if (pg == null || !String.valueOf(at(pg, "spec.ingress")).contains("eer.io/tier=service")) {
            problems.add("PostgreSQL does not restrict who connects to 5432 to EER services");
        }
        if (!String.valueOf(at(kinds("Kafka").get(0), "spec.kafka.listeners")).contains("networkPolicyPeers")) {
            problems.add("the Kafka listener does not restrict its peers");
        }
        Expectations.assertNone(problems);
    }

    /** EER deployables a Deployment calls: env values {@code http(s)://<deployable>[.namespace...]:<port>}. */
    private static List<String[]> internalPeers(Map<String, Object> deployment) {
        Set<String> names = Repo.services().stream().map(Service::name).collect(Collectors.toSet());
        java.util.regex.Pattern url = java.util.regex.Pattern.compile("https?://([a-z0-9-]+)(?:\\.[a-z0-9.-]+)?:(\\d+).*");
        List<String[]> peers = new ArrayList<>();
        Object container = list(at(deployment, "spec.template.spec.containers")).get(0);
        for (Object env : list(at(container, "env"))) {
            java.util.regex.Matcher m = url.matcher(String.valueOf(at(env, "value")));
            if (m.matches() && names.contains(m.group(1))) {
                peers.add(new String[] {m.group(1), m.group(2)});
            }
        }
        return peers;
    }

    /** Whether {@code target}'s NetworkPolicy lets pods with {@code labels} in on {@code port}. */
    private boolean admits(String target, int port, Map<String, Object> labels) {
        Map<String, Object> policy = kinds("NetworkPolicy").stream()
                .filter(p -> target.equals(at(p, "spec.podSelector.matchLabels.app.kubernetes.io/name")))
                .findFirst().orElse(null);
        if (policy == null) {
            return false;
        }
        for (Object rule : list(at(policy, "spec.ingress"))) {
            boolean onPort = list(at(rule, "ports")).stream().anyMatch(p -> Objects.equals(at(p, "port"), port));
            List<Object> from = list(at(rule, "from"));
            boolean fromCaller = from.isEmpty() || from.stream().anyMatch(peer -> {
                Object match = at(peer, "podSelector.matchLabels");
                return match instanceof Map<?, ?> m && labels.entrySet().containsAll(m.entrySet());
            });
            if (onPort && fromCaller) {
                return true;
            }
        }
        return false;
    }

    /** Env values that are paths under a volume mount must name a key of the mounted Secret or ConfigMap. */
    private List<String> mountedFiles(String where, Object pod, Object container, Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> volumes = new HashMap<>();
        list(at(pod, "spec.volumes")).forEach(v -> volumes.put(String.valueOf(at(v, "name")), v));
        env.forEach((name, value) -> {
            if (!value.startsWith("/etc/eer/")) {
                return;
            }
            Object mount = list(at(container, "volumeMounts")).stream()
                    .filter(m -> value.startsWith(at(m, "mountPath") + "/")).findFirst().orElse(null);
            if (mount == null) {
                problems.add(where + ": " + name + "=" + value + " is not under a volume mount");
                return;
            }
            Object volume = volumes.get(String.valueOf(at(mount, "name")));
            String key = value.substring(String.valueOf(at(mount, "mountPath")).length() + 1);
            Object secret = at(volume, "secret.secretName");
            Object cm = at(volume, "configMap.name");
            Set<String> keys = secret != null ? secrets.getOrDefault(String.valueOf(secret), Set.of())
                    : cm != null ? configMaps.getOrDefault(String.valueOf(cm), Set.of()) : Set.of();
            if (!keys.contains(key)) {
                problems.add(where + ": " + name + "=" + value + " but the mounted volume has no key " + key);
            }
        });
        return problems;
    }

    /**
     * The kustomization's JSON 6902 patches (only "add" is used) applied to the parsed manifests, so every check sees
     * what kubectl applies; a patch whose target matches nothing fails.
     */
    private void applyPatches() {
        for (Object patch : list(kustomization.get("patches"))) {
            Object target = at(patch, "target");
            List<Map<String, Object>> matched = manifests.stream().filter(m -> Objects.equals(m.get("kind"), at(target, "kind"))
                    && (at(target, "name") == null || at(target, "name").equals(name(m)))
                    && selects(String.valueOf(at(target, "labelSelector")), at(m, "metadata.labels"))).toList();
            assertThat(matched).as("manifests the patch on " + target + " applies to").isNotEmpty();
            for (Object op : list(new org.yaml.snakeyaml.Yaml().load(String.valueOf(at(patch, "patch"))))) {
                assertThat(at(op, "op")).as("patch operation").isEqualTo("add");
                matched.forEach(m -> add(m, String.valueOf(at(op, "path")), at(op, "value")));
            }
        }
    }

    private static boolean selects(String selector, Object labels) {
        if (selector.equals("null")) {
            return true;
        }
        Map<String, Object> have = labels == null ? Map.of() : map(labels, "labels");
        return java.util.Arrays.stream(selector.split(",")).map(kv -> kv.split("=", 2))
                .allMatch(kv -> kv[1].equals(String.valueOf(have.get(kv[0]))));
    }

    private static void add(Object node, String path, Object value) {
        String[] steps = path.substring(1).split("/");
        for (int i = 0; i < steps.length - 1; i++) {
            node = node instanceof List<?> l ? l.get(Integer.parseInt(steps[i])) : map(node, path).get(steps[i]);
            assertThat(node).as(path + ": no " + steps[i]).isNotNull();
        }
        map(node, path).put(steps[steps.length - 1], value);
    }

    private void generated(String generator, Map<String, Set<String>> into) {
        for (Object g : list(kustomization.get(generator))) {
            Set<String> keys = new TreeSet<>();
            Stream.concat(list(at(g, "literals")).stream(), list(at(g, "files")).stream())
                    .map(String::valueOf).forEach(entry -> keys.add(entry.substring(0, entry.indexOf('='))));
            into.put(String.valueOf(at(g, "name")), keys);
        }
    }

    private String generatedLiteral(String secret, String key) {
        for (Object g : list(kustomization.get("secretGenerator"))) {
            if (secret.equals(at(g, "name"))) {
                for (Object literal : list(at(g, "literals"))) {
                    String entry = String.valueOf(literal);
                    if (entry.startsWith(key + "=")) {
                        return entry.substring(key.length() + 1);
                    }
                }
            }
        }
        return null;
    }

    private static Map<String, Object> filter(Map<String, Object> labels, Map<String, Object> keys) {
        Map<String, Object> result = new HashMap<>();
        keys.keySet().forEach(k -> result.put(k, labels.get(k)));
        return result;
    }

    private List<Map<String, Object>> kinds(String kind) {
        return manifests.stream().filter(m -> kind.equals(m.get("kind"))).toList();
    }

    private Map<String, Object> named(String kind, String name) {
        return kinds(kind).stream().filter(m -> name.equals(name(m))).findFirst().orElse(null);
    }

    private static String name(Map<String, Object> manifest) {
        return String.valueOf(at(manifest, "metadata.name"));
    }
}
