package io.eer.review.application;

import io.eer.review.domain.Outcome;
import io.eer.review.domain.Review;
import io.eer.review.domain.ReviewCommand.Complete;
import io.eer.review.domain.ReviewEvent.ReviewCompleted;
import io.eer.review.domain.ReviewId;
import io.eer.review.domain.ReviewRule;
import io.eer.review.infra.out.ReviewEventMapping;
import io.eer.review.infra.out.ReviewStore;
import io.eer.review.projection.ReviewProjection;
import io.eer.review.projection.ReviewView;
import io.eer.support.decider.Decision;
import io.eer.support.eventsourcing.Aggregates;
import io.eer.support.security.Caller;
import io.eer.support.time.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * A reviewer's conclusion: decided by the {@link Review} (rebuilt from its events; a break-glass access needs its
 * beneficiary's attestation first), stored and published as
 * {@code ReviewCompleted}, and applied to the read model. A refusal changes nothing in the review; a refusal by
 * separation of duties or reviewer group is recorded as {@code AttemptRefused} (action {@value #ACTION}) and
 * returned, not failed, so the caller's transaction commits that evidence before the 403 is sent. Two reviewers
 * completing at once decide on the same version: one commits, the other is rerun and finds it completed. Call
 * inside a transaction.
 */
@ApplicationScoped
public class CompleteReview {

    /** The action an {@code AttemptRefused} names for a refused completion. */
    public static final String ACTION = "COMPLETE_REVIEW";

    /** What the caller is answered, once the transaction has committed. */
    public sealed interface Result {
        record Completed(ReviewView view) implements Result {
        }

        record Refused(ReviewRule rule, String detail) implements Result {
        }
    }

    private final Aggregates aggregates;
    private final ReviewStore store;
    private final ReviewContext context;
    private final Ids ids;
    private final Clock clock;

    CompleteReview(Aggregates aggregates, ReviewStore store, ReviewContext context, Ids ids, Clock clock) {
        this.aggregates = aggregates;
        this.store = store;
        this.context = context;
        this.ids = ids;
        this.clock = clock;
    }

    public Uni<Result> execute(ReviewId reviewId, Outcome outcome, String findings, Caller caller) {
        // whether the beneficiary must have attested comes from the request (EMERGENCY), kept in review_input
        return context.load(reviewId).chain(loaded -> complete(reviewId, new Complete(caller.id(), caller.groups(),
                outcome, findings, loaded.evidence().emergency()), caller));
    }

    private Uni<Result> complete(ReviewId reviewId, Complete command, Caller caller) {
        return aggregates.execute(reviewId.value(), Review.DECIDER, ReviewEventMapping.INSTANCE, command)
                .chain(executed -> {
                    if (executed.decision() instanceof Decision.Refused<?> refused) {
                        ReviewRule rule = (ReviewRule) refused.rule();
                        Result answer = new Result.Refused(rule, refused.detail());
                        if (rule != ReviewRule.SEPARATION_OF_DUTIES && rule != ReviewRule.REVIEWER_GROUP) {
                            return Uni.createFrom().item(answer);
                        }
                        String requestId = executed.state().scheduled().requestId().value();
                        return store.recordRefusal(reviewId.value(), ids.next(), requestId, caller.principal(), ACTION,
                                rule.rule(), refused.detail()).replaceWith(answer);
                    }
                    ReviewCompleted completed = (ReviewCompleted) executed.decision().events().get(0);
                    var at = executed.published().get(0).time().truncatedTo(ChronoUnit.MICROS);
                    return ReviewProjection.completed(completed, at)
                            .map(row -> (Result) new Result.Completed(ReviewView.of(row, clock.instant())));
                });
    }
}
