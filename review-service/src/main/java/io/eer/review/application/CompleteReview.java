package io.eer.review.application;

import io.eer.contracts.events.AttemptRefused;
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
import io.eer.support.time.Ids;
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

    /** What the caller is answered, once the transaction has committed. */
    public sealed interface Outcome {
        record Completed(ReviewView view) implements Outcome {
        }

        record Refused(ProblemException problem) implements Outcome {
        }
    }

    /** The action an {@code AttemptRefused} names for a refused completion. */
    public static final String ACTION = "COMPLETE_REVIEW";

    private final ReviewStore store;
    private final Ids ids;

    CompleteReview(ReviewStore store, Ids ids) {
        this.store = store;
        this.ids = ids;
    }

    /**
     * Completes the review, or answers why not. A refusal by separation of duties or reviewer group is recorded as
     * {@code AttemptRefused} (action {@value #ACTION}) and returned, not failed, so the caller's transaction commits
     * that evidence before the 403 is sent.
     */
    public Uni<Outcome> execute(String reviewId, ReviewOutcome outcome, String findings, Caller caller) {
        Complete command = new Complete(caller.id(), caller.groups(), outcome, findings);
        return store.loadForUpdate(reviewId).chain(loaded -> {
            if (loaded.row() == null) {
                return Uni.createFrom().item(new Outcome.Refused(ProblemException.notFound("review " + reviewId)));
            }
            Verdict verdict = Review.complete(loaded.history(), command);
            if (verdict instanceof Verdict.Refused refused) {
                Outcome answer = new Outcome.Refused(problem(reviewId, refused));
                Refusal refusal = refused.refusal();
                if (refusal != Refusal.SEPARATION_OF_DUTIES && refusal != Refusal.REVIEWER_GROUP) {
                    return Uni.createFrom().item(answer);
                }
                return store.policyOf(loaded.row().requestId).chain(policy -> store.recordRefusal(loaded.row(),
                        new AttemptRefused(loaded.row().requestId, caller.principal(), ACTION, refusal.rule(),
                                refused.message(), policy), ids.next()))
                        .replaceWith(answer);
            }
            ReviewCompleted completed = (ReviewCompleted) ((Verdict.Accepted) verdict).events().get(0);
            return store.complete(loaded.row(), completed).map(ReviewView::of).map(Outcome.Completed::new);
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
