package io.eer.audit.api;

import static io.eer.audit.api.Ledger.APPROVALS;
import static io.eer.audit.api.Ledger.AUDITOR;
import static io.eer.audit.api.Ledger.GRANTS;
import static io.eer.audit.api.Ledger.REQUESTS;
import static io.eer.audit.api.Ledger.SESSIONS;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.Values.RequestKind;
import io.eer.support.testing.TopicProbe;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SSE stream of new ledger entries: filterable, and resumable with Last-Event-ID without gaps. */
@QuarkusTest
class AuditStreamTest {

    @TestHTTPResource("/v1/audit/stream")
    URI streamUri;

    private static TopicProbe probe;

    @BeforeAll
    static void probe() {
        probe = new TopicProbe();
    }

    @AfterAll
    static void close() {
        probe.close();
    }

    /** One SSE event: its id (the ledger index) and its data (an export line). */
    record Received(long id, JsonNode line) {
    }

    /** A minimal SSE client on the JDK's HttpClient; {@link #close()} disconnects. */
    static final class SseClient implements AutoCloseable {
        final List<Received> events = new CopyOnWriteArrayList<>();
        private final InputStream body;

        SseClient(URI uri, String lastEventId) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream")
                    .header("Authorization", "Bearer " + AUDITOR);
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            body = response.body();
            Thread reader = new Thread(this::read, "sse-test-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String id = null;
                StringBuilder data = new StringBuilder();
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.isEmpty()) {
                        if (id != null && data.length() > 0) {
                            events.add(new Received(Long.parseLong(id), Ledger.parse(data.toString())));
                        }
                        id = null;
                        data.setLength(0);
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).trim();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).stripLeading());
                    }
                }
            } catch (IOException e) {
                // closed by the test
            }
        }

        List<String> eventIds() {
            return events.stream().map(event -> event.line().path("event").path("id").asText()).toList();
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    private static void record(String topic, EventEnvelope event) {
        probe.publish(topic, event);
        Ledger.awaitLine(event);
    }

    private static long ledgerSize() {
        return given().auth().oauth2(AUDITOR).get("/v1/projections/status").then().statusCode(200).extract()
                .jsonPath().getLong("ledgerSize");
    }

    @Test
    void stream_resumedWithLastEventId_deliversExactlyTheMissedEntries() throws Exception {
        String system = SocEvents.id("sse");
        String requestId = SocEvents.id("req");
        String grantId = SocEvents.id("grant");
        Instant now = Instant.now();
        List<EventEnvelope> before = List.of(SocEvents.requested(requestId, "quinn", system, RequestKind.JIT),
                SocEvents.approved(requestId, "quinn", system, "sam"));
        List<EventEnvelope> missed = List.of(
                SocEvents.granted(requestId, grantId, "quinn", system, now, now.plusSeconds(1800)),
                SocEvents.action(requestId, grantId, "SELECT", "t", now.plusSeconds(5)), // no system: from its request
                SocEvents.revoked(requestId, grantId, system, now.plusSeconds(60)));
        // at a time before the revocation: a later one would (rightly) raise session-after-grant-end on this system
        EventEnvelope after = SocEvents.action(requestId, grantId, "SELECT", "late", now.plusSeconds(50));

        URI filtered = URI.create(streamUri + "?system=" + system);
        long lastSeen;
        try (SseClient first = new SseClient(URI.create(filtered + "&from=" + ledgerSize()), null)) {
            record(REQUESTS, before.get(0));
            record(APPROVALS, before.get(1));
            await().atMost(Duration.ofSeconds(30)).until(() -> first.events.size() >= 2);
            assertThat(first.eventIds()).containsExactly(before.get(0).id(), before.get(1).id());
            lastSeen = first.events.get(1).id();
            assertThat(first.events.get(1).line().path("index").asLong()).isEqualTo(lastSeen);
        }
        // disconnected: these happen while nobody listens
        record(GRANTS, missed.get(0));
        record(SESSIONS, missed.get(1));
        record(GRANTS, missed.get(2));

        try (SseClient resumed = new SseClient(filtered, Long.toString(lastSeen))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> resumed.events.size() >= 3);
            record(SESSIONS, after); // then live: the next one arrives too, nothing repeated in between
            await().atMost(Duration.ofSeconds(30)).until(() -> resumed.events.size() >= 4);
            assertThat(resumed.eventIds()).containsExactly(missed.get(0).id(), missed.get(1).id(),
                    missed.get(2).id(), after.id());
            assertThat(resumed.events).extracting(Received::id).isSorted().allMatch(id -> id > lastSeen);
        }

        // unfiltered, from the same point: every index after it, consecutive, up to the last one
        long lastIndex = Ledger.linesFor(requestId, after.id()).get(0).path("index").asLong();
        try (SseClient all = new SseClient(streamUri, Long.toString(lastSeen))) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> all.events.stream().anyMatch(event -> event.id() >= lastIndex));
            List<Long> ids = all.events.stream().map(Received::id).filter(id -> id <= lastIndex).toList();
            for (int i = 0; i < ids.size(); i++) {
                assertThat(ids.get(i)).as("gap-free").isEqualTo(lastSeen + 1 + i);
            }
            assertThat(ids).last().isEqualTo(lastIndex);
        }
    }

    @Test
    void stream_filteredByType_sendsOnlyThatType() throws Exception {
        String requestId = SocEvents.id("req");
        String grantId = SocEvents.id("grant");
        Instant now = Instant.now();
        URI uri = URI.create(streamUri + "?type=AccessGranted&from=" + ledgerSize());
        try (SseClient client = new SseClient(uri, null)) {
            record(REQUESTS, SocEvents.requested(requestId, "rae", "types-db", RequestKind.JIT));
            EventEnvelope granted = SocEvents.granted(requestId, grantId, "rae", "types-db", now, now.plusSeconds(60));
            record(GRANTS, granted);
            await().atMost(Duration.ofSeconds(30)).until(() -> client.eventIds().contains(granted.id()));
            assertThat(client.events).allMatch(event -> event.line().path("event").path("type").asText()
                    .equals("io.eer.AccessGranted.v1"));
        }
    }

    @Test
    void stream_forNonAuditor_isForbidden_andABadLastEventId_isRejected() {
        given().auth().oauth2(Ledger.CAROL).accept("text/event-stream").get("/v1/audit/stream").then()
                .statusCode(403);
        given().auth().oauth2(AUDITOR).accept("text/event-stream").header("Last-Event-ID", "abc")
                .get("/v1/audit/stream").then().statusCode(400)
                .body("violations[0].field", equalTo("Last-Event-ID"));
    }

    @Test
    void events_asOcsf_mapGrantsRevocationsSessionsAndDomainRecords() {
        String system = SocEvents.id("ocsf");
        String requestId = SocEvents.id("req");
        String grantId = SocEvents.id("grant");
        Instant now = Instant.parse("2026-11-26T10:00:00Z");
        EventEnvelope requested = SocEvents.requested(requestId, "sara", system, RequestKind.JIT);
        EventEnvelope granted = SocEvents.granted(requestId, grantId, "sara", system, now, now.plusSeconds(1800));
        EventEnvelope action = SocEvents.action(requestId, grantId, "DELETE", "orders", now.plusSeconds(60));
        EventEnvelope revoked = SocEvents.revoked(requestId, grantId, system, now.plusSeconds(120));
        record(REQUESTS, requested);
        record(GRANTS, granted);
        record(SESSIONS, action);
        record(GRANTS, revoked);
        long from = Ledger.linesFor(requestId, requested.id()).get(0).path("index").asLong();
        long to = Ledger.linesFor(requestId, revoked.id()).get(0).path("index").asLong();

        String body = given().auth().oauth2(AUDITOR)
                .get("/v1/audit/events?format=ocsf&from=" + from + "&limit=" + (to - from + 1)).then()
                .statusCode(200).extract().asString();
        List<JsonNode> records = body.lines().filter(line -> !line.isBlank()).map(Ledger::parse).toList();
        assertThat(records).hasSize((int) (to - from + 1));
        JsonNode grant = byUid(records, granted.id());
        assertThat(grant.path("class_uid").asInt()).isEqualTo(3007); // User Management (OCSF 1.9)
        assertThat(grant.path("activity_id").asInt()).isEqualTo(14);
        assertThat(grant.path("activity_name").asText()).isEqualTo("Assign Privileges");
        assertThat(grant.path("type_uid").asLong()).isEqualTo(300714);
        assertThat(grant.path("user").path("uid").asText()).isEqualTo("sara");
        assertThat(grant.path("privileges").get(0).asText()).isEqualTo("db_admin");
        assertThat(grant.path("resources").get(0).path("name").asText()).isEqualTo(system);
        assertThat(grant.path("metadata").path("version").asText()).isEqualTo("1.9.0");
        assertThat(grant.path("unmapped").path("eer").path("event").path("id").asText()).isEqualTo(granted.id());

        JsonNode revoke = byUid(records, revoked.id());
        assertThat(revoke.path("class_uid").asInt()).isEqualTo(3007);
        assertThat(revoke.path("activity_id").asInt()).isEqualTo(15);
        assertThat(revoke.path("activity_name").asText()).isEqualTo("Remove Privileges");
        assertThat(revoke.path("user").path("uid").asText()).isEqualTo("sara"); // from the grant
        assertThat(revoke.path("time").asLong()).isEqualTo(revoked.time().toEpochMilli());

        JsonNode api = byUid(records, action.id());
        assertThat(api.path("class_uid").asInt()).isEqualTo(6003);
        assertThat(api.path("activity_id").asInt()).isEqualTo(4); // Delete
        assertThat(api.path("type_uid").asLong()).isEqualTo(600304);
        assertThat(api.path("api").path("operation").asText()).isEqualTo("DELETE");
        assertThat(api.path("actor").path("user").path("uid").asText()).isEqualTo("sara");
        assertThat(api.path("time").asLong()).isEqualTo(now.plusSeconds(60).toEpochMilli());

        JsonNode request = byUid(records, requested.id());
        assertThat(request.path("class_uid").asInt()).isZero();
        assertThat(request.path("activity_name").asText()).isEqualTo("EmergencyRequested");
        assertThat(request.path("actor").path("user").path("uid").asText()).isEqualTo("sara");
        assertThat(records).allMatch(record -> record.has("metadata") && record.path("metadata").has("sequence"));

        given().auth().oauth2(AUDITOR).get("/v1/audit/events?format=cef").then().statusCode(400)
                .body("violations[0].field", equalTo("format")).body("violations[0].rule", equalTo("one-of"));
    }

    private static JsonNode byUid(List<JsonNode> records, String eventId) {
        return records.stream().filter(record -> record.path("metadata").path("uid").asText().equals(eventId))
                .findFirst().orElseThrow(() -> new AssertionError("no OCSF record for " + eventId));
    }
}
