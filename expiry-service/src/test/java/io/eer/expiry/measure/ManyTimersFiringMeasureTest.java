package io.eer.expiry.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import static io.eer.expiry.SeededTimers.count;
import static io.eer.expiry.SeededTimers.row;

import io.eer.expiry.OnContext;
import io.eer.expiry.SeededTimers;
import io.eer.expiry.application.UpcomingDeadlines;
import io.eer.expiry.infra.in.TimerArming;
import io.eer.support.time.SettableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #12 P2, measured (figures printed, no timing asserted): timers stored the way the service stores an arming
 * (as {@code ./eer bench}'s P2 phase does), 1,000 in {@code ./eer test} and 10,000 with
 * {@code -Deer.test.measure-timers=10000}, their deadlines 2 ms apart (500 due a second, each in a millisecond of its
 * own), armed in memory by the re-arm path, with a 1 s backstop poll (production: 10 s). Prints the
 * re-arm cost, firings per second, lateness ({@code firedAt - deadline}) p50/p99/max and how many transactions fired
 * them. Asserts what must hold at any speed: each timer fired exactly once.
 */
@QuarkusTest
@TestProfile(ManyTimersFiringMeasureTest.OneSecondPoll.class)
class ManyTimersFiringMeasureTest {

    public static class OneSecondPoll implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the re-arm job stays out of the way: this test runs the re-arm itself, timed
            return Map.of("eer.expiry.poll-interval", "1s", "eer.expiry.arm-every", "1h");
        }
    }

    /** 1,000 in {@code ./eer test}; {@code -Deer.test.measure-timers=10000} runs issue #12's 10,000 (about 2 min). */
    private static final int TIMERS = Integer.getInteger("eer.test.measure-timers", 1_000);
    private static final long STEP_MICROS = 2_000;

    @Inject
    SettableClock clock;
    @Inject
    TimerArming arming;
    @Inject
    UpcomingDeadlines upcoming;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void manyTimersDue2msApart_eachFiresOnce_figuresPrinted() {
        // storing them must end before the first deadline: ~3 ms a timer under load
        Instant first = Instant.now().plusSeconds(5 + TIMERS / 400).truncatedTo(ChronoUnit.MILLIS);
        SeededTimers.seed("measure-", TIMERS, first, STEP_MICROS);

        long r0 = System.nanoTime();
        List<Instant> deadlines = OnContext.await(() -> upcoming.within(Duration.ofMinutes(2)));
        deadlines.forEach(arming::arm);
        long rearmMillis = (System.nanoTime() - r0) / 1_000_000;
        int armed = arming.armedCount();
        assertThat(deadlines).hasSizeGreaterThanOrEqualTo(TIMERS);

        Instant giveUp = Instant.now().plus(Duration.ofMinutes(9));
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1)).until(() ->
                count("select count(*) from timer where grant_id like 'measure-%' and fired_at is null") == 0
                        || Instant.now().isAfter(giveUp));

        long fired = count("select count(*) from timer where grant_id like 'measure-%' and fired_at is not null");
        Object[] figures = row("select cast(percentile_cont(0.5) within group (order by lateness_millis) as bigint),"
                + " cast(percentile_cont(0.99) within group (order by lateness_millis) as bigint),"
                + " max(lateness_millis),"
                + " cast(extract(epoch from (max(fired_at) - min(deadline))) * 1000 as bigint)"
                + " from timer where grant_id like 'measure-%' and fired_at is not null");
        long transactions = count("select count(distinct xmin::text) from domain_event"
                + " where aggregate_id like 'measure-%' and type = 'io.eer.AccessExpired.v1'");
        long spanMillis = figures[3] == null ? 0 : ((Number) figures[3]).longValue();
        System.out.printf("%nP2 MEASURE %,d timers due over %d s (%s poll): re-arm %,d deadlines in %d ms (%,d Vert.x"
                        + " timers); fired %,d; %.0f firings/s (first deadline to last firing %,d ms); lateness p50 %s"
                        + " ms, p99 %s ms, max %s ms; %,d transactions%n%n",
                TIMERS, TIMERS * STEP_MICROS / 1_000_000, "1 s", deadlines.size(), rearmMillis, armed, fired,
                spanMillis == 0 ? 0.0 : fired * 1000.0 / spanMillis, spanMillis, figures[0], figures[1], figures[2],
                transactions);

        assertThat(fired).isEqualTo(TIMERS);
        assertThat(count("select count(*) from domain_event where aggregate_id like 'measure-%'"
                + " and type = 'io.eer.AccessExpired.v1'")).isEqualTo(TIMERS);
        assertThat(count("select count(distinct aggregate_id) from domain_event where aggregate_id like 'measure-%'"
                + " and type = 'io.eer.AccessExpired.v1'")).isEqualTo(TIMERS);
    }
}
