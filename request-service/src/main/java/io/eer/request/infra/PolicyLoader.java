package io.eer.request.infra;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.eer.request.domain.Policy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the YAML policy once at start; a file that does not parse into a complete policy stops the service. */
@ApplicationScoped
public class PolicyLoader {

    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final Policy policy;

    PolicyLoader(PolicySettings settings) {
        this.policy = load(Path.of(settings.policyFile()));
    }

    public Policy active() {
        return policy;
    }

    static Policy load(Path file) {
        try {
            return YAML.readValue(Files.readString(file), Policy.class);
        } catch (IOException e) {
            throw new IllegalStateException("policy " + file.toAbsolutePath() + " is invalid: " + e.getMessage(), e);
        }
    }
}
