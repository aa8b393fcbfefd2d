package io.eer.request.api;

import static io.restassured.RestAssured.given;

import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.DomainEvent;
import io.eer.support.testing.TestTokens;
import io.eer.support.testing.TopicProbe;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Actors, tokens, bodies and database look-ups shared by the request-service API tests. */
final class Fixtures {

    static final String REQUESTS = "test-request.eer.requests";
    static final String APPROVALS = "test-request.eer.approvals";
    static final String GRANTS = "test-request.eer.grants";
    static final Duration ASYNC = Duration.ofSeconds(20);

    static final String CAROL = TestTokens.contractor("carol", "oncall-dba");
    static final String DAVE = TestTokens.employee("dave", "oncall-dba");
    static final String LEE = TestTokens.employee("lee", "dba-leads");
    static final String ALICE = TestTokens.employee("alice", "secops");
    static final String ADMIN = TestTokens.employee("erin", "eer-admins");
    static final String MALLORY = TestTokens.employee("mallory", "devs");
    /** Password only: no MFA in amr. */
    static final String CAROL_NO_MFA = TestTokens.token("carol", List.of("oncall-dba"), "CONTRACTOR", false);

    private static final PrivateKey KEY = key();

    private Fixtures() {
    }

    /** A token whose MFA happened {@code age} ago (amr has mfa and otp). */
    static String authenticatedAgo(String sub, String type, Duration age, String... groups) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", TestTokens.ISSUER);
        claims.put("aud", TestTokens.AUDIENCE);
        claims.put("sub", sub);
        claims.put("upn", sub);
        claims.put("groups", List.of(groups));
        claims.put("employee_type", type);
        claims.put("amr", List.of("pwd", "mfa", "otp"));
        claims.put("auth_time", now - age.toSeconds());
        claims.put("iat", now);
        claims.put("exp", now + 3600);
        claims.put("jti", UUID.randomUUID().toString());
        return TestTokens.sign(claims, KEY);
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType("application/json");
    }

    static String breakGlass(String justification) {
        return """
                {"kind":"EMERGENCY","origin":"CONTRACTOR_SELF","system":"payments-db","role":"db_admin",
                 "duration":"PT30M","justification":"%s","incident":"INC-1234"}""".formatted(justification);
    }

    static String onBehalf(String beneficiary, String type, String justification) {
        return """
                {"kind":"JIT","origin":"ON_BEHALF","beneficiary":{"id":"%s","type":"%s"},"system":"payments-db",
                 "role":"read_only","duration":"PT2H","justification":"%s","ticket":"CHG-77"}"""
                .formatted(beneficiary, type, justification);
    }

    static String marker() {
        return "marker-" + UUID.randomUUID();
    }

    static <T extends DomainEvent> List<T> events(TopicProbe probe, Class<T> type, String requestId) {
        return probe.events().stream().filter(e -> e.subject().equals(requestId)).map(EventEnvelope::data)
                .filter(type::isInstance).map(type::cast).toList();
    }

    /** How many stored events (request-service's event log) contain {@code text}. */
    static long storedEventsContaining(String text) {
        return count("select count(*) from domain_event where payload like ?", "%" + text + "%");
    }

    private static Connection connect() throws SQLException {
        String url = "jdbc:postgresql://" + env("EER_DB_URL_HOST", "127.0.0.1") + ":" + env("EER_DB_PORT", "35432")
                + "/eer_request";
        return DriverManager.getConnection(url, env("EER_DB_USER", "eer"), env("EER_DB_PASSWORD", "eer"));
    }

    /** The {@code request_status} rows of {@code requestIds}, in that order, column name to value. */
    static List<Map<String, Object>> rows(List<String> requestIds) {
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        try (Connection db = connect();
                PreparedStatement query = db.prepareStatement("select * from request_status where request_id = ?")) {
            for (String id : requestIds) {
                query.setString(1, id);
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int c = 1; c <= result.getMetaData().getColumnCount(); c++) {
                            row.put(result.getMetaData().getColumnName(c), result.getObject(c));
                        }
                        rows.add(row);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    static void execute(String sql) {
        try (Connection db = connect(); PreparedStatement statement = db.prepareStatement(sql)) {
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long count(String sql, Object... args) {
        try (Connection db = connect();
                PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                query.setObject(i + 1, args[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static PrivateKey key() {
        try (InputStream in = Fixtures.class.getResourceAsStream("/eer-test-keys/privateKey.pem")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
