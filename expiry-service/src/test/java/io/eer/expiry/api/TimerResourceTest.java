package io.eer.expiry.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.AccessExpired;
import io.eer.contracts.events.AccessGranted;
import io.eer.contracts.events.AccessRevoked;
import io.eer.contracts.events.DomainEvent;
import io.eer.contracts.events.GrantFailed;
import io.eer.contracts.events.Values.RevocationReason;
import io.eer.expiry.application.FireDueTimers;
import io.eer.expiry.application.RebuildTimerView;
import io.eer.expiry.infra.in.ExpiryPoller;
import io.eer.expiry.projection.TimerView;
import io.eer.support.poll.DuePollers;
import io.eer.support.poll.DueWork;
import io.eer.support.testing.TestTokens;
import io.eer.support.time.SettableClock;
import io.eer.support.testing.TopicProbe;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TimerResourceTest {

    private static final String GRANTS = "test-expiry.eer.grants";
    private static final String EXPIRIES = "test-expiry.eer.expiries";
    private static final String DEAD_LETTERS = "test-expiry.eer.dlq.expiry";
    private static final String AUDITOR = TestTokens.employee("erin", "auditors");
    private static final String ADMIN = TestTokens.employee("olga", "eer-admins");
    private static final Duration ASYNC = Duration.ofSeconds(20);
    private static TopicProbe expiries;
    private static TopicProbe deadLetters;
    private static boolean consumerLive;

    @Inject
    Scheduler scheduler;
    @Inject
    SettableClock clock;
    @Inject
    ExpiryPoller expiryPoller;
    @Inject
    DuePollers duePollers;
    @Inject
    FireDueTimers fireDueTimers;
    @Inject
    RebuildTimerView rebuildTimerView;

    @BeforeAll
    static void probes() {
        expiries = new TopicProbe(EXPIRIES);
        deadLetters = new TopicProbe(DEAD_LETTERS);
    }

    @AfterAll
    static void close() {
        expiries.close();
        deadLetters.close();
    }

    @AfterEach
    void realTime() {
        clock.reset();
        scheduler.resume(ExpiryPoller.JOB);
    }

    /** The first test waits until the service's consumer has joined, so short deadlines are not eaten by that. */
    @BeforeEach
    void consumerIsLive() {
        if (!consumerLive) {
            String grantId = newId();
            arm(grantId, newId(), Instant.now(), Instant.now().plus(Duration.ofHours(10)));
            // the first join of the consumer group can take minutes on a busy machine (as in FailurePolicyIntegrationTest)
            await().atMost(Duration.ofMinutes(3)).untilAsserted(() -> given().auth().oauth2(AUDITOR)
                    .get("/v1/timers/" + grantId).then().statusCode(200).body("status", equalTo("PENDING")));
            revoke(grantId, RevocationReason.REVOKED_EARLY);
            awaitStatus(grantId, "CANCELLED");
            consumerLive = true;
        }
    }

    @Test
    void accessGranted_firesAccessExpiredAtTheDeadline_once_evenWhenDeliveredTwice() {
        String grantId = newId();
        String requestId = newId();
        Instant grantedAt = now();
        Instant deadline = grantedAt.plus(Duration.ofHours(1));
        EventEnvelope granted = envelope(granted(grantId, requestId, grantedAt, deadline));

        expiries.publish(GRANTS, granted);
        expiries.publish(GRANTS, granted); // redelivered: same event id
        expiries.publish(GRANTS, envelope(granted(grantId, requestId, grantedAt, deadline.plusSeconds(3)))); // replayed
        awaitConsumedUpTo(requestId);
        assertThat(expiredEnvelopes(grantId)).isEmpty();

        clock.advance(Duration.ofHours(1)); // an hour passes, in no time

        EventEnvelope event = await().atMost(ASYNC).until(() -> expiredEnvelopes(grantId), list -> !list.isEmpty()).get(0);
        assertThat(clock.instant()).isAfterOrEqualTo(deadline);
        AccessExpired expired = (AccessExpired) event.data();
        assertThat(expired.requestId()).isEqualTo(requestId);
        assertThat(expired.deadline()).isEqualTo(deadline);
        assertThat(expired.firedAt()).isAfterOrEqualTo(deadline);
        assertThat(expired.latenessMillis())
                .isEqualTo(Duration.between(deadline, expired.firedAt()).toMillis())
                .isBetween(0L, 2_000L);
        assertThat(event.subject()).isEqualTo(requestId);
        assertThat(event.source()).isEqualTo("/eer/expiry-service");
        assertThat(event.type()).isEqualTo("io.eer.AccessExpired.v1");

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> expiredEnvelopes(grantId).size() == 1);
        given().auth().oauth2(AUDITOR).get("/v1/timers/" + grantId)
                .then().statusCode(200)
                .body("grantId", equalTo(grantId))
                .body("requestId", equalTo(requestId))
                .body("status", equalTo("FIRED"))
                .body("deadline", equalTo(deadline.toString()))
                .body("firedAt", equalTo(expired.firedAt().toString()))
                .body("latenessMillis", equalTo((int) expired.latenessMillis()))
                .body("cancelledAt", nullValue());
    }

    @Test
    void accessGranted_whenDeadlinePassedWhileDown_firesAtOnceWithItsLateness() {
        String grantId = newId();
        String requestId = newId();
        Instant deadline = now().minusSeconds(30);
        Instant arrived = Instant.now();

        arm(grantId, requestId, deadline.minus(Duration.ofMinutes(30)), deadline);

        AccessExpired expired = (AccessExpired) await().atMost(ASYNC)
                .until(() -> expiredEnvelopes(grantId), list -> !list.isEmpty()).get(0).data();
        assertThat(expired.deadline()).isEqualTo(deadline);
        assertThat(expired.latenessMillis()).isGreaterThanOrEqualTo(30_000L)
                .isEqualTo(Duration.between(deadline, expired.firedAt()).toMillis());
        assertThat(expired.firedAt()).isBetween(arrived, arrived.plusSeconds(5)); // at once, not at some later poll

        // the grant service's own AccessRevoked(EXPIRED) follows; the timer stays FIRED and fires no more
        revoke(grantId, RevocationReason.EXPIRED);
        awaitConsumedUpTo(requestId);
        given().auth().oauth2(ADMIN).get("/v1/timers/" + grantId)
                .then().statusCode(200).body("status", equalTo("FIRED"))
                .body("latenessMillis", equalTo((int) expired.latenessMillis()));
        assertThat(expiredEnvelopes(grantId)).hasSize(1);
    }

    @Test
    void timer_whenItsDeadlinePassesWhileThePollerIsDown_firesOnResumeWithItsLateness() {
        String grantId = newId();
        Instant deadline = now().plus(Duration.ofHours(1));
        Instant resumed;
        scheduler.pause(ExpiryPoller.JOB);
        try {
            arm(grantId, newId(), now(), deadline);
            awaitStatus(grantId, "PENDING");
            clock.advance(Duration.ofHours(1).plusSeconds(2));
            expiryPoller.wake(); // a paused poller stays paused, woken or not
            // the deadline passed while nothing polls: nothing may fire
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> expiredEnvelopes(grantId).isEmpty());
            assertThat(clock.instant()).isAfter(deadline.plusSeconds(1));
        } finally {
            resumed = clock.instant();
            scheduler.resume(ExpiryPoller.JOB);
        }

        AccessExpired expired = (AccessExpired) await().atMost(ASYNC)
                .until(() -> expiredEnvelopes(grantId), list -> !list.isEmpty()).get(0).data();
        assertThat(expired.firedAt()).isBetween(resumed, resumed.plusSeconds(5));
        assertThat(expired.latenessMillis()).isGreaterThanOrEqualTo(Duration.between(deadline, resumed).toMillis());
        awaitStatus(grantId, "FIRED");
    }

    @Test
    void accessRevoked_beforeTheDeadline_cancelsTheTimer_andNothingFires() {
        String grantId = newId();
        String requestId = newId();
        Instant deadline = now().plus(Duration.ofHours(1));

        arm(grantId, requestId, now(), deadline);
        revoke(grantId, requestId, RevocationReason.REVOKED_EARLY);

        awaitStatus(grantId, "CANCELLED");
        given().auth().oauth2(AUDITOR).get("/v1/timers/" + grantId)
                .then().statusCode(200)
                .body("requestId", equalTo(requestId))
                .body("cancelReason", equalTo("REVOKED_EARLY"))
                .body("firedAt", nullValue())
                .body("latenessMillis", nullValue());
        // well past the deadline (poll + outbox relay included), still nothing
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> expiredEnvelopes(grantId).isEmpty());
        given().auth().oauth2(AUDITOR).get("/v1/timers/" + grantId).then().body("status", equalTo("CANCELLED"));
    }

    @Test
    void timers_listPending_inTheOrderTheyFire() {
        String later = newId();
        String sooner = newId();
        arm(later, newId(), now(), now().plus(Duration.ofHours(2)));
        arm(sooner, newId(), now(), now().plus(Duration.ofHours(1)));
        awaitStatus(later, "PENDING");
        awaitStatus(sooner, "PENDING");

        List<String> pending = given().auth().oauth2(ADMIN).queryParam("status", "pending").queryParam("limit", 1000)
                .get("/v1/timers")
                .then().statusCode(200)
                .body("status", everyItem(equalTo("PENDING")))
                .extract().jsonPath().getList("grantId");
        assertThat(pending).contains(sooner, later);
        assertThat(pending.indexOf(sooner)).isLessThan(pending.indexOf(later));

        revoke(later, RevocationReason.REQUEST_CANCELLED);
        revoke(sooner, RevocationReason.REQUEST_CANCELLED);
        awaitStatus(later, "CANCELLED");
        awaitStatus(sooner, "CANCELLED");
        given().auth().oauth2(ADMIN).queryParam("status", "PENDING").queryParam("limit", 1000).get("/v1/timers")
                .then().statusCode(200).body("grantId", not(hasItem(sooner)));
        given().auth().oauth2(ADMIN).queryParam("status", "cancelled").queryParam("limit", 1000).get("/v1/timers")
                .then().statusCode(200).body("grantId", hasItems(sooner, later))
                .body("status", everyItem(equalTo("CANCELLED")));
    }

    @Test
    void timers_whenFilterInvalid_isBadRequest() {
        given().auth().oauth2(ADMIN).queryParam("status", "sleeping").get("/v1/timers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("status"))
                .body("violations[0].rule", equalTo("one-of"));
        given().auth().oauth2(ADMIN).queryParam("limit", "0").get("/v1/timers")
                .then().statusCode(400).body("violations[0].field", equalTo("limit"))
                .body("violations[0].rule", equalTo("range"));
        given().auth().oauth2(ADMIN).queryParam("limit", "lots").get("/v1/timers")
                .then().statusCode(400).body("violations[0].field", equalTo("limit"));
    }

    @Test
    void timer_whenUnknown_isNotFound() {
        given().auth().oauth2(AUDITOR).get("/v1/timers/" + newId())
                .then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void timer_whenCallerNeitherAuditorNorAdmin_isForbidden() {
        given().auth().oauth2(TestTokens.employee("carol", "oncall-dba", "secops")).get("/v1/timers/" + newId())
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.employee("carol", "oncall-dba")).get("/v1/timers")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void timers_withoutToken_isUnauthorized() {
        given().get("/v1/timers/" + newId())
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"));
        given().get("/v1/timers").then().statusCode(401);
        given().auth().oauth2(AUDITOR.substring(0, AUDITOR.length() - 4) + "AAAA").get("/v1/timers")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void grantEvent_whenMalformed_goesToDeadLetters_andTimersKeepWorking() {
        String requestId = newId();
        String garbage = "{\"not\": \"a cloud event " + requestId + "\"}";
        expiries.publishRaw(GRANTS, requestId, garbage);
        String noDeadline = newId();
        EventEnvelope withoutDeadline = envelope(granted(noDeadline, requestId, now(), null));
        expiries.publish(GRANTS, withoutDeadline);
        expiries.publish(GRANTS, envelope(new GrantFailed(requestId, "payments-db", "postgres", "connection refused")));

        awaitConsumedUpTo(requestId);
        await().atMost(ASYNC).untilAsserted(() -> assertThat(deadLetters.records())
                .extracting(ConsumerRecord::value)
                .contains(garbage)
                .anySatisfy(value -> assertThat(value).contains(withoutDeadline.id())));
        given().auth().oauth2(AUDITOR).get("/v1/timers/" + noDeadline).then().statusCode(404);
    }

    @Test
    void timers_whenSeveralInstancesPollAtOnce_eachGrantExpiresExactlyOnce() {
        // three pollers on one database, as three instances would be: the service's own and two more
        List<String> grantIds = new ArrayList<>();
        String requestId = newId();
        Instant deadline = now().plus(Duration.ofHours(1));
        for (int i = 0; i < 30; i++) {
            String grantId = newId();
            grantIds.add(grantId);
            arm(grantId, requestId, now(), deadline);
        }
        awaitConsumedUpTo(requestId);
        List<String> racers = List.of("expiry-poll-race-a", "expiry-poll-race-b");
        for (String racer : racers) {
            duePollers.start(new DueWork(racer, TimerView.TABLE, TimerView.KEY, TimerView.DUE, TimerView.ORDER,
                    Duration.ofMillis(20), 3, fireDueTimers::fire));
        }
        try {
            clock.advance(Duration.ofHours(1));
            expiryPoller.wake();

            await().atMost(ASYNC).until(() -> grantIds.stream().allMatch(id -> !expiredEnvelopes(id).isEmpty()));
            await().atMost(ASYNC).until(() -> count("select count(*) from outbox where published_at is null") == 0);
        } finally {
            racers.forEach(scheduler::unscheduleJob);
        }
        for (String grantId : grantIds) {
            assertThat(expiredEnvelopes(grantId)).as("AccessExpired of " + grantId).hasSize(1);
        }
        assertThat(count("select count(*) from domain_event where type = 'io.eer.AccessExpired.v1' and aggregate_id in ("
                + String.join(",", grantIds.stream().map(id -> "'" + id + "'").toList()) + ")")).isEqualTo(30);
    }

    @Test
    void timerView_rebuiltFromTheEvents_isWhatItWas() {
        String pending = newId();
        String cancelled = newId();
        String fired = newId();
        String requestId = newId();
        arm(pending, requestId, now(), now().plus(Duration.ofHours(10)));
        arm(cancelled, requestId, now(), now().plus(Duration.ofHours(10)));
        revoke(cancelled, requestId, RevocationReason.REVOKED_EARLY);
        arm(fired, requestId, now().minusSeconds(60), now().minusSeconds(1));
        awaitStatus(fired, "FIRED");
        awaitStatus(cancelled, "CANCELLED");
        awaitStatus(pending, "PENDING");
        scheduler.pause(ExpiryPoller.JOB); // nothing changes the table while it is compared

        List<List<Object>> before = snapshot();
        onContext(() -> Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery("delete from timer").executeUpdate())));
        assertThat(count("select count(*) from timer")).isZero();
        given().auth().oauth2(AUDITOR).get("/v1/timers/" + fired).then().statusCode(404);

        long applied = onContext(rebuildTimerView::execute);

        assertThat(applied).isGreaterThanOrEqualTo(6); // at least this test's 3 scheduled, 1 cancelled, 1 fired (+ marker)
        assertThat(snapshot()).isEqualTo(before).hasSizeGreaterThanOrEqualTo(3);
        given().auth().oauth2(AUDITOR).get("/v1/timers/" + fired).then().statusCode(200).body("status", equalTo("FIRED"));
        given().auth().oauth2(AUDITOR).get("/v1/timers/" + cancelled).then().statusCode(200)
                .body("cancelReason", equalTo("REVOKED_EARLY"));
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    /** Millisecond instants: what a JSON round trip and PostgreSQL keep unchanged. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static AccessGranted granted(String grantId, String requestId, Instant grantedAt, Instant expiresAt) {
        return new AccessGranted(grantId, requestId, "carol", "payments-db", "db_admin", "postgres",
                "eer_carol_" + grantId.substring(0, 8), grantedAt, expiresAt);
    }

    private static EventEnvelope envelope(DomainEvent data) {
        return EventEnvelope.of(newId(), "/eer/grant-service", Instant.now(), data);
    }

    private static void arm(String grantId, String requestId, Instant grantedAt, Instant expiresAt) {
        expiries.publish(GRANTS, envelope(granted(grantId, requestId, grantedAt, expiresAt)));
    }

    private static void revoke(String grantId, RevocationReason reason) {
        String requestId = given().auth().oauth2(ADMIN).get("/v1/timers/" + grantId)
                .then().statusCode(200).extract().path("requestId");
        revoke(grantId, requestId, reason);
    }

    private static void revoke(String grantId, String requestId, RevocationReason reason) {
        expiries.publish(GRANTS, envelope(new AccessRevoked(grantId, requestId, "payments-db", reason, Instant.now(),
                0, true)));
    }

    /**
     * Publishes a marker grant for {@code requestId} (same key, same partition, so it is consumed after everything
     * published before it for that request) and waits until its timer exists.
     */
    private static void awaitConsumedUpTo(String requestId) {
        String marker = newId();
        arm(marker, requestId, now(), now().plus(Duration.ofHours(10))); // never due in a test
        awaitStatus(marker, "PENDING");
        revoke(marker, requestId, RevocationReason.REQUEST_CANCELLED);
    }

    private static void awaitStatus(String grantId, String status) {
        await().atMost(ASYNC).untilAsserted(() -> given().auth().oauth2(AUDITOR).get("/v1/timers/" + grantId)
                .then().statusCode(200).body("status", equalTo(status)));
    }

    private static List<List<Object>> snapshot() {
        List<Object[]> rows = onContext(() -> Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("select grant_id, request_id, deadline, scheduled_at, fired_at, lateness_millis,"
                        + " cancelled_at, cancel_reason from timer order by grant_id", Object[].class)
                .getResultList())));
        return rows.stream().map(Arrays::asList).toList();
    }

    private static long count(String sql) {
        return onContext(() -> Panache.withSession(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(sql, Long.class).getSingleResult())));
    }

    private static <T> T onContext(java.util.function.Supplier<Uni<T>> work) {
        return io.eer.expiry.OnContext.await(work);
    }

    private static List<EventEnvelope> expiredEnvelopes(String grantId) {
        return expiries.events().stream()
                .filter(e -> e.data() instanceof AccessExpired expired && expired.grantId().equals(grantId))
                .toList();
    }
}
