package io.eer.audit.api;

import io.eer.support.testing.ClusterCatalogLock;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.sql.Connection;
import org.eclipse.microprofile.config.ConfigProvider;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A database and topics of its own for a test that damages the ledger on purpose: created empty before Quarkus
 * starts (Flyway migrates it), dropped afterwards, so the shared test ledger is never touched.
 */
public class FreshLedgerDatabase implements QuarkusTestResourceLifecycleManager {

    private String name;

    /** The profile that uses it. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FreshLedgerDatabase.class));
        }
    }

    /**
     * A ledger of its own whose failing batch appends are retried twice, 50 ms apart, before they go one at a time
     * (LedgerBatchFailureTest); LedgerBurstAppendTest, which needs nothing but a clean ledger, shares it, so that
     * Quarkus starts once for both.
     */
    public static class QuickRetries extends Profile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("eer.audit.append-retries", "2", "eer.audit.append-backoff", "50ms",
                    "eer.audit.append-max-backoff", "200ms");
        }
    }

    /** {@code name} (e.g. {@code eer.requests}) with the running fresh ledger's topic prefix. */
    static String topic(String name) {
        return ConfigProvider.getConfig().getValue("eer.service.topic-prefix", String.class) + name;
    }

    static String host() {
        return System.getenv().getOrDefault("EER_DB_URL_HOST", "127.0.0.1");
    }

    static String port() {
        return System.getenv().getOrDefault("EER_DB_PORT", "35432");
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + host() + ":" + port() + "/postgres",
                System.getenv().getOrDefault("EER_DB_USER", "eer"),
                System.getenv().getOrDefault("EER_DB_PASSWORD", "eer"));
    }

    @Override
    public Map<String, String> start() {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        name = "eer_audit_tamper_" + suffix;
        try (Connection db = admin(); Statement sql = db.createStatement()) {
            ClusterCatalogLock.acquire(db);
            sql.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create " + name, e);
        }
        String prefix = "test-audit-" + suffix + ".";
        return Map.of("eer.db.name", name, "%test.eer.db.name", name,
                "eer.service.topic-prefix", prefix, "%test.eer.service.topic-prefix", prefix);
    }

    @Override
    public void stop() {
        try (Connection db = admin(); Statement sql = db.createStatement()) {
            ClusterCatalogLock.acquire(db);
            sql.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop " + name, e);
        }
    }
}
