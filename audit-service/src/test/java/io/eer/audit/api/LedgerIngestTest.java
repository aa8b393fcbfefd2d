package io.eer.audit.api;

import static io.eer.audit.api.Ledger.ALERTS;
import static io.eer.audit.api.Ledger.APPROVALS;
import static io.eer.audit.api.Ledger.AUDITOR;
import static io.eer.audit.api.Ledger.CAROL;
import static io.eer.audit.api.Ledger.DEAD_LETTERS;
import static io.eer.audit.api.Ledger.EXPIRIES;
import static io.eer.audit.api.Ledger.GRANTS;
import static io.eer.audit.api.Ledger.MALLORY;
import static io.eer.audit.api.Ledger.REQUESTS;
import static io.eer.audit.api.Ledger.SESSIONS;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import io.eer.contracts.EventEnvelope;
import io.eer.support.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Events published to the domain topics reach the ledger once each, in a gap-free, correctly chained order. */
@QuarkusTest
class LedgerIngestTest {

    private static TopicProbe probe;

    @BeforeAll
    static void probe() {
        probe = new TopicProbe(DEAD_LETTERS);
    }

    @AfterAll
    static void close() {
        probe.close();
    }

    @Test
    void events_fromSeveralTopics_areAppendedGapFreeWithAValidChain() {
        String requestId = UUID.randomUUID().toString();
        String grantId = "grant-" + UUID.randomUUID();
        Map<String, String> sent = new LinkedHashMap<>(); // event id -> topic
        List<EventEnvelope> events = List.of(Ledger.requested(requestId, "carol"), Ledger.approved(requestId),
                Ledger.granted(requestId, grantId), Ledger.sessionAction(requestId, grantId),
                Ledger.expired(requestId, grantId));
        List<String> topics = List.of(REQUESTS, APPROVALS, GRANTS, SESSIONS, EXPIRIES);
        for (int i = 0; i < events.size(); i++) {
            probe.publish(topics.get(i), events.get(i));
            sent.put(events.get(i).id(), topics.get(i));
        }
        String unknownId = UUID.randomUUID().toString();
        String unknown = Ledger.unknownType(requestId, unknownId);
        probe.publishRaw(ALERTS, requestId, unknown);
        sent.put(unknownId, ALERTS);

        for (Map.Entry<String, String> event : sent.entrySet()) {
            JsonNode line = Ledger.awaitLine(requestId, event.getKey());
            assertThat(line.path("topic").asText()).isEqualTo(event.getValue());
            assertThat(line.path("partition").asInt()).isBetween(0, 2);
            assertThat(line.path("offset").asLong()).isNotNegative();
            assertThat(line.path("event").path("subject").asText()).isEqualTo(requestId);
        }
        // recorded exactly as received, unknown type included
        assertThat(Ledger.linesFor(requestId, unknownId).get(0).get("event")).isEqualTo(Ledger.parse(unknown));
        assertThat(Ledger.linesFor(requestId, events.get(0).id()).get(0).get("event"))
                .isEqualTo(Ledger.parse(Ledger.encode(events.get(0))));

        // the whole ledger, recomputed here with nothing but SHA-256: gap-free indices, every leaf, every link, each
        // event sent once. Other events (alerts the projector raises, other tests' events) may land between reading the
        // ledger and asking for its verification, so both are taken again until they describe the same ledger.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<JsonNode> ledger = Ledger.lines();
            String chain = "0".repeat(64);
            for (int i = 0; i < ledger.size(); i++) {
                JsonNode line = ledger.get(i);
                assertThat(line.path("index").asLong()).as("index of line %d", i).isEqualTo(i);
                assertThat(line.path("recordedAt").asText())
                        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
                assertThat(line.path("leaf").asText()).as("leaf %d", i).isEqualTo(Ledger.leafOf(line));
                chain = Ledger.chainOf(chain, line.path("leaf").asText());
                assertThat(line.path("chain").asText()).as("chain %d", i).isEqualTo(chain);
            }
            assertThat(ledger.stream().map(line -> line.path("event").path("id").asText())
                    .filter(sent::containsKey).toList()).as("the events sent, each recorded once")
                    .hasSize(sent.size()).doesNotHaveDuplicates();
            given().auth().oauth2(AUDITOR).get("/v1/audit/verify").then().statusCode(200)
                    .body("ok", equalTo(true))
                    .body("size", equalTo(ledger.size()))
                    .body("head", equalTo(chain));
        });
    }

    @Test
    void events_arePagedByFromAndLimit_asNdjson() {
        String requestId = UUID.randomUUID().toString();
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            events.add(Ledger.requested(requestId, "carol"));
            probe.publish(REQUESTS, events.get(i));
        }
        List<Long> indices = events.stream().map(event -> Ledger.awaitLine(event).path("index").asLong()).toList();
        assertThat(indices).isSorted().doesNotHaveDuplicates();

        List<JsonNode> page = Ledger.lines(indices.get(0), 2);
        assertThat(page).extracting(line -> line.path("index").asLong())
                .containsExactly(indices.get(0), indices.get(0) + 1);
        assertThat(page.get(0).path("event").path("id").asText()).isEqualTo(events.get(0).id());
        assertThat(Ledger.lines(indices.get(3), 1)).singleElement()
                .satisfies(line -> assertThat(line.path("event").path("id").asText()).isEqualTo(events.get(3).id()));
        assertThat(Ledger.lines(indices.get(3) + 1_000_000, 10)).isEmpty();

        long from = indices.get(0);
        String body = given().auth().oauth2(AUDITOR).get("/v1/audit/events?from=" + from + "&limit=40")
                .then().statusCode(200).contentType(startsWith("application/x-ndjson")).extract().asString();
        List<Long> streamed = body.lines().filter(line -> !line.isBlank()).map(Ledger::parse)
                .map(line -> line.path("index").asLong()).toList();
        assertThat(streamed).containsAll(indices);
        for (int i = 0; i < streamed.size(); i++) { // more than one chunk, consecutive across chunk borders
            assertThat(streamed.get(i)).isEqualTo(from + i);
        }
    }

    @Test
    void sameEventPublishedTwice_isRecordedOnce() {
        String requestId = UUID.randomUUID().toString();
        EventEnvelope approved = Ledger.approved(requestId);
        probe.publish(APPROVALS, approved);
        probe.publish(APPROVALS, approved);
        // same key, so same partition, consumed in order: once the marker is in, both copies have been handled
        EventEnvelope marker = Ledger.approved(requestId);
        probe.publish(APPROVALS, marker);

        Ledger.awaitLine(marker);
        assertThat(Ledger.timelineIndices(requestId, approved.id())).hasSize(1);
        // the repeat was recognised, not failed: it did not end up on the dead-letter topic either
        assertThat(probe.records()).noneMatch(record -> record.value() != null
                && record.value().contains(approved.id()));
    }

    /**
     * What Kafka does after a writer died between its commit and the offset commit: the records come again, here in
     * the same batches as new ones and each repeat twice, so one batch holds events already in the ledger, fresh
     * ones and the same event more than once. The batch append records each event exactly once, and no repeat is
     * mistaken for a bad record (a unique-key failure would send it to the dead-letter topic).
     */
    @Test
    void batchesRedeliveredWithNewEventsMixedIn_recordEachEventOnce() throws Exception {
        String requestId = UUID.randomUUID().toString();
        List<EventEnvelope> first = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            first.add(Ledger.approved(requestId));
        }
        first.forEach(event -> probe.publish(APPROVALS, event));
        Ledger.awaitLine(first.get(first.size() - 1));
        List<EventEnvelope> fresh = new ArrayList<>();
        for (EventEnvelope again : first) {
            EventEnvelope added = Ledger.approved(requestId);
            fresh.add(added);
            probe.publish(APPROVALS, again);
            probe.publish(APPROVALS, added);
            probe.publish(APPROVALS, again);
        }
        // same key, so same partition, consumed in order: once the marker is in, every copy has been handled
        EventEnvelope marker = Ledger.approved(requestId);
        probe.publish(APPROVALS, marker);
        Ledger.awaitLine(marker);

        try (Connection db = Ledger.jdbc(); PreparedStatement count = db.prepareStatement(
                "select count(*) from ledger_subject where subject = ? and type = 'io.eer.Approved.v1'")) {
            count.setString(1, requestId);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(first.size() + fresh.size() + 1L);
            }
        }
        List<String> ids = new ArrayList<>();
        first.forEach(e -> ids.add(e.id()));
        fresh.forEach(e -> ids.add(e.id()));
        assertThat(probe.records()).noneMatch(record -> record.value() != null
                && ids.stream().anyMatch(record.value()::contains));
    }

    /** The timeline's events but the audit service's own alerts (this break-glass story raises some). */
    private static final String SENT = "events.findAll { it.type != 'io.eer.AlertRaised.v1' }";

    @Test
    void timeline_listsTheRequestsEventsInLedgerOrder() {
        String requestId = UUID.randomUUID().toString();
        String grantId = "grant-" + UUID.randomUUID();
        List<EventEnvelope> events = List.of(Ledger.requested(requestId, "carol"), Ledger.approved(requestId),
                Ledger.granted(requestId, grantId), Ledger.sessionAction(requestId, grantId),
                Ledger.expired(requestId, grantId));
        List<String> topics = List.of(REQUESTS, APPROVALS, GRANTS, SESSIONS, EXPIRIES);
        List<Long> indices = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            probe.publish(topics.get(i), events.get(i));
            indices.add(Ledger.awaitLine(events.get(i)).path("index").asLong()); // causal order, as in real life
        }
        // another request's event in between must not show up
        probe.publish(REQUESTS, Ledger.requested(UUID.randomUUID().toString(), "carol"));

        given().auth().oauth2(AUDITOR).get("/v1/requests/" + requestId + "/timeline").then().statusCode(200)
                .body("requestId", equalTo(requestId))
                .body(SENT, hasSize(5))
                .body(SENT + ".type", contains("io.eer.EmergencyRequested.v1", "io.eer.Approved.v1",
                        "io.eer.AccessGranted.v1", "io.eer.SessionActionLogged.v1", "io.eer.AccessExpired.v1"))
                .body(SENT + ".id", contains(events.stream().map(EventEnvelope::id).toArray()))
                .body(SENT + ".index", contains(indices.stream().map(Long::intValue).toArray()))
                .body(SENT + "[0].source", equalTo("/eer/request-service"))
                .body(SENT + "[0].time", equalTo(events.get(0).time().toString()))
                .body(SENT + "[0].recordedAt", startsWith("20"))
                .body(SENT + "[0].data.requester.id", equalTo("carol"))
                .body(SENT + "[2].data.grantId", equalTo(grantId));

        // the requester may read her own request's timeline; someone else in the same groups may not
        given().auth().oauth2(CAROL).get("/v1/requests/" + requestId + "/timeline").then().statusCode(200)
                .body(SENT, hasSize(5));
        given().auth().oauth2(MALLORY).get("/v1/requests/" + requestId + "/timeline").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(Ledger.ADMIN).get("/v1/requests/" + requestId + "/timeline").then().statusCode(200);
    }

    @Test
    void timeline_ofUnknownRequest_isNotFound() {
        given().auth().oauth2(AUDITOR).get("/v1/requests/" + UUID.randomUUID() + "/timeline")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void bytesThatAreNotACloudEvent_goToTheDeadLetterTopic_notToTheLedger() {
        String marker = "not-a-cloud-event-" + UUID.randomUUID();
        String garbage = "{\"specversion\":\"1.0\",\"note\":\"" + marker + "\"}";
        probe.publishRaw(REQUESTS, marker, garbage);
        probe.publishRaw(REQUESTS, marker, marker + " is not even JSON");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(probe.records())
                .filteredOn(record -> record.value() != null && record.value().contains(marker))
                .extracting(record -> record.value())
                .containsExactlyInAnyOrder(garbage, marker + " is not even JSON"));
        // and the partition was not blocked: a good event behind them on the same key is recorded
        EventEnvelope after = Ledger.requested(UUID.randomUUID().toString(), "carol");
        probe.publishRaw(REQUESTS, marker, Ledger.encode(after));
        Ledger.awaitLine(after);
        // the bytes are not in the ledger; what is, is one alert per dead letter, naming the record's key
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Ledger.lines())
                .filteredOn(line -> line.toString().contains(marker))
                .hasSize(2)
                .allSatisfy(line -> {
                    assertThat(line.at("/event/type").asText()).isEqualTo("io.eer.AlertRaised.v1");
                    assertThat(line.at("/event/data/rule").asText()).isEqualTo("ledger-dead-letter");
                    assertThat(line.at("/event/data/requestId").asText()).isEqualTo(marker);
                    assertThat(line.at("/event/data/detail").asText()).endsWith("not a CloudEvent")
                            .doesNotContain("not even JSON");
                }));
    }
}
