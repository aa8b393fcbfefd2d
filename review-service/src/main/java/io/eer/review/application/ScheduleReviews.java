package io.eer.review.application;

import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.AccessRevoked;
import io.eer.contracts.events.Approved;
import io.eer.contracts.events.DomainEvent;
import io.eer.contracts.events.EmergencyRequested;
import io.eer.contracts.events.ReviewScheduled;
import io.eer.review.domain.AccessUnderReview;
import io.eer.review.domain.Review;
import io.eer.review.domain.ReviewIntake;
import io.eer.review.infra.ReviewSettings;
import io.eer.review.infra.ReviewStore;
import io.eer.support.time.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Takes in an upstream event a review is built from ({@code EmergencyRequested}, {@code Approved},
 * {@code AccessRevoked}) and schedules the reviews that became due with it: one per ended grant, never two (the
 * intake's state, under a per-request lock, and the unique grant id of the read model). Other events are ignored.
 * Call inside a transaction.
 */
@ApplicationScoped
public class ScheduleReviews {

    private final ReviewStore store;
    private final ReviewSettings settings;
    private final Ids ids;

    ScheduleReviews(ReviewStore store, ReviewSettings settings, Ids ids) {
        this.store = store;
        this.settings = settings;
        this.ids = ids;
    }

    public Uni<Void> execute(EventEnvelope event) {
        DomainEvent data = event.data();
        if (!(data instanceof EmergencyRequested || data instanceof Approved || data instanceof AccessRevoked)) {
            return Uni.createFrom().voidItem();
        }
        String requestId = data.requestId();
        return store.lockRequest(requestId)
                .chain(() -> store.requestHistory(requestId))
                .chain(history -> {
                    List<AccessUnderReview> due = ReviewIntake.receive(history, data, settings.defaults());
                    Uni<Void> work = store.keep(event);
                    for (AccessUnderReview access : due) {
                        work = work.chain(() -> schedule(access));
                    }
                    return work;
                });
    }

    private Uni<Void> schedule(AccessUnderReview access) {
        String reviewId = ids.next();
        List<DomainEvent> events = Review.schedule(List.of(), reviewId, access);
        return store.schedule(access, (ReviewScheduled) events.get(0)).replaceWithVoid();
    }
}
