package io.eer.expiry.observability;

import static io.eer.support.testing.TestTraces.newTraceparent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static io.restassured.RestAssured.given;

import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.AccessGranted;
import io.eer.expiry.application.RebuildTimerView;
import io.eer.support.observability.RequestIds;
import io.eer.support.observability.Traceparent;
import io.eer.support.testing.TestTokens;
import io.eer.support.testing.TopicProbe;
import io.eer.support.time.SettableClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The trace survives the timer: a timer keeps the trace the {@code AccessGranted} that armed it came in (stored with
 * {@code TimerScheduled} and in the timer row), and the {@code AccessExpired} the poller fires long after carries the
 * same trace id, as a new span of it. Log lines written while the grant is armed and while the timer fires carry the
 * request id and that trace id in the log context (MDC).
 */
@QuarkusTest
class ExpiryTraceTest {

    private static final String GRANTS = "test-expiry.eer.grants";
    private static final String EXPIRIES = "test-expiry.eer.expiries";
    private static final Duration ASYNC = Duration.ofSeconds(60);
    private static final String AUDITOR = TestTokens.employee("erin", "auditors");
    private static TopicProbe expiries;

    @Inject
    SettableClock clock;
    @Inject
    RebuildTimerView rebuildTimerView;

    private final List<ExtLogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record instanceof ExtLogRecord ext) {
                ext.copyMdc(); // the log context of the thread that logs, now
                logged.add(ext);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void probes() {
        expiries = new TopicProbe(EXPIRIES);
    }

    @AfterAll
    static void close() {
        expiries.close();
    }

    @BeforeEach
    void captureLogs() {
        Logger.getLogger("io.eer").addHandler(capture);
    }

    @AfterEach
    void reset() {
        Logger.getLogger("io.eer").removeHandler(capture);
        clock.reset();
    }

    @Test
    void accessExpired_continuesTheTraceOfTheGrant_afterTheTimerWaitedAndItsViewWasRebuilt() {
        String traceparent = newTraceparent();
        String grantId = UUID.randomUUID().toString();
        String requestId = UUID.randomUUID().toString();
        Instant deadline = Instant.now().truncatedTo(ChronoUnit.MILLIS).plus(Duration.ofHours(1));
        publishGranted(grantId, requestId, deadline, traceparent);
        // the consumer group's first join can take minutes on a busy machine
        await().atMost(Duration.ofMinutes(3)).untilAsserted(() -> given().auth().oauth2(AUDITOR)
                .get("/v1/timers/" + grantId).then().statusCode(200).body("status", equalTo("PENDING")));
        // the consumer's span is long gone; the projection is rebuilt from domain_event: the trace must come from there
        io.eer.expiry.OnContext.await(rebuildTimerView::execute);

        clock.advance(Duration.ofHours(1).plusSeconds(1));

        String expired = await().atMost(ASYNC).until(() -> expiredRecord(grantId), Optional::isPresent).get();
        String carried = Traceparent.of(expired).orElseThrow(() -> new AssertionError("AccessExpired has no traceparent"));
        assertThat(Traceparent.traceId(carried)).isEqualTo(Traceparent.traceId(traceparent));
        assertThat(spanId(carried)).as("a span of its own in that trace").isNotEqualTo(spanId(traceparent));
    }

    @Test
    void logLines_whileArmingAndFiring_carryTheRequestIdAndTheTraceId() {
        String traceparent = newTraceparent();
        String grantId = UUID.randomUUID().toString();
        String requestId = UUID.randomUUID().toString();
        Instant deadline = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(5); // due on arrival
        publishGranted(grantId, requestId, deadline, traceparent);
        // a replay of the grant (new event id) is logged by the consumer: "already has a timer"
        await().atMost(Duration.ofMinutes(3)).until(() -> expiredRecord(grantId), Optional::isPresent);
        publishGranted(grantId, requestId, deadline, traceparent);

        String traceId = Traceparent.traceId(traceparent);
        ExtLogRecord fired = await().atMost(ASYNC).until(() -> lineMentioning(grantId, "expired"), Optional::isPresent)
                .get();
        assertThat(fired.getMdcCopy()).containsEntry(RequestIds.KEY, requestId).containsEntry("traceId", traceId);
        ExtLogRecord replayed = await().atMost(ASYNC)
                .until(() -> lineMentioning(grantId, "already has a timer"), Optional::isPresent).get();
        assertThat(replayed.getMdcCopy()).containsEntry(RequestIds.KEY, requestId).containsEntry("traceId", traceId);
        // and nothing of one grant's handling leaks into lines about others
        assertThat(logged).filteredOn(r -> requestId.equals(r.getMdc(RequestIds.KEY)))
                .allSatisfy(r -> assertThat(Map.copyOf(r.getMdcCopy())).containsEntry("traceId", traceId));
    }

    private Optional<ExtLogRecord> lineMentioning(String grantId, String words) {
        return logged.stream().filter(r -> r.getFormattedMessage() != null
                && r.getFormattedMessage().contains(grantId) && r.getFormattedMessage().contains(words)).findFirst();
    }

    private static void publishGranted(String grantId, String requestId, Instant deadline, String traceparent) {
        AccessGranted granted = new AccessGranted(grantId, requestId, "carol", "payments-db", "db_admin", "postgres",
                "eer_carol_" + grantId.substring(0, 8), deadline.minus(Duration.ofMinutes(30)), deadline);
        String payload = EventCodec.encodeToString(
                EventEnvelope.of(UUID.randomUUID().toString(), "/eer/grant-service", Instant.now(), granted));
        expiries.publishRaw(GRANTS, requestId, Traceparent.stamp(payload, traceparent));
    }

    private static Optional<String> expiredRecord(String grantId) {
        return expiries.records().stream().map(ConsumerRecord::value)
                .filter(value -> value.contains("\"grantId\":\"" + grantId + "\"")).findFirst();
    }

    private static String spanId(String traceparent) {
        return traceparent.substring(36, 52);
    }
}
