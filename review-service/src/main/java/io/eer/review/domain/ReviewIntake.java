package io.eer.review.domain;

import io.eer.contracts.events.AccessRevoked;
import io.eer.contracts.events.Approved;
import io.eer.contracts.events.DomainEvent;
import io.eer.contracts.events.EmergencyRequested;
import io.eer.contracts.events.ReviewScheduled;
import io.eer.contracts.events.Values.ReviewPlan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When an ended access becomes due a review, as a pure function of what is known about its request.
 *
 * <p>A request's history here is every {@code EmergencyRequested}, {@code Approved} and {@code AccessRevoked}
 * received for it, plus the {@code ReviewScheduled} events this service published for it. Topics are not ordered
 * with each other, so these arrive in any order. A grant is due a review once its access has ended
 * ({@code AccessRevoked}, any reason), the request ({@code EmergencyRequested}: reviewer groups, deadline) and its
 * approval ({@code Approved}: the approvers, who may not review) are known, and it has no review yet. Waiting for
 * {@code Approved} never blocks for good: no grant exists without one, and scheduling before it would let an approver
 * review the access they approved. A repeated revocation of the same grant (a new event id) adds nothing.
 */
public final class ReviewIntake {

    private ReviewIntake() {
    }

    /** What one request's history says. */
    public record Facts(EmergencyRequested requested, List<Approved> approvals, List<AccessRevoked> ended,
            Set<String> reviewedGrants) {

        public Facts {
            approvals = List.copyOf(approvals);
            ended = List.copyOf(ended);
            reviewedGrants = Set.copyOf(reviewedGrants);
        }

        public boolean complete() {
            return requested != null && !approvals.isEmpty();
        }
    }

    /** Folds {@code history}: the first request wins, approvals add up, the first revocation of a grant wins. */
    public static Facts fold(List<? extends DomainEvent> history) {
        EmergencyRequested requested = null;
        List<Approved> approvals = new ArrayList<>();
        Map<String, AccessRevoked> ended = new LinkedHashMap<>();
        Set<String> reviewed = new HashSet<>();
        for (DomainEvent event : history) {
            if (event instanceof EmergencyRequested r && requested == null) {
                requested = r;
            } else if (event instanceof Approved a) {
                approvals.add(a);
            } else if (event instanceof AccessRevoked revoked) {
                ended.putIfAbsent(revoked.grantId(), revoked);
            } else if (event instanceof ReviewScheduled scheduled) {
                reviewed.add(scheduled.grantId());
            }
        }
        return new Facts(requested, approvals, new ArrayList<>(ended.values()), reviewed);
    }

    /** The accesses of {@code history}'s request that are due a review and have none, in revocation order. */
    public static List<AccessUnderReview> due(List<? extends DomainEvent> history, ReviewPlan defaults) {
        Facts facts = fold(history);
        if (!facts.complete()) {
            return List.of();
        }
        return facts.ended().stream()
                .filter(revoked -> !facts.reviewedGrants().contains(revoked.grantId()))
                .map(revoked -> AccessUnderReview.of(facts.requested(), facts.approvals(), revoked, defaults))
                .toList();
    }

    /** {@code received} arrives after {@code history}: the accesses that now need a review scheduled. */
    public static List<AccessUnderReview> receive(List<? extends DomainEvent> history, DomainEvent received,
            ReviewPlan defaults) {
        List<DomainEvent> all = new ArrayList<>(history);
        all.add(received);
        return due(all, defaults);
    }
}
