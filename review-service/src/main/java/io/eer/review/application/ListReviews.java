package io.eer.review.application;

import io.eer.review.domain.ReviewStatus;
import io.eer.review.projection.ReviewReadModel;
import io.eer.review.projection.ReviewRow;
import io.eer.review.projection.ReviewView;
import io.eer.support.problem.Problem;
import io.eer.support.problem.ProblemException;
import io.eer.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The reviews a caller sees: those whose reviewer groups include one of the caller's groups; auditors see every
 * review. The people excluded from a review still see it when they are in its groups; they cannot complete it.
 */
@ApplicationScoped
public class ListReviews {

    public static final String AUDITORS = "auditors";

    public enum Filter {
        OPEN(EnumSet.of(ReviewStatus.OPEN)),
        COMPLETED(EnumSet.of(ReviewStatus.COMPLETED)),
        ALL(EnumSet.allOf(ReviewStatus.class));

        private final Set<ReviewStatus> statuses;

        Filter(Set<ReviewStatus> statuses) {
            this.statuses = statuses;
        }
    }

    public Uni<List<ReviewView>> list(Caller caller, Filter filter, int limit) {
        return ReviewReadModel.list(filter.statuses, isAuditor(caller), caller.groups(), limit);
    }

    /** One review; 404 when unknown, 403 (rule {@code reviewer-group}) when the caller may not see it. */
    public Uni<ReviewView> one(Caller caller, String reviewId) {
        return ReviewRow.<ReviewRow>findById(reviewId).map(row -> {
            if (row == null) {
                throw ProblemException.notFound("review " + reviewId);
            }
            if (!isAuditor(caller) && !caller.inAnyGroup(row.reviewerGroups)) {
                throw new ProblemException(Problem.invalid(403, "Forbidden", List.of(new Problem.Violation(
                        "reviewer", "reviewer-group",
                        "only members of " + row.reviewerGroups + " or auditors may see this review"))));
            }
            return ReviewView.of(row);
        });
    }

    private static boolean isAuditor(Caller caller) {
        return caller.groups().contains(AUDITORS);
    }
}
