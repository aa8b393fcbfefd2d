package io.eer.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * What the deployment files are checked against, read from the repository itself: the root README's service table
 * (ports, produced topics) and each service's configuration (application.properties over service-support's
 * META-INF/microprofile-config.properties), so the checks follow those files as they change.
 */
final class Repo {

    static final Path ROOT = findRoot();

    /**
     * Variables other branches are adding right now (Kafka SASL credentials, JWT audience, webhook signing secret).
     * Accepted as "read" until the service configuration on this branch reads them; once merged they are read from
     * the property files like every other name, and this set can go.
     */
    static final Set<String> PENDING_CONTRACT = Set.of("EER_KAFKA_USERNAME", "EER_KAFKA_PASSWORD", "EER_JWT_AUDIENCE",
            "EER_WEBHOOK_SECRET");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");
    private static final Pattern TOPIC = Pattern.compile("eer\\.[a-z]+(?:\\.[a-z]+)?");

    private Repo() {
    }

    /** A deployable of the README's service table: a service ({@code x-service}) or the session gateway. */
    record Service(String name, int port, Set<String> produces) {
        /** request for request-service; gateway for session-gateway (its database is eer_gateway). */
        String shortName() {
            return name.endsWith("-service") ? name.substring(0, name.indexOf("-service"))
                    : name.substring(name.lastIndexOf('-') + 1);
        }
    }

    /** The rows of the README's "Services" table: the six services and the session gateway. */
    static List<Service> services() {
        List<Service> services = new ArrayList<>();
        for (String line : lines(ROOT.resolve("README.md"))) {
            if (!line.matches("\\| [a-z]+-(service|gateway) \\| \\d+ \\|.*")) {
                continue;
            }
            String[] cells = line.split("\\|");
            Set<String> produces = new TreeSet<>();
            Matcher m = TOPIC.matcher(cells[5]);
            while (m.find()) {
                produces.add(m.group());
            }
            services.add(new Service(cells[1].trim(), Integer.parseInt(cells[2].trim()), produces));
        }
        if (services.size() != 7 || services.stream().noneMatch(s -> s.name().equals("session-gateway"))) {
            throw new AssertionError("the README's service table should list six services and session-gateway, found "
                    + services);
        }
        return services;
    }

    /**
     * Every port a deployable listens on: the table's HTTP port first, then its other listeners from its production
     * properties ({@code *.listener.port}, e.g. the gateway's PostgreSQL port 26432).
     */
    static List<Integer> ports(Service service) {
        Set<Integer> ports = new LinkedHashSet<>();
        ports.add(service.port());
        prodProperties(service).forEach((key, value) -> {
            if (key.endsWith(".listener.port")) {
                Matcher m = PLACEHOLDER.matcher(value);
                ports.add(Integer.parseInt(m.matches() ? m.group(2) : value));
            }
        });
        return List.copyOf(ports);
    }

    /** Every topic the system has: deploy/local/env.sh EER_TOPICS. */
    static Set<String> topics() {
        String env = String.join("\n", lines(ROOT.resolve("deploy/local/env.sh")));
        Matcher block = Pattern.compile("EER_TOPICS=\\(([^)]*)\\)").matcher(env);
        if (!block.find()) {
            throw new AssertionError("no EER_TOPICS in deploy/local/env.sh");
        }
        Set<String> topics = new TreeSet<>(List.of(block.group(1).trim().split("\\s+")));
        return topics;
    }

    /** The properties that apply in production (no %profile lines), service-support's defaults first. */
    static Map<String, String> prodProperties(Service service) {
        Map<String, String> props = new LinkedHashMap<>();
        read(ROOT.resolve("service-support/src/main/resources/META-INF/microprofile-config.properties"), props);
        read(ROOT.resolve(service.name() + "/src/main/resources/application.properties"), props);
        return props;
    }

    /** Environment variables the service reads: ${NAME...} placeholders of its production properties. */
    static Map<String, String> envPlaceholders(Service service) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String value : prodProperties(service).values()) {
            Matcher m = PLACEHOLDER.matcher(value);
            while (m.find()) {
                vars.putIfAbsent(m.group(1), m.group(2));
            }
        }
        return vars;
    }

    /** Whether the service reads this environment variable (a placeholder, or Quarkus' env form of a key). */
    static boolean reads(Service service, String env) {
        if (envPlaceholders(service).containsKey(env) || PENDING_CONTRACT.contains(env)) {
            return true;
        }
        return prodProperties(service).keySet().stream().anyMatch(key -> envForm(key).equals(env));
    }

    /** Variables a deployment must set: defaults that only work on a developer's machine, and every password. */
    static Set<String> mustSet(Service service) {
        Set<String> required = new TreeSet<>();
        envPlaceholders(service).forEach((name, fallback) -> {
            String d = fallback == null ? "" : fallback;
            if (d.contains("127.0.0.1") || d.startsWith("../") || name.contains("PASSWORD")) {
                required.add(name);
            }
        });
        required.add("EER_DB_PASSWORD");
        required.add("EER_KAFKA_PASSWORD");
        return required;
    }

    static boolean isSecretName(String env) {
        return env.contains("PASSWORD") || env.contains("SECRET") || env.endsWith("CREDENTIAL_KEY");
    }

    /** Topics the service consumes (its incoming channels), without the test-only prefix. */
    static Set<String> consumedTopics(Service service) {
        return channelValues(service, "\\.topics?");
    }

    /**
     * The consumer groups of the service's channels; a group id made per instance ({@code session-gateway-${...}})
     * becomes its fixed prefix with {@code *} (a prefixed ACL).
     */
    static Set<String> consumerGroups(Service service) {
        Set<String> groups = new TreeSet<>();
        for (String group : channelValues(service, "\\.group\\.id")) {
            groups.add(group.contains("${") ? group.substring(0, group.indexOf("${")) + "*" : group);
        }
        return groups;
    }

    static Set<String> deadLetterTopics(Service service) {
        return channelValues(service, "\\.dead-letter-queue\\.topic");
    }

    private static Set<String> channelValues(Service service, String suffix) {
        Set<String> values = new TreeSet<>();
        Pattern key = Pattern.compile("mp\\.messaging\\.incoming\\.[^.]+" + suffix);
        prodProperties(service).forEach((k, v) -> {
            if (key.matcher(k).matches()) {
                for (String part : v.split(",")) {
                    values.add(part.replace("${eer.service.topic-prefix:}", "").trim());
                }
            }
        });
        return values;
    }

    /** MicroProfile Config's environment form of a property name. */
    static String envForm(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    static List<Object> yamlDocuments(Path file) {
        List<Object> docs = new ArrayList<>();
        for (Object doc : new Yaml(new LoaderOptions()).loadAll(String.join("\n", lines(file)))) {
            if (doc != null) {
                docs.add(doc);
            }
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o, String what) {
        if (!(o instanceof Map)) {
            throw new AssertionError(what + " is not a mapping: " + o);
        }
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o == null ? List.of() : (List<Object>) o;
    }

    /**
     * Follows a dotted path through nested mappings; null when absent. Keys may contain dots themselves
     * (labels such as app.kubernetes.io/name): a key that matches the rest of the path, or a prefix of it, is taken.
     */
    static Object at(Object node, String path) {
        if (!(node instanceof Map<?, ?> m)) {
            return null;
        }
        if (m.containsKey(path)) {
            return m.get(path);
        }
        for (Map.Entry<?, ?> entry : m.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (path.startsWith(key + ".")) {
                Object found = at(entry.getValue(), path.substring(key.length() + 1));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void read(Path file, Map<String, String> into) {
        // java.util.Properties would do, but it silently merges the %test lines we want to skip
        StringBuilder pending = new StringBuilder();
        for (String raw : lines(file)) {
            String line = raw.strip();
            if (pending.isEmpty() && (line.isEmpty() || line.startsWith("#") || line.startsWith("!"))) {
                continue;
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1);
                continue;
            }
            pending.append(line);
            String entry = pending.toString();
            pending.setLength(0);
            int eq = entry.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = entry.substring(0, eq).strip();
            if (key.startsWith("%") && !key.startsWith("%prod.")) {
                continue;
            }
            into.put(key.startsWith("%prod.") ? key.substring(6) : key, entry.substring(eq + 1).strip());
        }
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new AssertionError("no docker-compose.yml above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static Set<String> set(String... values) {
        return new LinkedHashSet<>(List.of(values));
    }
}
