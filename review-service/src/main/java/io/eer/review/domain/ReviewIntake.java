package io.eer.review.domain;

import io.eer.review.domain.UpstreamFact.Approval;
import io.eer.review.domain.UpstreamFact.Ended;
import io.eer.review.domain.UpstreamFact.Requested;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When an ended access becomes due a review, as a pure function of what is known about its request.
 *
 * <p>A request's history here is every fact received for it ({@link UpstreamFact}: the request, approvals, ends of
 * access) plus the grants that have a review already. Topics are not ordered with each other, so facts arrive in any
 * order. A grant is due a review once its access has ended, the request (reviewer groups, deadline) and its approval
 * (the approvers, who may not review) are known, and it has no review yet. Waiting for the approval never blocks for
 * good: no grant exists without one, and scheduling before it would let an approver review the access they approved.
 * A repeated revocation of the same grant adds nothing.
 */
public final class ReviewIntake {

    private ReviewIntake() {
    }

    /** What one request's history says. */
    public record Facts(Requested requested, List<Approval> approvals, List<Ended> ended, Set<GrantId> reviewedGrants) {

        public Facts {
            approvals = List.copyOf(approvals);
            ended = List.copyOf(ended);
            reviewedGrants = Set.copyOf(reviewedGrants);
        }

        public boolean complete() {
            return requested != null && !approvals.isEmpty();
        }
    }

    /** Folds {@code received}: the first request wins, approvals add up, the first end of a grant's access wins. */
    public static Facts fold(List<? extends UpstreamFact> received, Set<GrantId> reviewedGrants) {
        Requested requested = null;
        List<Approval> approvals = new ArrayList<>();
        Map<GrantId, Ended> ended = new LinkedHashMap<>();
        for (UpstreamFact fact : received) {
            if (fact instanceof Requested r && requested == null) {
                requested = r;
            } else if (fact instanceof Approval a) {
                approvals.add(a);
            } else if (fact instanceof Ended e) {
                ended.putIfAbsent(e.grantId(), e);
            }
        }
        return new Facts(requested, approvals, new ArrayList<>(ended.values()), reviewedGrants);
    }

    /** The accesses of the request that are due a review and have none, in order of their end. */
    public static List<AccessUnderReview> due(List<? extends UpstreamFact> received, Set<GrantId> reviewedGrants,
            ReviewPlan defaults) {
        Facts facts = fold(received, reviewedGrants);
        if (!facts.complete()) {
            return List.of();
        }
        return facts.ended().stream()
                .filter(end -> !facts.reviewedGrants().contains(end.grantId()))
                .map(end -> AccessUnderReview.of(facts.requested(), facts.approvals(), end, defaults))
                .toList();
    }

    /** {@code fact} arrives after {@code received}: the accesses that now need a review scheduled. */
    public static List<AccessUnderReview> receive(List<? extends UpstreamFact> received, Set<GrantId> reviewedGrants,
            UpstreamFact fact, ReviewPlan defaults) {
        List<UpstreamFact> all = new ArrayList<>(received);
        all.add(fact);
        return due(all, reviewedGrants, defaults);
    }

    /** {@link #receive(List, Set, UpstreamFact, ReviewPlan)} for a request none of whose grants has a review yet. */
    public static List<AccessUnderReview> receive(List<? extends UpstreamFact> received, UpstreamFact fact,
            ReviewPlan defaults) {
        return receive(received, Set.of(), fact, defaults);
    }
}
