package io.eer.grant.infra.out.connector;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eer.grant.config.GrantSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostgresConnectorFactoryTest {

    private static GrantSettings.Target target(List<String> roles) {
        return new GrantSettings.Target() {
            public String connector() {
                return "postgres";
            }

            public Optional<String> url() {
                return Optional.of("jdbc:postgresql://127.0.0.1:5432/payments");
            }

            public Optional<String> host() {
                return Optional.empty();
            }

            public Optional<Integer> port() {
                return Optional.empty();
            }

            public Optional<String> database() {
                return Optional.empty();
            }

            public Optional<String> username() {
                return Optional.of("eer_grant_connector");
            }

            public Optional<String> password() {
                return Optional.of("x");
            }

            public Optional<List<String>> roles() {
                return Optional.of(roles);
            }

            public Optional<String> clientHost() {
                return Optional.empty();
            }

            public Optional<Integer> clientPort() {
                return Optional.empty();
            }

            public Duration connectTimeout() {
                return Duration.ofSeconds(1);
            }
        };
    }

    @Test
    void configuredPredefinedRole_isRefusedAtStart_namingTheSetting() {
        PostgresConnectorFactory factory = new PostgresConnectorFactory(null, null);

        assertThatThrownBy(() -> factory.create("payments-db", target(List.of("db_admin", "pg_execute_server_program"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eer.grant.targets.\"payments-db\".roles")
                .hasMessageContaining("pg_execute_server_program");
        assertThatThrownBy(() -> factory.create("payments-db", target(List.of("PG_READ_SERVER_FILES"))))
                .hasMessageContaining("predefined");
    }
}
