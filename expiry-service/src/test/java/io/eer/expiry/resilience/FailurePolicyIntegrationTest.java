package io.eer.expiry.resilience;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.AccessExpired;
import io.eer.contracts.events.AccessGranted;
import io.eer.contracts.events.GrantFailed;
import io.eer.expiry.SeededTimers;
import io.eer.expiry.infra.in.ExpiryPoller;
import io.eer.support.outbox.EventStore;
import io.eer.support.time.SettableClock;
import io.quarkus.scheduler.Scheduler;
import io.eer.support.testing.TcpProxy;
import io.eer.support.testing.TestTokens;
import io.eer.support.testing.TopicProbe;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.eer.support.testing.PostgresBehindProxy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared failure policy, sequence numbers, republish and the 503 edge, against the real broker and a real
 * database that the test takes away ({@link PostgresBehindProxy}).
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresBehindProxy.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "eer_expiry"))
class FailurePolicyIntegrationTest {

    private static final String GRANTS = "test-expiry.eer.grants";
    private static final String EXPIRIES = "test-expiry.eer.expiries";
    private static final String DEAD_LETTERS = "test-expiry.eer.dlq.expiry";
    private static final String AUDITOR = TestTokens.employee("erin", "auditors");
    private static final String ADMIN = TestTokens.employee("olga", "eer-admins");
    private static final Duration ASYNC = Duration.ofSeconds(30);
    private static TopicProbe grants;
    private static TopicProbe expiries;
    private static TopicProbe deadLetters;
    private static boolean consumerLive;

    @Inject
    EventStore eventStore;
    @Inject
    SettableClock clock;
    @Inject
    Scheduler scheduler;
    @Inject
    ExpiryPoller expiryPoller;

    @BeforeAll
    static void probes() {
        grants = new TopicProbe();
        expiries = new TopicProbe(EXPIRIES);
        deadLetters = new TopicProbe(DEAD_LETTERS);
    }

    @AfterAll
    static void close() {
        for (TopicProbe probe : new TopicProbe[] {grants, expiries, deadLetters}) {
            if (probe != null) {
                probe.close();
            }
        }
    }

    /** Each test starts with the database up and the consumer handling records (the first join can be slow). */
    @BeforeEach
    void consumerIsLive() {
        proxy().restore();
        String grantId = newId();
        grants.publish(GRANTS, envelope("/eer/grant-service", granted(grantId, Instant.now().plusSeconds(3600))));
        await().atMost(consumerLive ? ASYNC : Duration.ofMinutes(3)).untilAsserted(() -> given().auth()
                .oauth2(AUDITOR).get("/v1/timers/" + grantId).then().statusCode(200).body("status", equalTo("PENDING")));
        consumerLive = true;
    }

    @AfterEach
    void databaseBack() {
        proxy().restore();
    }

    // ---- consumers: transient failures wait, permanent ones go to the dead-letter topic

    @Test
    void grantEvent_whileDatabaseIsDown_isNotDeadLettered_andTakesEffectOnceItIsBack() {
        String grantId = newId();
        int refusedBefore = proxy().refused();
        proxy().cut();

        grants.publish(GRANTS, envelope("/eer/grant-service", granted(grantId, Instant.now().plusSeconds(3600))));

        // the service keeps trying while the database refuses it, and the record stays out of the dead-letter topic
        await().atMost(ASYNC).until(() -> proxy().refused() >= refusedBefore + 10);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> deadLettersMentioning(grantId).isEmpty());

        proxy().restore();

        awaitStatus(grantId, "PENDING");
        assertThat(deadLettersMentioning(grantId)).isEmpty();
    }

    @Test
    void grantEvent_fromAnotherSource_goesToTheDeadLetterTopic_andArmsNothing() {
        String forged = newId();
        String genuine = newId();
        EventEnvelope forgedEvent = envelope("/eer/request-service", granted(forged, Instant.now().plusSeconds(60)));

        grants.publish(GRANTS, forgedEvent);
        grants.publish(GRANTS, envelope("/eer/grant-service", granted(genuine, Instant.now().plusSeconds(3600))));

        awaitStatus(genuine, "PENDING"); // consumed after the forged one (same key, same partition)
        List<ConsumerRecord<String, String>> dead = await().atMost(ASYNC)
                .until(() -> deadLettersMentioning(forged), list -> !list.isEmpty());
        assertThat(dead.get(0).value()).isEqualTo(EventCodec.encodeToString(forgedEvent));
        given().auth().oauth2(AUDITOR).get("/v1/timers/" + forged).then().statusCode(404);
    }

    @Test
    void garbage_goesToTheDeadLetterTopic_andTheNextRecordIsStillHandled() {
        String key = "garbage-" + newId();
        String grantId = newId();

        grants.publishRaw(GRANTS, key, "{\"not\":\"a cloud event\"}");
        grants.publish(GRANTS, envelope("/eer/grant-service", granted(grantId, Instant.now().plusSeconds(3600))));

        await().atMost(ASYNC).until(() -> deadLetters.records().stream().anyMatch(r -> key.equals(r.key())));
        awaitStatus(grantId, "PENDING");
    }

    // ---- the REST edge: retried inside the budget, then 503 with Retry-After

    @Test
    void write_whileDatabaseStaysDown_is503ProblemWithRetryAfter() {
        proxy().cut();

        Response response = given().auth().oauth2(ADMIN).post("/v1/admin/republish?from=1");

        response.then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "7")
                .body("status", equalTo(503));
    }

    @Test
    void write_duringAShortOutage_succeedsAfterTheRetry() {
        proxy().cut();
        int refusedBefore = proxy().refused();
        // the outage ends by itself a second from now, well inside the request's 3 s retry budget
        CompletableFuture.runAsync(proxy()::restore, CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS));

        given().auth().oauth2(ADMIN).post("/v1/admin/republish?from=999999999").then().statusCode(200)
                .body("queued", equalTo(0));
        assertThat(proxy().refused()).isGreaterThan(refusedBefore); // it did meet the outage
    }

    // ---- the poller: a database cut in the middle of batches of firings

    @Test
    void firings_whenTheDatabaseIsCutMidBatch_nothingFiresTwiceAndNothingIsLost() {
        String prefix = "cut-" + newId().substring(0, 8) + "-";
        int timers = 1_000;
        SeededTimers.seed(prefix, timers, clock.instant().plus(Duration.ofHours(1)), 0);
        try {
            scheduler.pause(ExpiryPoller.JOB);
            clock.advance(Duration.ofHours(1).plusSeconds(1));
            scheduler.resume(ExpiryPoller.JOB);
            expiryPoller.wake();
            // cut as soon as the first batch committed: later batches are in flight or not yet claimed
            await().atMost(ASYNC).pollInterval(Duration.ofMillis(10)).until(() -> firedCount(prefix) > 0);
            proxy().cut();
            // the database is gone for 3 s (as in write_duringAShortOutage_succeedsAfterTheRetry)
            CompletableFuture.runAsync(proxy()::restore, CompletableFuture.delayedExecutor(3, TimeUnit.SECONDS));

            await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(() -> firedCount(prefix) == timers);
        } finally {
            proxy().restore();
            clock.reset();
            scheduler.resume(ExpiryPoller.JOB);
        }
        assertThat(SeededTimers.count("select count(*) from domain_event where aggregate_id like '" + prefix + "%'"
                + " and type = 'io.eer.AccessExpired.v1'")).isEqualTo(timers);
        assertThat(SeededTimers.count("select count(distinct aggregate_id) from domain_event where aggregate_id like '"
                + prefix + "%' and type = 'io.eer.AccessExpired.v1'")).isEqualTo(timers);
        await().atMost(Duration.ofMinutes(2)).until(() -> expiries.events().stream()
                .filter(e -> e.data() instanceof AccessExpired x && x.grantId().startsWith(prefix)).count() >= timers);
        assertThat(expiries.events().stream()
                .filter(e -> e.data() instanceof AccessExpired x && x.grantId().startsWith(prefix))
                .map(e -> ((AccessExpired) e.data()).grantId()).distinct().count()).isEqualTo(timers);
    }

    private static long firedCount(String prefix) {
        return SeededTimers.count("select count(*) from timer where grant_id like '" + prefix + "%'"
                + " and fired_at is not null");
    }

    // ---- sequence numbers and republish

    @Test
    void sequence_concurrentAppends_andARollback_leaveNoGapAndNoRepeat() throws Exception {
        List<CompletableFuture<Void>> appends = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            appends.add(CompletableFuture.runAsync(() -> append(false)));
        }
        CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        assertThatThrownBy(() -> append(true)).isInstanceOf(IllegalStateException.class).hasMessage("roll back");
        append(false);

        Object[] figures = onContext(() -> Panache.withSession(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery("select count(*), count(distinct sequence), min(sequence),"
                        + " max(sequence), (select last_value from producer_sequence) from domain_event"
                        + " where sequence is not null", Object[].class).getSingleResult())));
        long count = ((Number) figures[0]).longValue();
        assertThat(count).isGreaterThanOrEqualTo(21);
        assertThat(((Number) figures[1]).longValue()).as("distinct").isEqualTo(count);
        assertThat(((Number) figures[2]).longValue()).as("min").isEqualTo(1);
        assertThat(((Number) figures[3]).longValue()).as("max").isEqualTo(count);
        assertThat(((Number) figures[4]).longValue()).as("counter").isEqualTo(count);
    }

    @Test
    void republish_queuesTheSameBytesAgain_forAdminsOnly() {
        String grantId = newId();
        grants.publish(GRANTS, envelope("/eer/grant-service", granted(grantId, Instant.now().plusMillis(300))));
        ConsumerRecord<String, String> first = await().atMost(ASYNC).until(() -> expiredRecords(grantId),
                list -> !list.isEmpty()).get(0);
        EventEnvelope expired = EventCodec.decode(first.value());
        assertThat(expired.sequence()).isNotNull().isPositive();

        given().auth().oauth2(AUDITOR).post("/v1/admin/republish?from=1").then().statusCode(403)
                .contentType("application/problem+json");
        for (String bad : List.of("0", "-1", "abc", "1.5", "")) {
            given().auth().oauth2(ADMIN).post("/v1/admin/republish?from=" + bad).then().statusCode(400)
                    .contentType("application/problem+json").body("violations[0].field", equalTo("from"));
        }

        given().auth().oauth2(ADMIN).post("/v1/admin/republish?from=" + expired.sequence())
                .then().statusCode(200).body("queued", org.hamcrest.Matchers.greaterThanOrEqualTo(1));

        List<ConsumerRecord<String, String>> both = await().atMost(ASYNC).until(() -> expiredRecords(grantId),
                list -> list.size() >= 2);
        assertThat(both.get(1).value()).isEqualTo(first.value());
        assertThat(both.get(1).key()).isEqualTo(first.key());
    }

    // ---- helpers

    private static TcpProxy proxy() {
        return PostgresBehindProxy.proxy();
    }

    private void append(boolean rollBack) {
        String requestId = newId();
        GrantFailed event = new GrantFailed(requestId, "payments-db", "postgres", "sequence test");
        onContext(() -> Panache.withTransaction(() -> eventStore
                .append("sequence-test-" + requestId, 0, "eer.sequence-test", event)
                .chain(appended -> rollBack ? Uni.createFrom().failure(new IllegalStateException("roll back"))
                        : Uni.createFrom().voidItem())));
    }

    private static <T> T onContext(java.util.function.Supplier<Uni<T>> work) {
        return io.eer.expiry.OnContext.await(work);
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private static AccessGranted granted(String grantId, Instant expiresAt) {
        Instant grantedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new AccessGranted(grantId, "req-" + grantId, "carol", "payments-db", "db_admin", "postgres",
                "eer_carol_" + grantId.substring(0, 8), grantedAt, expiresAt.truncatedTo(ChronoUnit.MILLIS));
    }

    private static EventEnvelope envelope(String source, AccessGranted data) {
        return EventEnvelope.of(newId(), source, Instant.now(), data);
    }

    private static void awaitStatus(String grantId, String status) {
        await().atMost(ASYNC).untilAsserted(() -> given().auth().oauth2(AUDITOR).get("/v1/timers/" + grantId)
                .then().statusCode(200).body("status", equalTo(status)));
    }

    private static List<ConsumerRecord<String, String>> deadLettersMentioning(String grantId) {
        return deadLetters.records().stream().filter(r -> r.value() != null && r.value().contains(grantId)).toList();
    }

    private static List<ConsumerRecord<String, String>> expiredRecords(String grantId) {
        return expiries.records().stream()
                .filter(r -> EventCodec.decode(r.value()).data() instanceof AccessExpired e && e.grantId().equals(grantId))
                .toList();
    }
}
