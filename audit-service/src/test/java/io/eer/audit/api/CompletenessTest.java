package io.eer.audit.api;

import static io.eer.audit.api.Ledger.AUDITOR;
import static io.eer.audit.api.Ledger.GRANTS;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.eer.support.testing.TopicProbe;
import io.eer.support.time.SettableClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Completeness from producer sequences: a producer's gap-free {@code sequence} with numbers missing shows in
 * {@code /v1/audit/verify} (young gaps reported, not failed; past {@code eer.audit.gap-alert-after}, 3 s in tests,
 * verify is not ok) and raises one {@code ledger-gap} alert per gap; once the events arrive, verify is clean.
 * Each test uses a producer of its own (a unique source), so the shared ledger's other producers do not matter.
 */
@QuarkusTest
class CompletenessTest {

    private static final Duration BOUND = Duration.ofSeconds(3);
    private static TopicProbe probe;

    @Inject
    SettableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @BeforeAll
    static void probe() {
        probe = new TopicProbe();
    }

    @AfterAll
    static void close() {
        probe.close();
    }

    private static String sequenced(String producer, String requestId, String sequence) {
        return """
                {"specversion":"1.0","id":"%s","source":"%s","type":"io.eer.AccessGranted.v1","subject":"%s",\
                "time":"%s","sequence":%s,"data":{"requestId":"%s"}}""".formatted(UUID.randomUUID(), producer,
                requestId, Instant.now(), sequence, requestId);
    }

    /** Publishes events of {@code producer} with these sequence numbers and waits until the ledger holds them. */
    private static void publish(String producer, String requestId, long... sequences) {
        List<String> ids = new ArrayList<>();
        for (long sequence : sequences) {
            String event = sequenced(producer, requestId, "\"" + sequence + "\"");
            ids.add(Ledger.parse(event).path("id").asText());
            probe.publishRaw(GRANTS, requestId, event);
        }
        ids.forEach(id -> Ledger.awaitLine(requestId, id));
    }

    private static JsonNode verify() {
        return Ledger.parse(given().auth().oauth2(AUDITOR).get("/v1/audit/verify").then().statusCode(200)
                .extract().asString());
    }

    private static List<JsonNode> missingOf(JsonNode verification, String producer) {
        List<JsonNode> missing = new ArrayList<>();
        verification.path("missing").forEach(gap -> {
            if (gap.path("producer").asText().equals(producer)) {
                missing.add(gap);
            }
        });
        return missing;
    }

    /** The ledger-gap alerts raised for {@code producer}, as recorded in the ledger. */
    private static List<JsonNode> gapAlerts(String producer) {
        return Ledger.lines(0, 100000).stream()
                .filter(line -> line.at("/event/type").asText().equals("io.eer.AlertRaised.v1"))
                .filter(line -> line.at("/event/data/rule").asText().equals("ledger-gap"))
                .filter(line -> line.at("/event/data/detail").asText().contains(producer + " "))
                .toList();
    }

    @Test
    void gapsInAProducersSequence_areReported_failVerifyPastTheBound_alertOnce_andCloseWhenTheEventsArrive()
            throws Exception {
        String producer = "/eer/gap-test-" + UUID.randomUUID();
        String requestId = "gap-" + UUID.randomUUID();
        publish(producer, requestId, 1, 2, 4, 7);
        // events without a sequence, or with a malformed one, are not counted (no gap 8..8 from a number 9)
        String plain = Ledger.rawEvent(UUID.randomUUID().toString(), requestId, "io.eer.AccessGranted.v1", "{}")
                .replace("/eer/test", producer);
        String numeric = sequenced(producer, requestId, "9");
        String zero = sequenced(producer, requestId, "\"0\"");
        for (String event : List.of(plain, numeric, zero)) {
            probe.publishRaw(GRANTS, requestId, event);
            Ledger.awaitLine(requestId, Ledger.parse(event).path("id").asText());
        }

        // young: listed, not failed (when the answer came back within the bound of the gap's opening)
        JsonNode young = verify();
        List<JsonNode> missing = missingOf(young, producer);
        assertThat(missing).hasSize(2);
        assertThat(missing.get(0).path("sequence").asLong()).isEqualTo(3);
        assertThat(missing.get(0).has("from")).isFalse();
        assertThat(missing.get(1).path("from").asLong()).isEqualTo(5);
        assertThat(missing.get(1).path("to").asLong()).isEqualTo(6);
        Instant opened = Instant.parse(missing.get(1).path("since").asText());
        if (Instant.now().isBefore(opened.plus(BOUND))) {
            assertThat(missing).allSatisfy(gap -> assertThat(gap.path("overdue").asBoolean()).isFalse());
        }

        // past the bound (the service's clock moved on, instead of waiting): not ok, "ledger incomplete", each gap
        // overdue
        clock.advance(BOUND.plusMillis(100));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode verification = verify();
            assertThat(verification.path("ok").asBoolean()).isFalse();
            assertThat(verification.path("reason").asText()).isEqualTo("ledger incomplete");
            assertThat(verification.has("firstBadIndex")).isFalse();
            assertThat(missingOf(verification, producer)).hasSize(2)
                    .allSatisfy(gap -> assertThat(gap.path("overdue").asBoolean()).isTrue());
        });
        // one CRITICAL ledger-gap alert per gap, naming the producer and the numbers, and no second one
        await().atMost(Duration.ofSeconds(30)).until(() -> gapAlerts(producer).size() == 2);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> gapAlerts(producer).size() == 2);
        assertThat(gapAlerts(producer)).extracting(line -> line.at("/event/data/detail").asText())
                .anySatisfy(detail -> assertThat(detail).contains("sequence 3 from " + producer))
                .anySatisfy(detail -> assertThat(detail).contains("sequences 5..6 from " + producer));
        assertThat(gapAlerts(producer)).allSatisfy(line ->
                assertThat(line.at("/event/data/severity").asText()).isEqualTo("CRITICAL"));

        // a part of a gap arriving splits it; what is left stays alerted (no new alert)
        publish(producer, requestId, 3, 5);
        assertThat(missingOf(verify(), producer)).singleElement()
                .satisfies(gap -> assertThat(gap.path("sequence").asLong()).isEqualTo(6));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> gapAlerts(producer).size() == 2);

        // the last one arrives (as a producer's republish would bring it): clean again
        publish(producer, requestId, 6);
        JsonNode clean = verify();
        assertThat(missingOf(clean, producer)).isEmpty();
        assertThat(clean.path("ok").asBoolean()).as(clean.toString()).isTrue();

        // the table the append keeps agrees: highest 7, contiguous 7, no gap rows
        try (Connection db = Ledger.jdbc(); PreparedStatement select = db.prepareStatement(
                "select highest, contiguous, (select count(*) from sequence_gap g where g.producer = p.producer) "
                        + "from ledger_producer_sequence p where producer = ?")) {
            select.setString(1, producer);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getLong(1)).isEqualTo(7);
                assertThat(row.getLong(2)).isEqualTo(7);
                assertThat(row.getLong(3)).isZero();
            }
        }
    }

    @Test
    void theTableTracksGapsInTheAppendTransaction() throws Exception {
        String producer = "/eer/gap-table-" + UUID.randomUUID();
        String requestId = "gap-" + UUID.randomUUID();
        publish(producer, requestId, 2, 3, 10);
        try (Connection db = Ledger.jdbc(); PreparedStatement select = db.prepareStatement(
                "select first_missing, last_missing from sequence_gap where producer = ? order by first_missing")) {
            select.setString(1, producer);
            List<String> gaps = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    gaps.add(rows.getLong(1) + ".." + rows.getLong(2));
                }
            }
            assertThat(gaps).containsExactly("1..1", "4..9");
        }
        publish(producer, requestId, 1, 4, 5, 6, 7, 8, 9);
        JsonNode verification = verify();
        assertThat(missingOf(verification, producer)).isEmpty();
    }

    @Test
    void theTablesAreRebuiltFromTheLedger_byAnAdminOnly() throws Exception {
        String producer = "/eer/gap-rebuild-" + UUID.randomUUID();
        String requestId = "gap-" + UUID.randomUUID();
        publish(producer, requestId, 1, 2, 5);
        // damage the derived tables as the owner: the gap is gone and the head is wrong
        try (Connection db = Ledger.jdbc()) {
            db.createStatement().executeUpdate("delete from sequence_gap where producer = '" + producer + "'");
            db.createStatement().executeUpdate(
                    "update ledger_producer_sequence set highest = 9, contiguous = 9 where producer = '" + producer + "'");
        }
        given().auth().oauth2(AUDITOR).post("/v1/audit/sequences/rebuild").then().statusCode(403)
                .contentType("application/problem+json");
        JsonNode rebuilt = Ledger.parse(given().auth().oauth2(Ledger.ADMIN).post("/v1/audit/sequences/rebuild")
                .then().statusCode(200).extract().asString());
        assertThat(rebuilt.path("entries").asLong()).isPositive();
        assertThat(rebuilt.path("producers").asInt()).isPositive();
        try (Connection db = Ledger.jdbc(); PreparedStatement select = db.prepareStatement(
                "select p.highest, p.contiguous, g.first_missing, g.last_missing from ledger_producer_sequence p "
                        + "join sequence_gap g on g.producer = p.producer where p.producer = ?")) {
            select.setString(1, producer);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(List.of(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4)))
                        .containsExactly(5L, 2L, 3L, 4L);
                assertThat(row.next()).isFalse();
            }
        }
        publish(producer, requestId, 3, 4);
        assertThat(missingOf(verify(), producer)).isEmpty();
    }
}
