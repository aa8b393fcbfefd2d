package io.eer.request.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eer.contracts.EventCodec;
import io.eer.support.observability.Traceparent;
import io.eer.support.testing.TestTokens;
import io.eer.support.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A request's trace starts at the REST call (the caller's W3C traceparent header, or a new trace) and the event it
 * causes carries it as the CloudEvents attribute traceparent, through the outbox to Kafka (EventStore stamps it).
 */
@QuarkusTest
class RestTraceTest {

    private static final String REQUESTS = "test-request.eer.requests";
    private static final String CAROL = TestTokens.contractor("carol", "oncall-dba");
    private static TopicProbe requests;

    @BeforeAll
    static void probe() {
        requests = new TopicProbe(REQUESTS);
    }

    @AfterAll
    static void close() {
        requests.close();
    }

    @Test
    void callersTraceparent_isCarriedByTheEventTheRequestCauses() {
        String traceId = HexFormat.of().formatHex(random(16));
        String caller = "00-" + traceId + "-" + HexFormat.of().formatHex(random(8)) + "-01";

        String requestId = submit(Optional.of(caller));

        String event = await().atMost(Duration.ofSeconds(30)).until(() -> published(requestId), Optional::isPresent).get();
        String carried = Traceparent.of(event).orElseThrow(() -> new AssertionError("the event has no traceparent"));
        assertThat(Traceparent.traceId(carried)).isEqualTo(traceId);
        assertThat(EventCodec.decode(event).type()).isEqualTo("io.eer.EmergencyRequested.v1");
    }

    @Test
    void requestWithoutTraceparent_startsATrace_thatTheEventCarries() {
        String requestId = submit(Optional.empty());
        String event = await().atMost(Duration.ofSeconds(30)).until(() -> published(requestId), Optional::isPresent).get();
        assertThat(Traceparent.of(event)).isPresent();
    }

    private static String submit(Optional<String> traceparent) {
        var request = given().auth().oauth2(CAROL).contentType(ContentType.JSON);
        traceparent.ifPresent(tp -> request.header("traceparent", tp));
        return request.body("""
                        {"kind":"EMERGENCY","origin":"CONTRACTOR_SELF","system":"payments-db","role":"db_admin",
                         "duration":"PT30M","justification":"Payments DB locked during INC-77","incident":"INC-77"}
                        """)
                .post("/v1/requests").then().statusCode(201).extract().path("requestId");
    }

    private static Optional<String> published(String requestId) {
        return requests.records().stream().map(ConsumerRecord::value)
                .filter(value -> value.contains("\"subject\":\"" + requestId + "\""))
                .findFirst();
    }

    @Test
    void submittedRequest_countsByKindAndOutcome() {
        String scraper = TestTokens.employee("prometheus", "eer-metrics");
        double before = submitted(scraper);
        String requestId = submit(Optional.empty());
        await().atMost(Duration.ofSeconds(30)).until(() -> published(requestId), Optional::isPresent);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(submitted(scraper)).isGreaterThanOrEqualTo(before + 1));
    }

    /** eer_requests_total{kind="emergency",outcome="submitted"} at /q/metrics (0 before the first). */
    private static double submitted(String scraper) {
        String text = given().auth().oauth2(scraper).get("/q/metrics").then().statusCode(200).extract().asString();
        return text.lines()
                .filter(line -> line.startsWith("eer_requests_total{") && line.contains("kind=\"emergency\"")
                        && line.contains("outcome=\"submitted\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[0] |= 1;
        return bytes;
    }
}
