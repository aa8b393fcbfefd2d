package io.eer.support.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Points a service's reactive pool (and everything else that reads {@code quarkus.datasource.reactive.url}, such as
 * the outbox wake-up listener) at a {@link TcpProxy} in front of the test PostgreSQL, so a test can take the database
 * away and bring it back; Flyway still migrates directly over JDBC. Use with
 * {@code @QuarkusTestResource(value = PostgresBehindProxy.class, initArgs = @ResourceArg(name = "database", value =
 * "eer_request"))}. Short back-offs keep the tests quick.
 */
public class PostgresBehindProxy implements QuarkusTestResourceLifecycleManager {

    private static TcpProxy proxy;
    private String database;

    public static TcpProxy proxy() {
        return proxy;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get("database");
        if (database == null || !database.matches("eer_[a-z]+")) {
            throw new IllegalArgumentException("PostgresBehindProxy needs initArgs database=eer_<service>");
        }
    }

    @Override
    public Map<String, String> start() {
        String host = System.getenv().getOrDefault("EER_DB_URL_HOST", "127.0.0.1");
        int port = Integer.parseInt(System.getenv().getOrDefault("EER_DB_PORT", "35432"));
        try {
            proxy = new TcpProxy(host, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + proxy.port() + "/" + database,
                "eer.resilience.consumer-backoff", "100ms",
                "eer.resilience.consumer-max-backoff", "500ms",
                "eer.resilience.request-retry-budget", "3s",
                "eer.resilience.retry-after", "7s");
    }

    @Override
    public void stop() {
        try {
            proxy.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
