package io.eer.support.time;

import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock of every {@code @QuarkusTest}: system time plus an offset a test moves, so that a timer due in an hour
 * fires after {@code advance(Duration.ofHours(1))} instead of an hour of waiting. It only exists in builds of the
 * {@code test} profile; a packaged service has the system clock ({@link DefaultsProducer}) and no way to move it.
 */
@IfBuildProfile("test")
@Singleton
public class SettableClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /** Moves time forward (or back, with a negative amount) for every bean that reads the clock. */
    public void advance(Duration amount) {
        offset.updateAndGet(current -> current.plus(amount));
    }

    /** Back to system time. Tests that advance call this in {@code @AfterEach}. */
    public void reset() {
        offset.set(Duration.ZERO);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset.get());
    }
}
