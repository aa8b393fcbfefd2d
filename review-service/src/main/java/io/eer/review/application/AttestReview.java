package io.eer.review.application;

import io.eer.review.domain.Review;
import io.eer.review.domain.ReviewCommand.Attest;
import io.eer.review.domain.ReviewEvent.AttestationGiven;
import io.eer.review.domain.ReviewId;
import io.eer.review.domain.ReviewRule;
import io.eer.review.infra.out.ReviewEventMapping;
import io.eer.review.projection.ReviewProjection;
import io.eer.review.projection.ReviewView;
import io.eer.support.decider.Decision;
import io.eer.support.eventsourcing.Aggregates;
import io.eer.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * The beneficiary's own account of a break-glass access ("what I did and why"), decided by the {@link Review}: only
 * the person who received the access, once, while the review is open. Stored as the internal
 * {@code AttestationGiven} on the review and shown in its evidence pack. Call inside a transaction.
 */
@ApplicationScoped
public class AttestReview {

    public sealed interface Result {
        record Attested(ReviewView view) implements Result {
        }

        record Refused(ReviewRule rule, String detail) implements Result {
        }
    }

    private final Aggregates aggregates;
    private final ReviewContext context;
    private final Clock clock;

    AttestReview(Aggregates aggregates, ReviewContext context, Clock clock) {
        this.aggregates = aggregates;
        this.context = context;
        this.clock = clock;
    }

    public Uni<Result> execute(ReviewId reviewId, String statement, Caller caller) {
        return context.load(reviewId).chain(loaded -> aggregates.execute(reviewId.value(), Review.DECIDER,
                ReviewEventMapping.INSTANCE, new Attest(caller.id(), loaded.evidence().beneficiary(), statement,
                        clock.instant().truncatedTo(ChronoUnit.MICROS))))
                .chain(executed -> {
                    if (executed.decision() instanceof Decision.Refused<?> refused) {
                        return Uni.createFrom().item((Result) new Result.Refused((ReviewRule) refused.rule(),
                                refused.detail()));
                    }
                    AttestationGiven given = (AttestationGiven) executed.decision().events().get(0);
                    return ReviewProjection.attested(given)
                            .map(row -> (Result) new Result.Attested(ReviewView.of(row, clock.instant())));
                });
    }
}
