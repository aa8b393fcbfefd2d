package io.eer.expiry.infra.in;

import static io.eer.expiry.SeededTimers.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.AccessExpired;
import io.eer.expiry.SeededTimers;
import io.eer.expiry.application.FireDueTimers;
import io.eer.support.observability.Traceparent;
import io.eer.expiry.projection.TimerView;
import io.eer.support.poll.DuePollers;
import io.eer.support.poll.DueWork;
import io.eer.support.testing.TopicProbe;
import io.eer.support.time.SettableClock;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Timers that fall due together fire a batch per transaction (eer.expiry.batch-size, 100): each exactly once, each
 * with its own trace, a poison timer left due without holding back the rest, racing pollers firing nothing twice, a
 * claim that never answers given up on.
 */
@QuarkusTest
class BatchFiringTest {

    private static final String EXPIRIES = "test-expiry.eer.expiries";
    private static final Duration ASYNC = Duration.ofSeconds(60);
    private static TopicProbe expiries;

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

    @BeforeAll
    static void probe() {
        expiries = new TopicProbe(EXPIRIES);
    }

    @AfterAll
    static void close() {
        expiries.close();
    }

    @AfterEach
    void realTime() {
        clock.reset();
        scheduler.resume(ExpiryPoller.JOB);
    }

    @Test
    void manyTimersDueAtOnce_fireOnceEach_inOneTransactionPerBatch_eachInItsOwnTrace() {
        String prefix = prefix();
        int timers = 300;
        dueInAnHour(prefix, timers);

        passTheHour();

        await().atMost(ASYNC).until(() -> firedCount(prefix) == timers);
        assertThat(count(expiredRows(prefix, "count(*)"))).isEqualTo(timers);
        assertThat(count(expiredRows(prefix, "count(distinct aggregate_id)"))).isEqualTo(timers);
        assertThat(count(expiredRows(prefix, "count(distinct sequence)"))).isEqualTo(timers);
        // 100 a transaction (a batch may also hold another test's timer that fell due): 3, at most 4
        assertThat(count(expiredRows(prefix, "count(distinct xmin::text)"))).isBetween(3L, 4L);
        await().atMost(ASYNC).until(() -> published(prefix).size() == timers);
        Map<String, List<EventEnvelope>> byGrant = published(prefix).stream()
                .collect(Collectors.groupingBy(e -> ((AccessExpired) e.data()).grantId()));
        assertThat(byGrant).hasSize(timers).allSatisfy((grantId, events) -> assertThat(events).hasSize(1));
        Map<String, String> traceIds = expiries.records().stream().filter(r -> r.value().contains(prefix))
                .collect(Collectors.toMap(r -> ((AccessExpired) envelope(r).data()).grantId(),
                        r -> Traceparent.traceId(Traceparent.of(r.value()).orElseThrow()), (a, b) -> a));
        for (int i = 0; i < timers; i++) {
            assertThat(traceIds.get(prefix + i)).as("trace of timer " + i).isEqualTo(SeededTimers.traceId(i));
        }
    }

    @Test
    void poisonTimer_inABatch_staysDue_andTheOthersFireInTheSameTransaction() {
        String prefix = prefix();
        int timers = 50;
        dueInAnHour(prefix, timers);
        String poison = prefix + "0"; // first in the batch's order; its stored arming cannot be read
        SeededTimers.execute("update domain_event set payload = 'not json' where aggregate_id = '" + poison + "'");
        try {
            passTheHour();

            await().atMost(ASYNC).until(() -> firedCount(prefix) == timers - 1);
            assertThat(count(expiredRows(prefix, "count(distinct aggregate_id)"))).isEqualTo(timers - 1);
            // not retried row by row after a failed batch: the 49 committed together
            assertThat(count(expiredRows(prefix, "count(distinct xmin::text)"))).isEqualTo(1);
            assertThat(count("select count(*) from timer where grant_id = '" + poison + "' and fired_at is null"))
                    .isEqualTo(1);
            assertThat(count(expiredRows(poison, "count(*)"))).isZero();
        } finally {
            // a poison left due would be claimed (and logged) by every later poll of this test run, and a rebuild
            // of the projection from domain_event (ExpiryTraceTest, TimerResourceTest) would fail on its event
            SeededTimers.execute("delete from timer where grant_id = '" + poison + "'");
            SeededTimers.execute("delete from domain_event where aggregate_id = '" + poison + "'");
        }
    }

    @Test
    void pollersRacingOverTheSameDueTimers_fireEachOnce() {
        String prefix = prefix();
        int timers = 400;
        dueInAnHour(prefix, timers);
        List<String> racers = List.of("expiry-poll-batch-race-a", "expiry-poll-batch-race-b");
        try {
            scheduler.pause(ExpiryPoller.JOB);
            racers.forEach(racer -> duePollers.start(fireDueTimers.work(racer, Duration.ofMillis(20), 30)));
            clock.advance(Duration.ofHours(1));
            scheduler.resume(ExpiryPoller.JOB);
            expiryPoller.wake();

            await().atMost(ASYNC).until(() -> firedCount(prefix) == timers);
        } finally {
            racers.forEach(scheduler::unscheduleJob);
        }
        assertThat(count(expiredRows(prefix, "count(*)"))).isEqualTo(timers);
        assertThat(count(expiredRows(prefix, "count(distinct aggregate_id)"))).isEqualTo(timers);
        // more than one poller took part: the service's batches of 100 and the racers' of 30
        assertThat(count(expiredRows(prefix, "count(distinct xmin::text)"))).isGreaterThan(4);
        await().atMost(ASYNC).until(() -> published(prefix).size() == timers);
        assertThat(published(prefix).stream().map(e -> ((AccessExpired) e.data()).grantId()).distinct().count())
                .isEqualTo(timers);
    }

    @Test
    void aClaimTransactionThatNeverAnswers_isGivenUpOn_andTheNextPollFiresTheOthers() {
        String prefix = prefix();
        String stuck = prefix + "stuck-";
        int timers = 5;
        SeededTimers.seed(stuck, 1, clock.instant().plus(Duration.ofMinutes(59)), 0); // claimed first
        dueInAnHour(prefix, timers);
        String job = "expiry-poll-stuck-claim";
        try {
            scheduler.pause(ExpiryPoller.JOB);
            // a poller of one row a batch whose handler never answers for the stuck timer, as a reactive operation a
            // database cut left behind did: it holds that row's claim; the poll deadline (15 s here) ends the wait
            duePollers.start(DueWork.batched(job, TimerView.TABLE, TimerView.KEY, TimerView.DUE, TimerView.ORDER,
                    Duration.ofMillis(100), 1, keys -> keys.get(0).startsWith(stuck) ? Uni.createFrom().nothing()
                            : fireDueTimers.fireAll(keys)));
            clock.advance(Duration.ofHours(1).plusSeconds(1));

            await().atMost(ASYNC).until(() -> firedCount(prefix) == timers);
        } finally {
            scheduler.unscheduleJob(job);
        }
        assertThat(count(expiredRows(prefix, "count(distinct aggregate_id)"))).isEqualTo(timers);
        assertThat(count(expiredRows(stuck, "count(*)"))).isZero(); // its transaction never committed
    }

    private void dueInAnHour(String prefix, int timers) {
        SeededTimers.seed(prefix, timers, clock.instant().plus(Duration.ofHours(1)), 0);
    }

    /** The hour passes while the poller is paused, then it is woken: every timer is due at its first poll. */
    private void passTheHour() {
        scheduler.pause(ExpiryPoller.JOB);
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        scheduler.resume(ExpiryPoller.JOB);
        expiryPoller.wake();
    }

    private static String prefix() {
        return "batch-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    }

    private static long firedCount(String prefix) {
        return count("select count(*) from timer where grant_id like '" + prefix + "%' and fired_at is not null");
    }

    private static String expiredRows(String prefix, String aggregate) {
        return "select " + aggregate + " from domain_event where aggregate_id like '" + prefix + "%'"
                + " and type = 'io.eer.AccessExpired.v1'";
    }

    private static List<EventEnvelope> published(String prefix) {
        return expiries.events().stream()
                .filter(e -> e.data() instanceof AccessExpired expired && expired.grantId().startsWith(prefix))
                .toList();
    }

    private static EventEnvelope envelope(ConsumerRecord<String, String> record) {
        return io.eer.contracts.EventCodec.decode(record.value());
    }
}
