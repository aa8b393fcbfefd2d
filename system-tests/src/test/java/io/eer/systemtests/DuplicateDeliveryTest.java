package io.eer.systemtests;

import static io.eer.systemtests.Actors.AUDITOR;
import static io.eer.systemtests.Actors.CAROL;
import static io.eer.systemtests.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.Topics;
import io.eer.contracts.events.AccessGranted;
import io.eer.contracts.events.Approved;
import io.eer.contracts.events.Values.ApprovalMode;
import io.eer.contracts.events.Values.PolicyRef;
import io.eer.support.testing.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** System test 4: Kafka may deliver an event twice; the effect happens once. */
class DuplicateDeliveryTest {

    @Test
    void approvedDeliveredTwice_givesOneGrantAndOneLedgerEntry() {
        EerStack.get();
        String requestId = UUID.randomUUID().toString();
        EventEnvelope approved = EventEnvelope.of(UUID.randomUUID().toString(), "/eer/approval-service", Instant.now(),
                new Approved(requestId, List.of("alice"), ApprovalMode.STANDARD, Duration.ofMinutes(10), "carol",
                        "carol", "payments-db", "read_only", new PolicyRef("eer-local", "2026-11-26.1")));

        try (TopicProbe probe = new TopicProbe(Topics.GRANTS)) {
            probe.publish(Topics.APPROVALS, approved);
            probe.publish(Topics.APPROVALS, approved);
            // A marker for another request, on the same key and so the same partition: once its grant exists,
            // grant-service has consumed both copies before it.
            String markerRequestId = UUID.randomUUID().toString();
            EventEnvelope marker = EventEnvelope.of(UUID.randomUUID().toString(), "/eer/approval-service",
                    Instant.now(), new Approved(markerRequestId, List.of("alice"), ApprovalMode.STANDARD,
                            Duration.ofMinutes(10), "carol", "carol", "payments-db", "read_only",
                            new PolicyRef("eer-local", "2026-11-26.1")));
            probe.publishRaw(Topics.APPROVALS, requestId, EventCodec.encodeToString(marker));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(grantsFor(probe, markerRequestId)).hasSize(1));
            assertThat(grantsFor(probe, requestId)).hasSize(1);
            assertThat(as(CAROL, "grant").get("/v1/grants?requestId=" + requestId).<List<Object>>path("$")).hasSize(1);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ledgerLinesFor(marker.id())).hasSize(1));
            assertThat(ledgerLinesFor(approved.id())).hasSize(1);
        }
    }

    private static List<AccessGranted> grantsFor(TopicProbe probe, String requestId) {
        return probe.events().stream().map(EventEnvelope::data).filter(AccessGranted.class::isInstance)
                .map(AccessGranted.class::cast).filter(g -> g.requestId().equals(requestId)).toList();
    }

    private static List<String> ledgerLinesFor(String eventId) {
        String ndjson = as(AUDITOR, "audit").get("/v1/audit/events?from=0&limit=100000").then().statusCode(200)
                .extract().asString();
        return ndjson.lines().filter(line -> line.contains("\"id\":\"" + eventId + "\"")).toList();
    }
}
