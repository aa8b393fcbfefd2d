package io.eer.grant.infra.out;

import io.eer.grant.config.GrantSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.eer.grant.domain.PolicyBounds;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Reads from the access policy file ({@code eer.grant.policy-file}, env {@code EER_POLICY_FILE}; the file
 * request-service loads, format in request-service/README.md) only what bounds a grant: each system's roles and each
 * rule's {@code duration.max}. Read at start (an unreadable file stops the service) and again whenever the file
 * changes; a changed file that cannot be read keeps the last good bounds and is logged.
 */
@Startup
@ApplicationScoped
public class PolicyFile {

    private static final Logger LOG = Logger.getLogger(PolicyFile.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path path;
    private volatile PolicyBounds bounds;
    private volatile FileTime loadedVersion;

    PolicyFile(GrantSettings settings) {
        this.path = Path.of(settings.policyFile());
        try {
            load();
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("eer.grant.policy-file (EER_POLICY_FILE) " + path + ": " + e.getMessage(), e);
        }
    }

    public PolicyBounds bounds() {
        try {
            if (!Files.getLastModifiedTime(path).equals(loadedVersion)) {
                load();
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.errorf("policy file %s could not be read again (%s); keeping policy %s", path, e.getMessage(),
                    bounds.policy());
        }
        return bounds;
    }

    private synchronized void load() throws IOException {
        FileTime version = Files.getLastModifiedTime(path);
        bounds = parse(Files.readString(path));
        loadedVersion = version;
        LOG.infof("grant bounds from policy %s (%s): %s", bounds.policy(), path, bounds.maxBySystemAndRole());
    }

    static PolicyBounds parse(String yaml) throws IOException {
        JsonNode root = YAML.readTree(yaml);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a YAML mapping");
        }
        String policy = root.path("id").asText("?") + " " + root.path("version").asText("?");
        Map<String, List<String>> offered = new HashMap<>();
        for (JsonNode system : root.path("systems")) {
            List<String> roles = new ArrayList<>();
            system.path("roles").forEach(role -> roles.add(role.asText()));
            offered.put(system.path("id").asText(), List.copyOf(roles));
        }
        Map<String, Map<String, Duration>> max = new HashMap<>();
        for (JsonNode rule : root.path("rules")) {
            String text = rule.path("duration").path("max").asText("");
            Duration ruleMax;
            try {
                ruleMax = Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("rule " + rule.path("id").asText() + ": duration.max '" + text
                        + "' is not an ISO-8601 duration");
            }
            for (JsonNode system : rule.path("systems")) {
                for (JsonNode role : rule.path("roles")) {
                    if (offered.getOrDefault(system.asText(), List.of()).contains(role.asText())) {
                        max.computeIfAbsent(system.asText(), s -> new HashMap<>())
                                .merge(role.asText(), ruleMax, (a, b) -> a.compareTo(b) >= 0 ? a : b);
                    }
                }
            }
        }
        return new PolicyBounds(policy, max, offered);
    }
}
