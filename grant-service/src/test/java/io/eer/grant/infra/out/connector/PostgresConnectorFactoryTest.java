package io.eer.grant.infra.out.connector;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eer.grant.config.GrantSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresConnectorFactoryTest {

    private static GrantSettings.Target target(List<String> roles) {
        return new TestTarget("postgres", Map.of("url", "jdbc:postgresql://127.0.0.1:5432/payments",
                "username", "eer_grant_connector", "password", "x", "roles", String.join(",", roles)));
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
