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
