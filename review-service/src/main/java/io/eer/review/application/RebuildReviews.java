package io.eer.review.application;

import io.eer.review.config.ReviewSettings;
import io.eer.review.domain.AccessUnderReview;
import io.eer.review.domain.ReviewEvent;
import io.eer.review.domain.ReviewEvent.AttestationGiven;
import io.eer.review.domain.ReviewEvent.ReviewCompleted;
import io.eer.review.domain.ReviewEvent.ReviewOverdue;
import io.eer.review.domain.ReviewEvent.ReviewScheduled;
import io.eer.review.domain.ReviewEvidence;
import io.eer.review.domain.ReviewFindings;
import io.eer.review.domain.ReviewIntake;
import io.eer.review.domain.ReviewPlan;
import io.eer.review.infra.out.ReviewEventMapping;
import io.eer.review.infra.out.ReviewStore;
import io.eer.review.projection.ReviewProjection;
import io.eer.support.eventsourcing.Aggregates;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Rebuilds the read model ({@code review}, {@code review_group}) in one transaction: empties it, then applies every
 * stored event of a review ({@code ReviewScheduled}, {@code ReviewOverdue}, {@code AttestationGiven},
 * {@code ReviewCompleted}) again, oldest first; the automatic findings are recomputed from the kept evidence. What a {@code ReviewScheduled} does not
 * carry (requester, beneficiary, system, role, approvers, revokedAt, break-glass) comes from the upstream events
 * kept in {@code review_input}, folded by the same intake that scheduled the review. Answers the events applied.
 */
@ApplicationScoped
public class RebuildReviews {

    static final int PAGE = 500;

    private final Aggregates aggregates;
    private final ReviewStore store;
    private final ReviewSettings settings;

    RebuildReviews(Aggregates aggregates, ReviewStore store, ReviewSettings settings) {
        this.aggregates = aggregates;
        this.store = store;
        this.settings = settings;
    }

    public Uni<Long> execute() {
        long[] applied = {0};
        ReviewPlan defaults = new ReviewPlan(settings.defaultReviewerGroups(), settings.defaultDueWithin());
        return Panache.withTransaction(() -> ReviewProjection.clear()
                .chain(() -> aggregates.replayAll(PAGE, row -> {
                    if (!ReviewEventMapping.TYPES.contains(row.type)) {
                        return Uni.createFrom().voidItem(); // AttemptRefused and the like: not the read model's
                    }
                    applied[0]++;
                    ReviewEvent event = Aggregates.read(row, ReviewEventMapping.INSTANCE);
                    if (event instanceof ReviewCompleted completed) {
                        return ReviewProjection.completed(completed, row.recordedAt).replaceWithVoid();
                    }
                    if (event instanceof AttestationGiven attestation) {
                        return ReviewProjection.attested(attestation).replaceWithVoid();
                    }
                    if (event instanceof ReviewOverdue overdue) {
                        return ReviewProjection.reminded(overdue, row.recordedAt, settings.reminders().interval())
                                .replaceWithVoid();
                    }
                    ReviewScheduled scheduled = (ReviewScheduled) event;
                    return store.facts(scheduled.requestId().value()).chain(facts -> {
                        AccessUnderReview access = ReviewIntake.due(facts, Set.of(), defaults).stream()
                                .filter(candidate -> candidate.grantId().equals(scheduled.grantId()))
                                .findFirst()
                                .orElseThrow(() -> new IllegalStateException("review " + scheduled.reviewId()
                                        + ": the upstream events of its grant are missing"));
                        return ReviewProjection.scheduled(scheduled, access, row.recordedAt,
                                ReviewFindings.of(ReviewEvidence.of(facts, scheduled.grantId()))).replaceWithVoid();
                    });
                })))
                .map(ignored -> applied[0]);
    }
}
