package io.eer.expiry.application;

import io.eer.expiry.infra.out.TimerEventMapping;
import io.eer.expiry.projection.TimerView;
import io.eer.support.eventsourcing.Aggregates;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Rebuilds the {@link TimerView} projection from {@code domain_event} in one transaction: empties it, then applies
 * every stored timer event again, oldest first. Answers the number of timer events applied.
 */
@ApplicationScoped
public class RebuildTimerView {

    static final int PAGE = 500;

    private final Aggregates aggregates;

    RebuildTimerView(Aggregates aggregates) {
        this.aggregates = aggregates;
    }

    public Uni<Long> execute() {
        long[] applied = {0};
        return Panache.withTransaction(() -> TimerView.clear()
                .chain(() -> aggregates.replayAll(PAGE, row -> {
                    if (!TimerEventMapping.TYPES.contains(row.type)) {
                        return Uni.createFrom().voidItem(); // not a timer's (e.g. another aggregate's test rows)
                    }
                    applied[0]++;
                    return TimerView.apply(Aggregates.read(row, TimerEventMapping.INSTANCE));
                })))
                .map(ignored -> applied[0]);
    }
}
