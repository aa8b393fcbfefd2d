package io.eer.audit.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Statement;
import java.sql.ResultSet;
import java.sql.PreparedStatement;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.AccessExpired;
import io.eer.contracts.events.AccessGranted;
import io.eer.contracts.events.Approved;
import io.eer.contracts.events.DomainEvent;
import io.eer.contracts.events.EmergencyRequested;
import io.eer.contracts.events.SessionActionLogged;
import io.eer.contracts.events.Values.ApprovalMode;
import io.eer.contracts.events.Values.ApprovalPlan;
import io.eer.contracts.events.Values.MfaEvidence;
import io.eer.contracts.events.Values.Origin;
import io.eer.contracts.events.Values.PolicyRef;
import io.eer.contracts.events.Values.Principal;
import io.eer.contracts.events.Values.PrincipalType;
import io.eer.contracts.events.Values.RequestKind;
import io.eer.contracts.json.CanonicalJson;
import io.eer.support.testing.ServiceDatabase;
import io.eer.support.testing.TestTokens;
import io.eer.support.testing.TopicProbe;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/** Test helpers: the ledger as the API shows it, events as the upstream services send them, and raw SQL. */
final class Ledger {

    static final String REQUESTS = "test-audit.eer.requests";
    static final String APPROVALS = "test-audit.eer.approvals";
    static final String GRANTS = "test-audit.eer.grants";
    static final String SESSIONS = "test-audit.eer.sessions";
    static final String EXPIRIES = "test-audit.eer.expiries";
    static final String REVIEWS = "test-audit.eer.reviews";
    static final String ALERTS = "test-audit.eer.alerts";
    static final String DEAD_LETTERS = "test-audit.eer.dlq.audit";

    static final String AUDITOR = TestTokens.employee("ava", "auditors");
    static final String ADMIN = TestTokens.employee("root", "eer-admins");
    static final String CAROL = TestTokens.contractor("carol", "oncall-dba");
    static final String MALLORY = TestTokens.employee("mallory", "oncall-dba", "secops");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private Ledger() {
    }

    /** Every ledger line from index 0, parsed. */
    static List<JsonNode> lines() {
        return lines(0, 100_000);
    }

    static List<JsonNode> lines(long from, int limit) {
        String body = given().auth().oauth2(AUDITOR).get("/v1/audit/events?from=" + from + "&limit=" + limit)
                .then().statusCode(200).extract().asString();
        return body.lines().filter(line -> !line.isBlank()).map(Ledger::parse).toList();
    }

    /** The ledger lines holding {@code eventId}, found through the timeline of {@code requestId} (no full scan). */
    static List<JsonNode> linesFor(String requestId, String eventId) {
        return timelineIndices(requestId, eventId).stream().map(index -> lines(index, 1).get(0)).toList();
    }

    /** Ledger indices of {@code eventId} in the timeline of {@code requestId}; empty while it is not recorded. */
    static List<Long> timelineIndices(String requestId, String eventId) {
        var response = given().auth().oauth2(AUDITOR).get("/v1/requests/" + requestId + "/timeline");
        if (response.statusCode() == 404) {
            return List.of();
        }
        JsonNode timeline = parse(response.then().statusCode(200).extract().asString());
        List<Long> indices = new ArrayList<>();
        timeline.path("events").forEach(event -> {
            if (event.path("id").asText().equals(eventId)) {
                indices.add(event.path("index").asLong());
            }
        });
        return indices;
    }

    /** Waits until {@code eventId} of {@code requestId} is in the ledger exactly once and returns its line. */
    static JsonNode awaitLine(String requestId, String eventId) {
        List<JsonNode> found = new ArrayList<>();
        // first look at once, then every 100 ms: most lines are there within a few hundred ms
        await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    found.clear();
                    found.addAll(linesFor(requestId, eventId));
                    assertThat(found).hasSize(1);
                });
        return found.get(0);
    }

    static JsonNode awaitLine(EventEnvelope event) {
        return awaitLine(event.subject(), event.id());
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(json, e);
        }
    }

    /** The leaf of a line, recomputed from its fields: SHA-256(0x00 ‖ JCS(record)). */
    static String leafOf(JsonNode line) {
        ObjectNode record = JSON.createObjectNode();
        record.set("index", line.get("index"));
        record.set("recordedAt", line.get("recordedAt"));
        record.set("topic", line.get("topic"));
        record.set("partition", line.get("partition"));
        record.set("offset", line.get("offset"));
        record.set("event", line.get("event"));
        return HEX.formatHex(sha256(new byte[] {0x00}, CanonicalJson.write(record)));
    }

    /** SHA-256(0x02 ‖ previous ‖ leaf). */
    static String chainOf(String previousHex, String leafHex) {
        return HEX.formatHex(sha256(new byte[] {0x02}, HEX.parseHex(previousHex), HEX.parseHex(leafHex)));
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A producer for publishing straight to the topics, as another service's relay would (acks=all; as admin). */
    static KafkaProducer<String, String> producer() {
        java.util.Properties props = TopicProbe.adminClientProperties();
        props.putAll(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, "5",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        return new KafkaProducer<>(props);
    }

    /** A minimal CloudEvent of {@code type} about {@code subject}, as JSON text. */
    static String rawEvent(String id, String subject, String type, String data) {
        return rawEvent("/eer/test", id, subject, type, data);
    }

    /**
     * The same from {@code source}; on a domain topic use that topic's producer (anything else is recorded but
     * raises {@code forged-source}).
     */
    static String rawEvent(String source, String id, String subject, String type, String data) {
        return """
                {"specversion":"1.0","id":"%s","source":"%s","type":"%s","subject":"%s",\
                "time":"2026-11-27T10:00:00Z","data":%s}""".formatted(id, source, type, subject, data);
    }

    /** The producer (CloudEvent source) of a domain topic, test prefix or not. */
    static String producerOf(String topic) {
        String name = topic.substring(topic.lastIndexOf("eer."));
        return switch (name) {
            case "eer.requests" -> "/eer/request-service";
            case "eer.approvals" -> "/eer/approval-service";
            case "eer.grants", "eer.sessions" -> "/eer/grant-service";
            case "eer.expiries" -> "/eer/expiry-service";
            case "eer.reviews" -> "/eer/review-service";
            default -> "/eer/audit-service";
        };
    }

    /** A JDBC connection as the database superuser (the owner Flyway migrates as), bypassing the service. */
    static Connection jdbc() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.flyway.username", String.class),
                config.getValue("quarkus.flyway.password", String.class));
    }

    /** A JDBC connection as the service's own runtime role. */
    static Connection jdbcAsService() throws SQLException {
        return ServiceDatabase.connect();
    }

    static EventEnvelope envelope(String service, DomainEvent event) {
        return EventEnvelope.of(UUID.randomUUID().toString(), "/eer/" + service,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), event);
    }

    static EventEnvelope requested(String requestId, String requester) {
        return envelope("request-service", new EmergencyRequested(requestId, RequestKind.EMERGENCY,
                Origin.CONTRACTOR_SELF, new Principal(requester, PrincipalType.CONTRACTOR, List.of("oncall-dba")),
                requester, "payments-db", "db_admin", "payments DB locked", "INC-1234", Duration.ofMinutes(30),
                new MfaEvidence(List.of("pwd", "otp"), Instant.parse("2026-11-26T10:00:00Z")),
                new PolicyRef("eer-local", "1"), new ApprovalPlan(ApprovalMode.PRE_APPROVED, List.of(), 0), null));
    }

    static EventEnvelope approved(String requestId) {
        return envelope("approval-service", new Approved(requestId, List.of("policy:break-glass-dba"),
                ApprovalMode.PRE_APPROVED, Duration.ofMinutes(30), "carol", "carol", "payments-db", "db_admin",
                new PolicyRef("eer-local", "1")));
    }

    static EventEnvelope granted(String requestId, String grantId) {
        return envelope("grant-service", new AccessGranted(grantId, requestId, "carol", "payments-db", "db_admin",
                "postgres", "eer_carol_1", Instant.parse("2026-11-26T10:00:01Z"),
                Instant.parse("2026-11-26T10:30:01Z")));
    }

    static EventEnvelope sessionAction(String requestId, String grantId) {
        return envelope("grant-service", new SessionActionLogged(grantId, requestId, "s-1", "SELECT",
                "payments.invoices", Instant.parse("2026-11-26T10:05:00Z"), "psql"));
    }

    static EventEnvelope expired(String requestId, String grantId) {
        return envelope("expiry-service", new AccessExpired(grantId, requestId,
                Instant.parse("2026-11-26T10:30:01Z"), Instant.parse("2026-11-26T10:30:01.120Z"), 120));
    }

    /** A CloudEvent of a type no EER version knows yet: the ledger records it all the same. */
    static String unknownType(String requestId, String id) {
        return """
                {"specversion":"1.0","id":"%s","source":"/eer/future-service","type":"io.eer.SomethingNew.v2",\
                "subject":"%s","time":"2026-11-26T10:00:00Z","data":{"requestId":"%s","weight":1.5,"ok":true}}\
                """.formatted(id, requestId, requestId);
    }

    static String encode(EventEnvelope envelope) {
        return EventCodec.encodeToString(envelope);
    }

    static byte[] received(Connection db, long index) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("select received from ledger_entry where ledger_index = ?")) {
            select.setLong(1, index);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getBytes(1);
            }
        }
    }

    /** Writes {@code bytes} into the row as the superuser, with the append-only trigger off for that moment only. */
    static void overwrite(Connection db, long index, byte[] bytes) throws SQLException {
        try (Statement ddl = db.createStatement();
                PreparedStatement update = db.prepareStatement(
                        "update ledger_entry set received = ? where ledger_index = ?")) {
            ddl.execute("alter table ledger_entry disable trigger ledger_entry_no_update_delete");
            try {
                update.setBytes(1, bytes);
                update.setLong(2, index);
                assertThat(update.executeUpdate()).isEqualTo(1);
            } finally {
                ddl.execute("alter table ledger_entry enable trigger ledger_entry_no_update_delete");
            }
        }
    }
}
