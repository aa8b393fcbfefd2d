package io.eer.review.application;

import io.eer.contracts.events.ReviewCompleted;
import io.eer.contracts.events.Values.ReviewOutcome;
import io.eer.review.domain.Complete;
import io.eer.review.domain.Refusal;
import io.eer.review.domain.Review;
import io.eer.review.domain.Verdict;
import io.eer.review.infra.ReviewStore;
import io.eer.review.projection.ReviewView;
import io.eer.support.problem.Problem;
import io.eer.support.problem.ProblemException;
import io.eer.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Records a reviewer's conclusion and publishes {@code ReviewCompleted}. A refused completion changes nothing and
 * fails with a problem: 404 unknown review, 403 separation of duties or not a reviewer, 409 completed already,
 * 400 findings missing or too long. Call inside a transaction.
 */
@ApplicationScoped
public class CompleteReview {

    private final ReviewStore store;

    CompleteReview(ReviewStore store) {
        this.store = store;
    }

    public Uni<ReviewView> execute(String reviewId, ReviewOutcome outcome, String findings, Caller caller) {
        Complete command = new Complete(caller.id(), caller.groups(), outcome, findings);
        return store.loadForUpdate(reviewId).chain(loaded -> {
            if (loaded.row() == null) {
                return Uni.createFrom().failure(ProblemException.notFound("review " + reviewId));
            }
            Verdict verdict = Review.complete(loaded.history(), command);
            if (verdict instanceof Verdict.Refused refused) {
                return Uni.createFrom().failure(problem(reviewId, refused));
            }
            ReviewCompleted completed = (ReviewCompleted) ((Verdict.Accepted) verdict).events().get(0);
            return store.complete(loaded.row(), completed).map(ReviewView::of);
        });
    }

    public static ProblemException problem(String reviewId, Verdict.Refused refused) {
        Refusal refusal = refused.refusal();
        return switch (refusal) {
            case UNKNOWN_REVIEW -> ProblemException.notFound("review " + reviewId);
            case SEPARATION_OF_DUTIES, REVIEWER_GROUP -> refusedWith(403, "Forbidden", refused);
            case ALREADY_COMPLETED -> refusedWith(409, "Conflict", refused);
            case FINDINGS_REQUIRED, FINDINGS_TOO_LONG, OUTCOME_REQUIRED -> refusedWith(400, "Invalid request", refused);
        };
    }

    private static ProblemException refusedWith(int status, String title, Verdict.Refused refused) {
        return new ProblemException(Problem.invalid(status, title, List.of(
                new Problem.Violation(refused.refusal().field(), refused.refusal().rule(), refused.message()))));
    }
}
