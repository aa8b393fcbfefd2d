package io.eer.expiry.application;

import io.eer.expiry.projection.TimerView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The deadlines of pending timers within a horizon from now: what the in-memory timers arm. */
@ApplicationScoped
public class UpcomingDeadlines {

    /** More than this many timers due within one horizon are left to the poll (it drains them in batches). */
    static final int MAX_ARMED = 10_000;

    private final Clock clock;

    UpcomingDeadlines(Clock clock) {
        this.clock = clock;
    }

    public Uni<List<Instant>> within(Duration horizon) {
        return Panache.withSession(() -> TimerView.pendingDeadlinesUntil(clock.instant().plus(horizon), MAX_ARMED));
    }
}
