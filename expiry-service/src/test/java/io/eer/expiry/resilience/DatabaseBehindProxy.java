package io.eer.expiry.resilience;

import io.eer.support.testing.TcpProxy;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Points the service's reactive pool at a {@link TcpProxy} in front of the test PostgreSQL, so a test can take the
 * database away and bring it back (Flyway still migrates directly over JDBC). Short back-offs and retry budget keep
 * the tests quick.
 */
public class DatabaseBehindProxy implements QuarkusTestResourceLifecycleManager {

    private static TcpProxy proxy;

    public static TcpProxy proxy() {
        return proxy;
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
                "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + proxy.port() + "/eer_expiry",
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
