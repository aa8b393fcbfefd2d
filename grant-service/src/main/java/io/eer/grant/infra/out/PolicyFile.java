package io.eer.grant.infra.out;

import io.eer.grant.config.GrantSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.eer.grant.domain.ExtensionPolicy;
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
        Map<String, Map<String, ExtensionPolicy>> extensions = new HashMap<>();
        for (JsonNode rule : root.path("rules")) {
            Duration ruleMax = duration(rule, rule.path("duration").path("max"), "duration.max");
            ExtensionPolicy extension = extension(rule, ruleMax);
            for (JsonNode system : rule.path("systems")) {
                for (JsonNode role : rule.path("roles")) {
                    if (offered.getOrDefault(system.asText(), List.of()).contains(role.asText())) {
                        max.computeIfAbsent(system.asText(), s -> new HashMap<>())
                                .merge(role.asText(), ruleMax, (a, b) -> a.compareTo(b) >= 0 ? a : b);
                        extensions.computeIfAbsent(system.asText(), s -> new HashMap<>())
                                .merge(role.asText(), extension, PolicyFile::combine);
                    }
                }
            }
        }
        return new PolicyBounds(policy, max, offered, extensions);
    }

    /**
     * A rule's optional {@code extension: {max, reapproval}}; without it the rule allows extending within its
     * {@code duration.max}, no re-approval. Re-approval is by the rule's {@code approval.approverGroups}.
     */
    private static ExtensionPolicy extension(JsonNode rule, Duration ruleMax) {
        JsonNode extension = rule.path("extension");
        if (extension.isMissingNode() || extension.isNull()) {
            return new ExtensionPolicy(ruleMax, false, List.of());
        }
        Duration max = extension.has("max") ? duration(rule, extension.path("max"), "extension.max") : ruleMax;
        boolean reapproval = extension.path("reapproval").asBoolean(false);
        List<String> approvers = new ArrayList<>();
        rule.path("approval").path("approverGroups").forEach(group -> approvers.add(group.asText()));
        if (reapproval && approvers.isEmpty()) {
            throw new IllegalArgumentException("rule " + rule.path("id").asText() + ": extension.reapproval needs "
                    + "approval.approverGroups");
        }
        return new ExtensionPolicy(max, reapproval, reapproval ? approvers : List.of());
    }

    /** Two rules offer the same role: the longest maximum, re-approval if either asks (by either's approvers). */
    private static ExtensionPolicy combine(ExtensionPolicy a, ExtensionPolicy b) {
        List<String> approvers = new ArrayList<>(a.approverGroups());
        b.approverGroups().stream().filter(group -> !approvers.contains(group)).forEach(approvers::add);
        return new ExtensionPolicy(a.max().compareTo(b.max()) >= 0 ? a.max() : b.max(),
                a.reapproval() || b.reapproval(), approvers);
    }

    private static Duration duration(JsonNode rule, JsonNode node, String field) {
        String text = node.asText("");
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("rule " + rule.path("id").asText() + ": " + field + " '" + text
                    + "' is not an ISO-8601 duration");
        }
    }
}
