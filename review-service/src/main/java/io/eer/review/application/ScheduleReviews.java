package io.eer.review.application;

import io.eer.contracts.EventEnvelope;
import io.eer.review.config.ReviewSettings;
import io.eer.review.domain.AccessUnderReview;
import io.eer.review.domain.Finding;
import io.eer.review.domain.GrantId;
import io.eer.review.domain.Review;
import io.eer.review.domain.ReviewCommand.Schedule;
import io.eer.review.domain.ReviewEvent;
import io.eer.review.domain.ReviewEvent.ReviewScheduled;
import io.eer.review.domain.ReviewEvidence;
import io.eer.review.domain.ReviewFindings;
import io.eer.review.domain.ReviewId;
import io.eer.review.domain.ReviewIntake;
import io.eer.review.domain.ReviewPlan;
import io.eer.review.domain.UpstreamFact;
import io.eer.review.infra.out.ReviewEventMapping;
import io.eer.review.infra.out.ReviewStore;
import io.eer.review.infra.out.ReviewerNotifications;
import io.eer.review.infra.out.UpstreamFacts;
import io.eer.review.projection.ReviewProjection;
import io.eer.support.eventsourcing.Aggregates;
import io.eer.support.time.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Takes in an upstream event a review is built from ({@code EmergencyRequested}, {@code Approved},
 * {@code AccessRevoked}; {@code AccessGranted} and {@code SessionActionLogged} are kept as evidence only) and
 * schedules the reviews that became due with it: one per ended grant, never two (the
 * intake's state, under a per-request lock, and the unique grant id of the read model). Other events are ignored.
 * Call inside a transaction.
 */
@ApplicationScoped
public class ScheduleReviews {

    private final ReviewStore store;
    private final Aggregates aggregates;
    private final ReviewSettings settings;
    private final Ids ids;
    private final ReviewerNotifications notifications;

    ScheduleReviews(ReviewStore store, Aggregates aggregates, ReviewSettings settings, Ids ids,
            ReviewerNotifications notifications) {
        this.notifications = notifications;
        this.store = store;
        this.aggregates = aggregates;
        this.settings = settings;
        this.ids = ids;
    }

    public Uni<Void> execute(EventEnvelope event) {
        Optional<UpstreamFact> received = UpstreamFacts.of(event); // a bad id is a poison event
        if (received.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        UpstreamFact fact = received.get();
        if (fact instanceof UpstreamFact.Action action) {
            return keepEvidence(event, action.grantId());
        }
        if (fact instanceof UpstreamFact.Granted granted) {
            return keepEvidence(event, granted.grantId());
        }
        String requestId = fact.requestId().value();
        ReviewPlan defaults = new ReviewPlan(settings.defaultReviewerGroups(), settings.defaultDueWithin());
        return store.lockRequest(requestId)
                .chain(() -> store.facts(requestId))
                .chain(facts -> store.reviewedGrants(requestId).chain(reviewed -> {
                    Uni<Void> work = store.keep(event);
                    List<UpstreamFact> all = new ArrayList<>(facts);
                    all.add(fact);
                    for (AccessUnderReview access : ReviewIntake.receive(facts, reviewed, fact, defaults)) {
                        List<Finding> findings = ReviewFindings.of(ReviewEvidence.of(all, access.grantId()));
                        work = work.chain(() -> schedule(access, findings));
                    }
                    return work;
                }));
    }

    /**
     * A grant or a session action: evidence only, it makes no review due (no intake fold). Once the grant has a
     * review, its findings are recomputed from all its evidence. The request's lock is taken after this event is
     * kept and before looking for the review, so against a review being scheduled at the same moment one of the two
     * transactions runs after the other committed: either the scheduling sees this action, or this sees the review.
     */
    private Uni<Void> keepEvidence(EventEnvelope event, GrantId grantId) {
        String requestId = event.data().requestId();
        return store.keep(event)
                .chain(() -> store.lockRequest(requestId))
                .chain(() -> ReviewProjection.reviewed(grantId.value()))
                .chain(reviewed -> !reviewed ? Uni.createFrom().voidItem()
                        : store.facts(requestId).chain(facts -> ReviewProjection.found(grantId.value(),
                                ReviewFindings.of(ReviewEvidence.of(facts, grantId)))));
    }

    private Uni<Void> schedule(AccessUnderReview access, List<Finding> findings) {
        ReviewId reviewId = new ReviewId(ids.next());
        return aggregates.execute(reviewId.value(), Review.DECIDER, ReviewEventMapping.INSTANCE,
                new Schedule(reviewId, access)).chain(executed -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (int i = 0; i < executed.decision().events().size(); i++) {
                        ReviewEvent decided = executed.decision().events().get(i);
                        var at = executed.published().get(i).time().truncatedTo(ChronoUnit.MICROS);
                        chain = chain.chain(() -> ReviewProjection.scheduled((ReviewScheduled) decided, access, at,
                                findings)
                                .chain(() -> notifications.due((ReviewScheduled) decided)));
                    }
                    return chain;
                });
    }
}
