package io.eer.grant.infra.out.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.eer.grant.config.GrantSettings;
import io.vertx.mutiny.core.Vertx;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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

    @Test
    void unreachableTarget_failsEachRead_andLeavesNoUncaughtFailureBehind() throws Exception {
        // vertx-sql-client 4.5: a query on the pool itself keeps its acquisition timer after the connect fails, and
        // the timer then fails the finished call again: an "uncaught exception" ERROR each time while a target is down
        Vertx vertx = Vertx.vertx();
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        vertx.exceptionHandler(uncaught::add);
        try {
            Connector connector = new PostgresConnectorFactory(vertx, settings(Duration.ofSeconds(5))).create("down-db",
                    new TestTarget("postgres", Map.of("url", "jdbc:postgresql://127.0.0.1:1/payments",
                            "username", "eer_grant_connector", "password", "x", "connect-timeout", "PT0.2S")));

            assertThatThrownBy(() -> connector.temporaryLogins().await().atMost(Duration.ofSeconds(10)))
                    .hasRootCauseInstanceOf(ConnectException.class);
            assertThatThrownBy(() -> connector.otherDatabasesOpenToNewLogins().await().atMost(Duration.ofSeconds(10)))
                    .hasRootCauseInstanceOf(ConnectException.class);
            // the pool's acquisition timeout is the connect timeout's whole seconds + 1 s: past it, still nothing
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                    .untilAsserted(() -> assertThat(uncaught).as("failures raised on the event loop").isEmpty());
        } finally {
            vertx.closeAndAwait();
        }
    }

    /** Only what the factory reads: the wait for terminated sessions. */
    private static GrantSettings settings(Duration terminateWait) {
        GrantSettings.Revocation revocation = (GrantSettings.Revocation) Proxy.newProxyInstance(
                GrantSettings.class.getClassLoader(), new Class<?>[] {GrantSettings.Revocation.class},
                (proxy, method, args) -> method.getName().equals("terminateWait") ? terminateWait : null);
        return (GrantSettings) Proxy.newProxyInstance(GrantSettings.class.getClassLoader(),
                new Class<?>[] {GrantSettings.class},
                (proxy, method, args) -> method.getName().equals("revocation") ? revocation : null);
    }
}
