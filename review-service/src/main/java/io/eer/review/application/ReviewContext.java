package io.eer.review.application;

import io.eer.review.domain.Review;
import io.eer.review.domain.ReviewEvidence;
import io.eer.review.domain.ReviewId;
import io.eer.review.domain.ReviewState;
import io.eer.review.infra.out.ReviewEventMapping;
import io.eer.review.infra.out.ReviewStore;
import io.eer.support.eventsourcing.Aggregates;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * A review as its events leave it, with the evidence of its grant (the upstream facts kept for its request): what a
 * command on the review needs to know about the access (who received it, whether it was break-glass).
 */
@ApplicationScoped
public class ReviewContext {

    /** {@code evidence} is empty (no request, no actions) when the review does not exist. */
    public record Loaded(ReviewState state, ReviewEvidence evidence) {
    }

    private final Aggregates aggregates;
    private final ReviewStore store;

    ReviewContext(Aggregates aggregates, ReviewStore store) {
        this.aggregates = aggregates;
        this.store = store;
    }

    public Uni<Loaded> load(ReviewId reviewId) {
        return aggregates.load(reviewId.value(), ReviewEventMapping.INSTANCE).chain(history -> {
            ReviewState state = Review.DECIDER.fold(history.events());
            if (!state.exists()) {
                return Uni.createFrom().item(new Loaded(state, new ReviewEvidence(null, List.of(), null, List.of(),
                        null)));
            }
            return store.facts(state.scheduled().requestId().value())
                    .map(facts -> new Loaded(state, ReviewEvidence.of(facts, state.scheduled().grantId())));
        });
    }
}
