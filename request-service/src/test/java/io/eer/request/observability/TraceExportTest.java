package io.eer.request.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eer.support.testing.HttpReceiver;
import io.eer.support.testing.HttpReceiver.Received;
import io.eer.support.testing.HttpReceiver.Reply;
import io.eer.support.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * With {@code EER_OTEL_ENDPOINT} set (here: {@code eer.observability.otlp-endpoint}, pointing at a real OTLP/HTTP
 * receiver in this test), the spans of a REST call leave the service as OTLP protobuf at {@code /v1/traces}, in the
 * caller's trace. The other tests of this module run without it: nothing is exported and nothing connects.
 */
@QuarkusTest
@QuarkusTestResource(value = TraceExportTest.OtlpReceiver.class, restrictToAnnotatedClass = true)
class TraceExportTest {

    private static final String CAROL = TestTokens.contractor("carol", "oncall-dba");

    @Test
    void spansOfARestCall_arriveAtTheOtlpReceiver_inTheCallersTrace() {
        byte[] traceId = random(16);
        String traceparent = "00-" + HexFormat.of().formatHex(traceId) + "-" + HexFormat.of().formatHex(random(8)) + "-01";

        given().auth().oauth2(CAROL).contentType(ContentType.JSON).header("traceparent", traceparent).body("""
                        {"kind":"EMERGENCY","origin":"CONTRACTOR_SELF","system":"payments-db","role":"db_admin",
                         "duration":"PT30M","justification":"Payments DB locked during INC-80","incident":"INC-80"}
                        """)
                .post("/v1/requests").then().statusCode(201);

        // OTLP protobuf carries the trace id as its 16 raw bytes (Span.trace_id)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(OtlpReceiver.received())
                .anySatisfy(post -> {
                    assertThat(post.header("Content-Type")).isEqualTo("application/x-protobuf");
                    assertThat(indexOf(post.body(), traceId)).as("the caller's trace id in an exported span").isNotNegative();
                }));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[0] |= 1;
        return bytes;
    }

    /** A minimal OTLP/HTTP receiver: answers every POST to /v1/traces 200 (an empty export response). */
    public static class OtlpReceiver implements QuarkusTestResourceLifecycleManager {

        private static volatile HttpReceiver receiver;

        /** The POSTs received on /v1/traces. */
        static List<Received> received() {
            return receiver.received("/v1/traces").stream().filter(post -> "POST".equals(post.method())).toList();
        }

        @Override
        public Map<String, String> start() {
            receiver = HttpReceiver.start().on("/v1/traces",
                    request -> Reply.status(200).header("Content-Type", "application/x-protobuf"));
            return Map.of("eer.observability.otlp-endpoint", receiver.base());
        }

        @Override
        public void stop() {
            if (receiver != null) {
                receiver.close();
            }
        }
    }
}
