package io.eer.request.infra.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eer.request.config.RequestSettings;
import io.eer.request.domain.InvalidPolicyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading the configured file: a bad or missing file never yields a policy (at start it stops the service). */
class PolicyStoreTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

    static RequestSettings settings(Path file) {
        return new RequestSettings() {
            public String policyFile() {
                return file.toString();
            }

            public List<String> adminGroups() {
                return List.of("eer-admins");
            }

            public List<String> overseerGroups() {
                return List.of("secops");
            }
        };
    }

    @Test
    void construct_withAnInvalidFile_fails_namingFileLineAndField(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, Files.readString(Path.of("../deploy/local/policy.yaml"))
                .replace("criticality: CRITICAL", "criticality: VERY"));

        assertThatThrownBy(() -> new PolicyStore(settings(file), CLOCK))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageStartingWith("policy.yaml line 10, systems[0].criticality: 'VERY' must be one of");
    }

    @Test
    void construct_withAMissingFile_fails(@TempDir Path dir) {
        assertThatThrownBy(() -> new PolicyStore(settings(dir.resolve("nope.yaml")), CLOCK))
                .isInstanceOf(InvalidPolicyException.class).hasMessageContaining("cannot read");
    }

    @Test
    void construct_withTheLocalFile_activatesIt_withItsHash() {
        PolicyStore store = new PolicyStore(settings(Path.of("../deploy/local/policy.yaml")), CLOCK);

        assertThat(store.policy().id()).isEqualTo("eer-local");
        assertThat(store.active().sha256()).hasSize(64);
        assertThat(store.active().loadedAt()).isEqualTo(CLOCK.instant());
        assertThat(store.active().source()).isEqualTo("policy.yaml");
    }
}
