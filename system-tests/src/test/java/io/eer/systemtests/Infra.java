package io.eer.systemtests;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Where the real Kafka and PostgreSQL started by {@code ./eer test} listen (same variables as the services). */
final class Infra {

    static final String TARGET_DB = "payments";

    private Infra() {
    }

    static String kafka() {
        return env("EER_KAFKA_BOOTSTRAP", "127.0.0.1:39092");
    }

    /**
     * Gives a service process its own Kafka principal and password ({@code EER_KAFKA_USERNAME} /
     * {@code EER_KAFKA_PASSWORD}) and removes every other principal's password that it would inherit from
     * {@code ./eer test}'s environment.
     */
    static void kafkaCredentials(java.util.Map<String, String> env, String principal) {
        env.keySet().removeIf(name -> name.startsWith("EER_KAFKA_PASSWORD"));
        env.put("EER_KAFKA_USERNAME", principal);
        env.put("EER_KAFKA_PASSWORD", io.eer.support.testing.TopicProbe.password(principal));
    }

    static String dbHost() {
        return env("EER_DB_URL_HOST", "127.0.0.1");
    }

    static int dbPort() {
        return Integer.parseInt(env("EER_DB_PORT", "35432"));
    }

    static String dbUser() {
        return env("EER_DB_USER", "eer");
    }

    static String dbPassword() {
        return env("EER_DB_PASSWORD", "eer");
    }

    static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + dbHost() + ":" + dbPort() + "/" + database;
    }

    static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), dbUser(), dbPassword());
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
