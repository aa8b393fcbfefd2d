package io.eer.review.projection;

import io.eer.review.domain.ReviewStatus;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Queries on the review read model. */
public final class ReviewReadModel {

    private ReviewReadModel() {
    }

    /**
     * Reviews in {@code statuses}, soonest due first; all of them when {@code everyGroup} (auditors), else those
     * whose reviewer groups include one of {@code groups}.
     */
    public static Uni<List<ReviewView>> list(Set<ReviewStatus> statuses, boolean everyGroup, Collection<String> groups,
            int limit, Instant now) {
        if (!everyGroup && groups.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String query = "from ReviewRow r where r.status in :statuses"
                + (everyGroup ? "" : " and exists (select 1 from ReviewGroupRow g"
                        + " where g.reviewId = r.reviewId and g.groupName in :groups)")
                + " order by r.dueAt, r.reviewId";
        Parameters parameters = Parameters.with("statuses", statuses);
        if (!everyGroup) {
            parameters = parameters.and("groups", groups);
        }
        return ReviewRow.<ReviewRow>find(query, parameters).page(Page.ofSize(limit)).list()
                .map(rows -> rows.stream().map(row -> ReviewView.of(row, now)).toList());
    }
}
