package io.eer.review.infra.out;

import com.fasterxml.jackson.databind.JsonNode;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.EventTypes;
import io.eer.contracts.MalformedEventException;
import io.eer.contracts.Topics;
import io.eer.contracts.events.Values.ReviewOutcome;
import io.eer.review.domain.GrantId;
import io.eer.review.domain.Outcome;
import io.eer.review.domain.RequestId;
import io.eer.review.domain.ReviewEvent;
import io.eer.review.domain.ReviewEvent.ReviewCompleted;
import io.eer.review.domain.ReviewEvent.ReviewScheduled;
import io.eer.review.domain.ReviewId;
import io.eer.support.eventsourcing.EventMapping;
import io.eer.support.eventsourcing.StoredForm;
import java.util.Set;

/** A review's events are both public: {@code ReviewScheduled} and {@code ReviewCompleted} on {@code eer.reviews}. */
public final class ReviewEventMapping implements EventMapping<ReviewEvent> {

    public static final ReviewEventMapping INSTANCE = new ReviewEventMapping();

    public static final String SCHEDULED_TYPE = EventTypes.typeOf(io.eer.contracts.events.ReviewScheduled.class);
    public static final String COMPLETED_TYPE = EventTypes.typeOf(io.eer.contracts.events.ReviewCompleted.class);
    /** The {@code domain_event.type}s of reviews (a rebuild skips anything else, e.g. AttemptRefused). */
    public static final Set<String> TYPES = Set.of(SCHEDULED_TYPE, COMPLETED_TYPE);

    @Override
    public StoredForm toStored(ReviewEvent event) {
        if (event instanceof ReviewScheduled s) {
            return new StoredForm.Published(Topics.REVIEWS, new io.eer.contracts.events.ReviewScheduled(
                    s.reviewId().value(), s.grantId().value(), s.requestId().value(), s.reviewerGroups(),
                    s.excludedReviewers(), s.dueAt()));
        }
        ReviewCompleted c = (ReviewCompleted) event;
        return new StoredForm.Published(Topics.REVIEWS, new io.eer.contracts.events.ReviewCompleted(
                c.reviewId().value(), c.grantId().value(), c.requestId().value(), ReviewOutcome.valueOf(c.outcome().name()),
                c.findings(), c.reviewer()));
    }

    @Override
    public ReviewEvent fromPublished(EventEnvelope envelope) {
        if (envelope.data() instanceof io.eer.contracts.events.ReviewScheduled s) {
            return new ReviewScheduled(new ReviewId(s.reviewId()), new GrantId(s.grantId()),
                    new RequestId(s.requestId()), s.reviewerGroups(), s.excludedReviewers(), s.dueAt());
        }
        if (envelope.data() instanceof io.eer.contracts.events.ReviewCompleted c) {
            return new ReviewCompleted(new ReviewId(c.reviewId()), new GrantId(c.grantId()),
                    new RequestId(c.requestId()), c.outcome() == null ? null : Outcome.valueOf(c.outcome().name()),
                    c.findings(), c.reviewer());
        }
        throw new MalformedEventException("a review's history holds " + envelope.type());
    }

    @Override
    public ReviewEvent fromInternal(String name, JsonNode body) {
        throw new MalformedEventException("a review has no internal events, found internal:" + name);
    }
}
