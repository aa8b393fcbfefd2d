package io.eer.systemtests;

import static io.eer.systemtests.Actors.AUDITOR;
import static io.eer.systemtests.Actors.CAROL;
import static io.eer.systemtests.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.eer.contracts.EventCodec;
import io.eer.support.testing.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * One trace id spans the services: the request's REST call starts it (the caller's W3C traceparent header), and the
 * events of that request from EmergencyRequested (request-service) through Approved (approval-service, a consumer),
 * AccessGranted (grant-service, a consumer), AccessExpired (expiry-service: its timer keeps the trace of the grant
 * that armed it), AccessRevoked (grant-service) to ReviewScheduled (review-service) carry it as the CloudEvents
 * attribute traceparent, read here from the real topics. The ledger, which hashes those bytes, still verifies.
 */
class TraceAcrossServicesTest {

    private static final List<String> LIFECYCLE = List.of("io.eer.EmergencyRequested.v1", "io.eer.Approved.v1",
            "io.eer.AccessGranted.v1", "io.eer.AccessExpired.v1", "io.eer.AccessRevoked.v1",
            "io.eer.ReviewScheduled.v1");

    @Test
    void oneTraceId_fromRequestToRevocationAndReview_acrossServices() {
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        id[0] |= 1;
        String traceId = HexFormat.of().formatHex(id);
        String traceparent = "00-" + traceId + "-00f067aa0ba902b7-01";

        try (TopicProbe topics = new TopicProbe("eer.requests", "eer.approvals", "eer.grants",
                "eer.expiries", "eer.reviews")) {
            String requestId = as(CAROL, "request").header("traceparent", traceparent)
                    .body(Actors.breakGlassBody("PT5S")) // the deadline comes within the test
                    .post("/v1/requests")
                    .then().statusCode(201).extract().path("requestId");

            Map<String, String> traceByType = await().atMost(Duration.ofSeconds(90)).until(
                    () -> traces(topics, requestId), seen -> seen.keySet().containsAll(LIFECYCLE));
            assertThat(traceByType).as("every event of the request names the caller's trace").allSatisfy(
                    (type, carried) -> assertThat(carried).as(type).isEqualTo(traceId));
            // the ledger records the events with their traceparent and still verifies
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(AUDITOR, "audit")
                    .get("/v1/audit/verify").then().statusCode(200).body("ok", equalTo(true)));
        }
    }

    /** The trace id each event type of the request carries ("none" where it carries no traceparent). */
    private static Map<String, String> traces(TopicProbe topics, String requestId) {
        Map<String, String> byType = new java.util.TreeMap<>();
        topics.records().forEach(record -> {
            JsonNode event = EventCodec.readTree(record.value().getBytes(StandardCharsets.UTF_8));
            if (requestId.equals(event.path("subject").asText())) {
                JsonNode carried = event.get("traceparent");
                byType.put(event.path("type").asText(), carried == null ? "none" : carried.asText().substring(3, 35));
            }
        });
        return byType;
    }
}
