package io.eer.review.application;

import io.eer.review.domain.ReviewStatus;
import io.eer.review.projection.ReviewReadModel;
import io.eer.review.projection.ReviewRow;
import io.eer.review.projection.ReviewView;
import io.eer.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The reviews a caller sees: those whose reviewer groups include one of the caller's groups; auditors see every
 * review. The people excluded from a review still see it when they are in its groups; they cannot complete it.
 * {@code overdue} is decided at the injected clock's now.
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

    /** One review as the caller may see it. */
    public sealed interface Seen {
        record Found(ReviewView view) implements Seen {
        }

        record Unknown() implements Seen {
        }

        /** The caller is neither in {@code reviewerGroups} nor an auditor. */
        record NotVisible(List<String> reviewerGroups) implements Seen {
        }
    }

    private final Clock clock;

    ListReviews(Clock clock) {
        this.clock = clock;
    }

    public Uni<List<ReviewView>> list(Caller caller, Filter filter, int limit) {
        return ReviewReadModel.list(filter.statuses, isAuditor(caller), caller.groups(), limit, clock.instant());
    }

    public Uni<Seen> one(Caller caller, String reviewId) {
        return ReviewRow.<ReviewRow>findById(reviewId).map(row -> {
            if (row == null) {
                return new Seen.Unknown();
            }
            if (!isAuditor(caller) && !caller.inAnyGroup(row.reviewerGroups)) {
                return new Seen.NotVisible(row.reviewerGroups);
            }
            return new Seen.Found(ReviewView.of(row, clock.instant()));
        });
    }

    private static boolean isAuditor(Caller caller) {
        return caller.groups().contains(AUDITORS);
    }
}
