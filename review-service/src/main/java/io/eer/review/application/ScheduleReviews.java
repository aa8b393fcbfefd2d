package io.eer.review.application;

import io.eer.contracts.EventEnvelope;
import io.eer.review.config.ReviewSettings;
import io.eer.review.domain.AccessUnderReview;
import io.eer.review.domain.Review;
import io.eer.review.domain.ReviewCommand.Schedule;
import io.eer.review.domain.ReviewEvent;
import io.eer.review.domain.ReviewEvent.ReviewScheduled;
import io.eer.review.domain.ReviewId;
import io.eer.review.domain.ReviewIntake;
import io.eer.review.domain.ReviewPlan;
import io.eer.review.domain.UpstreamFact;
import io.eer.review.infra.out.ReviewEventMapping;
import io.eer.review.infra.out.ReviewStore;
import io.eer.review.infra.out.UpstreamFacts;
import io.eer.review.projection.ReviewProjection;
import io.eer.support.eventsourcing.Aggregates;
import io.eer.support.time.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Takes in an upstream event a review is built from ({@code EmergencyRequested}, {@code Approved},
 * {@code AccessRevoked}) and schedules the reviews that became due with it: one per ended grant, never two (the
 * intake's state, under a per-request lock, and the unique grant id of the read model). Other events are ignored.
 * Call inside a transaction.
 */
@ApplicationScoped
public class ScheduleReviews {

    private final ReviewStore store;
    private final Aggregates aggregates;
    private final ReviewSettings settings;
    private final Ids ids;

    ScheduleReviews(ReviewStore store, Aggregates aggregates, ReviewSettings settings, Ids ids) {
        this.store = store;
        this.aggregates = aggregates;
        this.settings = settings;
        this.ids = ids;
    }

    public Uni<Void> execute(EventEnvelope event) {
        Optional<UpstreamFact> received = UpstreamFacts.of(event.data()); // a bad id is a poison event
        if (received.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        UpstreamFact fact = received.get();
        String requestId = fact.requestId().value();
        ReviewPlan defaults = new ReviewPlan(settings.defaultReviewerGroups(), settings.defaultDueWithin());
        return store.lockRequest(requestId)
                .chain(() -> store.facts(requestId))
                .chain(facts -> store.reviewedGrants(requestId).chain(reviewed -> {
                    Uni<Void> work = store.keep(event);
                    for (AccessUnderReview access : ReviewIntake.receive(facts, reviewed, fact, defaults)) {
                        work = work.chain(() -> schedule(access));
                    }
                    return work;
                }));
    }

    private Uni<Void> schedule(AccessUnderReview access) {
        ReviewId reviewId = new ReviewId(ids.next());
        return aggregates.execute(reviewId.value(), Review.DECIDER, ReviewEventMapping.INSTANCE,
                new Schedule(reviewId, access)).chain(executed -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (int i = 0; i < executed.decision().events().size(); i++) {
                        ReviewEvent decided = executed.decision().events().get(i);
                        var at = executed.published().get(i).time().truncatedTo(ChronoUnit.MICROS);
                        chain = chain.chain(() -> ReviewProjection.scheduled((ReviewScheduled) decided, access, at)
                                .replaceWithVoid());
                    }
                    return chain;
                });
    }
}
